using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Knobs.KnobTables;
using Knobs.Predictors.Genprof;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs genprof SPACE.yaml -o DIR</c>: a search space's primitives chained into generated profiling templates, and
/// optionally architectures sampled from it, as Knobs benchmark projects to profile with ProfileTable.
/// </summary>
internal static class GenprofCommand
{
    public static Command Create(Func<int, int> done, TextWriter output, TextWriter error)
    {
        var space = new Argument<string>("space") { Description = "The search space (YAML, docs/genprof.md)." };
        var outDir = new Option<string>("-o", "--output") { Description = "Folder for the generated projects (profiling/, architectures/) and the CSV lists.", HelpName = "folder", Required = true };
        var archs = new Option<int?>("--architectures") { Description = "Also sample this many distinct architectures (0 to 1000, default 0) into architectures/, to measure whole and compare with predictions.", HelpName = "N" };
        var seed = new Option<long?>("--seed") { Description = "Seed of the architecture sampling (default 1).", HelpName = "N" };
        var version = new Option<string>("--knobs-version") { Description = "The Knobs package version the projects reference (default: this tool's).", HelpName = "version" };
        var repo = new Option<string>("--repo") { Description = "Build against this Knobs source repository instead of the package (for work inside the repository).", HelpName = "folder" };
        var command = new Command("genprof", "Generate profiling networks from a search space: its primitives chained several per template, and sampled architectures.")
        {
            space, outDir, archs, seed, version, repo,
        };
        command.SetAction(r => done(Run(r.GetValue(space)!, r.GetValue(outDir)!, r.GetValue(archs) ?? 0, r.GetValue(seed) ?? 1, r.GetValue(version), r.GetValue(repo), output, error)));
        return command;
    }

    internal static int Run(string spacePath, string outDir, int architectures, long seed, string? version, string? repo, TextWriter output, TextWriter error)
    {
        if (architectures is < 0 or > 1000) return KnobsCommand.Usage(error, $"--architectures must be from 0 to 1000, got {architectures}");
        if (seed < 0) return KnobsCommand.Usage(error, $"--seed must not be negative, got {seed}");
        string knobsVersion = version ?? ToolVersion();
        if (!Regex.IsMatch(knobsVersion, "^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$")) return KnobsCommand.Usage(error, $"--knobs-version '{knobsVersion}' is not a package version (e.g. 0.1.0)");
        string? repoRoot = null;
        if (repo is not null)
        {
            repoRoot = Path.GetFullPath(repo);
            if (!File.Exists(Path.Combine(repoRoot, "Knobs.sln")) || !File.Exists(Path.Combine(repoRoot, "samples", "Directory.Build.props")))
                return KnobsCommand.Usage(error, $"--repo '{repo}' is not a Knobs source repository (no Knobs.sln and samples/Directory.Build.props there)");
            if (repoRoot.IndexOfAny(new[] { '"', '<', '>', '&', '\'', '$', '%', ';' }) >= 0)
                return KnobsCommand.Usage(error, "--repo: the path holds a character MSBuild or XML would read specially; move the repository to a plainer path");
        }
        SearchSpace s;
        try
        {
            s = SearchSpaceReader.Load(spacePath);
        }
        catch (SearchSpaceException e)
        {
            error.WriteLine(SafeText.Escape(e.Message));
            return KnobsCommand.ExitUsage;
        }
        GenprofResult result;
        try
        {
            result = GenprofProject.Write(s, outDir, architectures, (ulong)seed, knobsVersion, repoRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(SafeText.Escape($"error KNB0605: cannot write under {outDir}: {e.Message}. Give -o a folder you can write to."));
            return KnobsCommand.ExitOutputFailed;
        }
        output.WriteLine(SafeText.Escape(string.Format(CultureInfo.InvariantCulture, "search space {0}: {1:G4} architecture(s), {2} distinct primitive(s) ({3} stem, {4} block, {5} head)",
            s.Name, ProfilingNetworks.Count(s), result.Primitives.Count, result.Primitives.Count(p => p.Kind == PrimitiveKind.Stem),
            result.Primitives.Count(p => p.Kind == PrimitiveKind.Block), result.Primitives.Count(p => p.Kind == PrimitiveKind.Head))));
        output.WriteLine(SafeText.Escape($"profiling: {result.Networks.Count} network(s) of up to {s.PrimitivesPerNetwork} primitive(s) in {result.ProfilingProject}"));
        if (result.ArchitecturesProject is not null)
            output.WriteLine(SafeText.Escape($"architectures: {result.Architectures.Count} sampled (seed {seed}) in {result.ArchitecturesProject}"));
        output.WriteLine(SafeText.Escape($"next: dotnet msbuild {Path.Combine(result.ProfilingProject, ProfilingNetworks.Pascal(s.Name) + "Profiling.csproj")} -t:ProfileTable, then knobs fit on its tables"));
        return KnobsCommand.ExitSuccess;
    }

    private static string ToolVersion()
    {
        string v = typeof(GenprofCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
        int plus = v.IndexOf('+');
        return plus >= 0 ? v.Substring(0, plus) : v;
    }
}
