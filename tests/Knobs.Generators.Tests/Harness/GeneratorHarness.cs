using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Knobs.Generators;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Tests.Harness;

/// <summary>Runs the Knobs generator over in-memory sources and knob tables, as the compiler would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpCompilation Compilation(OutputKind kind, params string[] sources)
        => CSharpCompilation.Create("KnobsTestApp",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "/src/Template" + i + ".cs")),
            s_references.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));

    public static CSharpCompilation Library(params string[] sources) => Compilation(OutputKind.DynamicallyLinkedLibrary, sources);

    public static GeneratorDriver Driver(IEnumerable<InMemoryText>? tables = null, string? profiling = null, string? helpLinkRoot = null)
    {
        ImmutableArray<AdditionalText> texts = (tables ?? Array.Empty<InMemoryText>()).Cast<AdditionalText>().ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            new[] { new KnobsGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            new TestOptions(profiling, helpLinkRoot, texts.Select(t => t.Path)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once; returns the driver (for incremental reruns), the output compilation and the generator's diagnostics.</summary>
    public static GeneratorRun Run(Compilation compilation, IEnumerable<InMemoryText>? tables = null, string? profiling = null, string? helpLinkRoot = null)
        => Run(Driver(tables, profiling, helpLinkRoot), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        foreach (string path in tpa.Split(Path.PathSeparator))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll") paths[name] = path;
        }
        foreach (Type type in new[] { typeof(Knobs.Runtime.BenchmarkVariant), typeof(Knobs.Tensors.Tensor) })
        {
            paths[Path.GetFileName(type.Assembly.Location)] = type.Assembly.Location;
        }
        string core = Path.Combine(AppContext.BaseDirectory, "Knobs.Core.dll");
        if (File.Exists(core)) paths["Knobs.Core.dll"] = core;
        return paths.Values.OrderBy(p => p, StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private sealed class TestOptions : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _tables;

        public TestOptions(string? profiling, string? helpLinkRoot, IEnumerable<string> tables)
        {
            _tables = new HashSet<string>(tables, StringComparer.Ordinal);
            var global = new Dictionary<string, string>();
            if (profiling is not null) global["build_property.KnobsProfiling"] = profiling;
            if (helpLinkRoot is not null) global["build_property.KnobsHelpLinkRoot"] = helpLinkRoot;
            GlobalOptions = new DictionaryOptions(global);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => _tables.Contains(textFile.Path)
                ? new DictionaryOptions(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.KnobsKnobTable"] = "true" })
                : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());
        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            bool found = _values.TryGetValue(key, out string? v);
            value = v ?? string.Empty;
            return found;
        }
    }
}

/// <summary>An additional file (a knob table) held in memory.</summary>
internal sealed class InMemoryText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
}

/// <summary>One generator run: the driver (for incremental reruns), the compilation with generated sources, the diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public string Source(string hintNameEnd)
        => Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    public IEnumerable<Diagnostic> WithId(string id) => Diagnostics.Where(d => d.Id == id);

    /// <summary>The text of every generated source.</summary>
    public IEnumerable<string> GeneratedSources => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString());

    /// <summary>Errors and warnings of compiling the output (the template plus everything generated).</summary>
    public ImmutableArray<Diagnostic> CompileProblems()
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}

internal static class GeneratorRunExtensions
{
    /// <summary>The template models the generator produced (from the tracked Templates step).</summary>
    public static IReadOnlyList<TemplateSpec> Templates(this GeneratorRun run)
        => run.Result.Results.Single().TrackedSteps[StepNames.Templates]
            .SelectMany(s => s.Outputs).Select(o => (TemplateSpec)o.Value).ToList();

    /// <summary>The templates' resolved calls (from the tracked TemplateResolve step): which path resolved them.</summary>
    public static IReadOnlyList<TemplateResolution> Resolutions(this GeneratorRun run)
        => run.Result.Results.Single().TrackedSteps[StepNames.TemplateResolve]
            .SelectMany(s => s.Outputs).Select(o => (TemplateResolution)o.Value).ToList();
}
