extern alias KnobsGenerator;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

using Resolver = KnobsGenerator::Knobs.Generators.Resolving.TemplateResolver;
using Syntax = KnobsGenerator::Knobs.Generators.Model.TemplateSyntax;

namespace Knobs.Benchmarks.Generator;

/// <summary>
/// `generator` suite: the Knobs generator's time for the six sample templates (samples/*) × the built-in HPVM table,
/// cold (a fresh driver and compilation) and on an unrelated edit (a file outside every template changes).
/// Goal: the unrelated-edit run costs under 5 % of the cold run. Options: --runs N (default 7), --repo DIR, --steps (time per
/// step of the edit runs; implies --tracked), --tracked (time with step tracking on, which the compiler leaves off), --floor
/// (also time <see cref="FloorGenerator"/>: Roslyn's own cost of finding the templates, the floor of any such generator),
/// --paths (time, on each unrelated-edit compilation, the call resolution as the generator does it against binding every
/// template with the semantic model, which is what resolving in the transform would cost on every compilation).
/// </summary>
public static class GeneratorSuite
{
    private const string UnrelatedPath = "/bench/Unrelated.cs";

    public static int Run(string[] args)
    {
        int runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 7;
        string repo = Option(args, "--repo") ?? FindRepo();
        bool steps = Array.IndexOf(args, "--steps") >= 0;
        bool tracked = steps || Array.IndexOf(args, "--tracked") >= 0;
        bool floor = Array.IndexOf(args, "--floor") >= 0;
        bool paths = Array.IndexOf(args, "--paths") >= 0;
        List<SyntaxTree> trees = SampleTrees(repo);
        int templates = trees.Count(t => t.GetText().ToString().Contains("[KnobBenchmark", StringComparison.Ordinal));
        Console.WriteLine($"generator: {templates} templates ({trees.Count} files from {Path.Combine(repo, "samples")}) x the built-in HPVM table, {runs} runs each, step tracking {(tracked ? "on" : "off (as in the compiler)")}");

        // Warm up the JIT on the generator and Roslyn before timing anything.
        for (int i = 0; i < 2; i++) Cold(trees, tracked, out _);

        var floorCold = new List<double>();
        var floorEdit = new List<double>();
        var cold = new List<double>();
        var coldGenerator = new List<double>();
        var edit = new List<double>();
        var editGenerator = new List<double>();
        int files = 0;
        var stepTimes = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        for (int i = 0; i < runs; i++)
        {
            (double wall, double generator, GeneratorDriver driver, Compilation compilation) = Cold(trees, tracked, out files);
            cold.Add(wall);
            coldGenerator.Add(generator);

            SyntaxTree unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
            Compilation edited = compilation.ReplaceSyntaxTree(unrelated, Parse(Unrelated(i + 1), UnrelatedPath));
            var watch = Stopwatch.StartNew();
            driver = driver.RunGenerators(edited);
            watch.Stop();
            edit.Add(watch.Elapsed.TotalMilliseconds);
            editGenerator.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
            if (steps) AddSteps(driver, stepTimes);
            if (floor)
            {
                (double floorWall, _, GeneratorDriver floorDriver, Compilation floorCompilation) = Cold(trees, tracked, out _, new FloorGenerator());
                floorCold.Add(floorWall);
                SyntaxTree floorUnrelated = floorCompilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
                Compilation floorEdited = floorCompilation.ReplaceSyntaxTree(floorUnrelated, Parse(Unrelated(i + 1), UnrelatedPath));
                watch.Restart();
                floorDriver.RunGenerators(floorEdited);
                floorEdit.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        // Context: what the compiler itself spends binding the same sources plus the generated code (no emit).
        var compile = new List<double>();
        for (int i = 0; i < Math.Min(runs, 3); i++)
        {
            (_, _, GeneratorDriver driver, Compilation compilation) = Cold(trees, tracked, out _);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            var watch = Stopwatch.StartNew();
            output.GetDiagnostics();
            watch.Stop();
            compile.Add(watch.Elapsed.TotalMilliseconds);
        }

        double coldMedian = Median(cold), editMedian = Median(edit);
        double ratio = editMedian / coldMedian;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  generated files: {0}", files));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  cold:           median {0,9:F2} ms wall  ({1,9:F2} ms generator timing)  min {2:F2} max {3:F2}", coldMedian, Median(coldGenerator), cold.Min(), cold.Max()));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  unrelated edit: median {0,9:F2} ms wall  ({1,9:F2} ms generator timing)  min {2:F2} max {3:F2}", editMedian, Median(editGenerator), edit.Min(), edit.Max()));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  unrelated edit / cold = {0:P2} (goal < 5 %): {1}", ratio, ratio < 0.05 ? "met" : "NOT met"));
        if (steps) PrintSteps(stepTimes);
        if (floor)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  floor (ForAttributeWithMetadataName with an empty transform, nothing else): cold median {0:F2} ms, unrelated edit median {1:F2} ms (min {2:F2})",
                Median(floorCold), Median(floorEdit), floorEdit.Min()));
        }
        PrintPaths(trees);
        if (paths) ComparePaths(trees, runs);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  context: compiler binding of sources + generated code (GetDiagnostics, no emit): median {0:F2} ms", Median(compile)));
        return 0;
    }

    private static (double Wall, double Generator, GeneratorDriver Driver, Compilation Compilation) Cold(List<SyntaxTree> trees, bool tracked, out int files,
        IIncrementalGenerator? generator = null)
    {
        // A fresh compilation (no cached semantic models) and a fresh driver: what a first build pays.
        Compilation compilation = CSharpCompilation.Create("GeneratorBench",
            trees.Select(t => Parse(t.GetText().ToString(), t.FilePath)).Append(Parse(Unrelated(0), UnrelatedPath)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { (generator ?? new KnobsGenerator::Knobs.Generators.KnobsGenerator()).AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: tracked));
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        watch.Stop();
        files = driver.GetRunResult().GeneratedTrees.Length;
        return (watch.Elapsed.TotalMilliseconds, driver.GetTimingInfo().ElapsedTime.TotalMilliseconds, driver, compilation);
    }

    /// <summary>--steps: where each unrelated-edit run spent its time, per tracked step (and how the step ran).</summary>
    private static void AddSteps(GeneratorDriver driver, SortedDictionary<string, List<double>> times)
    {
        foreach (var step in driver.GetRunResult().Results.Single().TrackedSteps)
        {
            string reasons = string.Join(",", step.Value.SelectMany(s => s.Outputs).Select(o => o.Reason).Distinct());
            string key = step.Key + " (" + reasons + ")";
            if (!times.TryGetValue(key, out List<double>? list)) times.Add(key, list = new List<double>());
            list.Add(step.Value.Sum(s => s.ElapsedTime.TotalMilliseconds));
        }
    }

    /// <summary>How many templates took the semantic path (their calls bound on every compilation) instead of lookups.</summary>
    private static void PrintPaths(List<SyntaxTree> trees)
    {
        (_, _, GeneratorDriver driver, _) = Cold(trees, true, out _);
        var resolutions = driver.GetRunResult().Results.Single().TrackedSteps["Knobs.TemplateResolve"].SelectMany(s => s.Outputs)
            .Select(o => (KnobsGenerator::Knobs.Generators.Model.TemplateResolution)o.Value).ToList();
        string bound = string.Join(", ", resolutions.Where(r => r.Semantic).Select(r => r.Syntax.Name));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  templates whose calls are bound (semantic path): {0} of {1}{2}",
            resolutions.Count(r => r.Semantic), resolutions.Count, bound.Length > 0 ? " (" + bound + ")" : string.Empty));
    }

    /// <summary>
    /// --paths: the resolution step's work on an unrelated-edit compilation (a fresh one per run, as the driver gets), done
    /// as the generator does it (lookups, binding only where they cannot settle a call) and by binding every template.
    /// </summary>
    private static void ComparePaths(List<SyntaxTree> trees, int runs)
    {
        (_, _, GeneratorDriver driver, Compilation compilation) = Cold(trees, true, out _);
        var tracked = driver.GetRunResult().Results.Single().TrackedSteps;
        ImmutableArray<Syntax> templates = tracked["Knobs.TemplateSyntax"].SelectMany(s => s.Outputs).Select(o => (Syntax)o.Value).ToImmutableArray();
        var sourceOps = (KnobsGenerator::Knobs.Generators.Model.EquatableArray<string>)tracked["Knobs.SourceOps"].Single().Outputs.Single().Value;
        var lookups = new List<double>();
        var binding = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            SyntaxTree unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
            Compilation edited = compilation.ReplaceSyntaxTree(unrelated, Parse(Unrelated(100 + i), UnrelatedPath));
            var watch = Stopwatch.StartNew();
            Resolver.ResolveAll(templates, sourceOps, KnobsGenerator::Knobs.Generators.Parsing.ScopeReader.GlobalUsings(edited, default), edited, default);
            lookups.Add(watch.Elapsed.TotalMilliseconds);

            edited = compilation.ReplaceSyntaxTree(unrelated, Parse(Unrelated(200 + i), UnrelatedPath));
            watch.Restart();
            var context = new KnobsGenerator::Knobs.Generators.Resolving.ResolutionContext(edited, sourceOps, KnobsGenerator::Knobs.Generators.Parsing.ScopeReader.GlobalUsings(edited, default));
            foreach (Syntax template in templates) Resolver.ResolveByBinding(template, context, default);
            binding.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "  resolving the {0} templates on an unrelated-edit compilation: as generated (lookups) median {1:F2} ms (min {2:F2}); binding every template median {3:F2} ms (min {4:F2})",
            templates.Length, Median(lookups), lookups.Min(), Median(binding), binding.Min()));
    }

    private static void PrintSteps(SortedDictionary<string, List<double>> times)
    {
        Console.WriteLine("  unrelated edit, per tracked step (median over the runs; steps at 0.00 ms omitted):");
        foreach (var step in times.Where(t => Median(t.Value) >= 0.005))
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "    {0,-48} {1,8:F2} ms", step.Key, Median(step.Value)));
        }
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private static string Unrelated(int version)
        => "namespace Bench.Other { internal static class Unrelated { internal static int Value => " + version.ToString(CultureInfo.InvariantCulture) + "; } }";

    private static List<SyntaxTree> SampleTrees(string repo)
    {
        string samples = Path.Combine(repo, "samples");
        return Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => Parse(File.ReadAllText(p), p))
            .ToList();
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(Knobs.Runtime.BenchmarkVariant).Assembly.Location);
        paths.Add(typeof(Knobs.Tensors.Tensor).Assembly.Location);
        paths.Add(Path.Combine(AppContext.BaseDirectory, "Knobs.Core.dll"));
        return paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    private static string FindRepo()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Knobs.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the Knobs repository (Knobs.sln) above the current directory; pass --repo DIR.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
