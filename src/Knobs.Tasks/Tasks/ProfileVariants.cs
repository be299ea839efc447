using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Incremental;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Processes;
using Knobs.Tasks.Profiling;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// Lists the variants of the built app (<c>app list --json</c>) and profiles each one that has no up-to-date
/// profile in its own process. Outputs the profiles the lookup table is built from.
/// </summary>
public sealed class ProfileVariants : Task
{
    /// <summary>The built app (<c>$(TargetPath)</c>).</summary>
    [Required] public string App { get; set; } = "";

    /// <summary><c>$(KnobsProfileDir)</c>.</summary>
    [Required] public string ProfileDirectory { get; set; } = "";

    /// <summary><c>$(KnobsProfiling)</c> (part of the cache key).</summary>
    public string Profiling { get; set; } = "PerTensor";

    /// <summary><c>$(KnobsIterations)</c>; validated by the targets.</summary>
    public string? Iterations { get; set; }

    /// <summary><c>$(KnobsTargetError)</c>.</summary>
    public string? TargetError { get; set; }

    /// <summary><c>$(KnobsBatch)</c>.</summary>
    public string? Batch { get; set; }

    /// <summary><c>$(KnobsThreads)</c>.</summary>
    public string? Threads { get; set; }

    /// <summary><c>$(KnobsTimeout)</c>: seconds per variant.</summary>
    public string? TimeoutSeconds { get; set; }

    /// <summary><c>$(KnobsVariants)</c>: filter patterns.</summary>
    public string? Variants { get; set; }

    /// <summary><c>$(KnobsForce)</c>: re-profile everything.</summary>
    public bool Force { get; set; }

    /// <summary>The profiles, with metadata <c>Benchmark</c>, <c>Variant</c> and <c>Ran</c> (true when measured now).</summary>
    [Output] public ITaskItem[] Profiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>How many variants were measured in this call.</summary>
    [Output] public int Ran { get; private set; }

    /// <summary>How many variants failed or timed out.</summary>
    [Output] public int Failed { get; private set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildTaskLog(Log);
        var app = new AppCommand(App);
        IReadOnlyList<BenchmarkListing>? listing = ListVariants(app, log);
        if (listing is null)
        {
            return false;
        }
        var filter = new VariantFilter(Variants);
        if (listing.Sum(b => b.Variants.Count(v => filter.Includes(b.Name, v))) == 0)
        {
            log.Error(KnobsTasksInfo.NothingToProfile, listing.Count == 0
                ? $"{app.AppPath} has no benchmark: mark a partial class with [KnobBenchmark] (a Run(Tensor) and an Input(int batch) method) and build again."
                : $"KnobsVariants='{Variants}' selects none of the app's variants ({string.Join(", ", listing.SelectMany(b => b.Variants).Take(8))}…).");
            return false;
        }
        IReadOnlyDictionary<string, string> fingerprints = Fingerprints(app, log);
        var settings = new RunSettings(Profiling, TaskValues.Int(Iterations), TaskValues.Double(TargetError), TaskValues.Int(Batch), TaskValues.Int(Threads));
        var timeout = TimeSpan.FromSeconds(TaskValues.Double(TimeoutSeconds) ?? 600);
        var profiler = new VariantProfiler(app, new ProfileStore(ProfileDirectory), settings, timeout, log);
        ProfilingOutcome outcome = profiler.Run(listing, filter, fingerprints, Force);
        Profiles = outcome.Profiles.Select(p =>
        {
            var item = new TaskItem(p.ProfilePath);
            item.SetMetadata("Benchmark", p.Benchmark);
            item.SetMetadata("Variant", p.Variant);
            item.SetMetadata("Ran", p.Ran ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();
        Ran = outcome.Ran;
        Failed = outcome.Failed;
        log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: profiled {0} variant(s), reused {1}, failed {2}",
            outcome.Ran, outcome.Reused, outcome.Failed));
        return !Log.HasLoggedErrors;
    }

    /// <summary>Per-benchmark fingerprints; none (every benchmark keyed by the whole app file) when the app is not a .NET assembly.</summary>
    private static IReadOnlyDictionary<string, string> Fingerprints(AppCommand app, ITaskLog log)
    {
        try
        {
            return AssemblyFingerprint.PerBenchmark(app.AppPath);
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            log.Detail($"Knobs: {app.AppPath} cannot be read as a .NET assembly ({e.Message}); any change to it re-profiles every variant");
            return new Dictionary<string, string>();
        }
    }

    internal static IReadOnlyList<BenchmarkListing>? ListVariants(AppCommand app, ITaskLog log)
    {
        var args = new[] { "list", "--json" };
        ProcessResult result = app.Run(args, TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            log.Error(KnobsTasksInfo.ListFailed, (result.TimedOut ? "timed out: " : $"exit code {result.ExitCode}: ") +
                app.Describe(args) + "\n" + result.Tail() +
                "\nThe app must be a Knobs app (the generated entry point, or a Main that calls the Knobs runner).");
            return null;
        }
        try
        {
            return VariantListing.Parse(result.StandardOutput);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            log.Error(KnobsTasksInfo.ListFailed, $"{app.Describe(args)} printed no variant list Knobs can read ({e.Message}). Output:\n{result.Tail()}");
            return null;
        }
    }
}
