using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Files;
using Knobs.Tasks.Incremental;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Processes;
using Knobs.Tasks.Profiling;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// Lists the variants of the built app (<c>app list --json</c>) and profiles each one that has no up-to-date
/// profile in its own process. Outputs the profiles the lookup table is built from. Cancelable: on Ctrl+C the launcher
/// stops the running variant (its whole process tree) and no other variant starts; the profiles written so far are
/// kept, the log names the variants not profiled, and the next run measures only those.
/// </summary>
public sealed class ProfileVariants : LaunchingTask
{

    /// <summary>The built app (<c>$(TargetPath)</c>).</summary>
    [Required] public string App { get; set; } = "";

    /// <summary><c>$(KnobsProfileDir)</c>.</summary>
    [Required] public string ProfileDirectory { get; set; } = "";

    /// <summary><c>$(KnobsTableDir)</c>: checked to be writable before anything is measured (optional).</summary>
    public string? TableDirectory { get; set; }

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

    /// <summary><c>$(KnobsPairedProfiling)</c>: measure each variant interleaved with the benchmark's fp32 variant.</summary>
    public bool Paired { get; set; } = true;

    /// <summary>The profiles, with metadata <c>Benchmark</c>, <c>Variant</c> and <c>Ran</c> (true when measured now).</summary>
    [Output] public ITaskItem[] Profiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>How many variants were measured in this call.</summary>
    [Output] public int Ran { get; private set; }

    /// <summary>How many variants failed or timed out.</summary>
    [Output] public int Failed { get; private set; }

    /// <summary>Whether the process that launched the build still exists (replaced by tests).</summary>
    internal LauncherWatch Launcher { get; set; } = LauncherWatch.ForThisProcess();

    /// <summary>Root of the help links of logged diagnostics (<c>KnobsHelpLinkRoot</c>); empty: the project's docs/diagnostics.</summary>
    public string? HelpLinkRoot { get; set; }

    /// <summary>
    /// <c>$(KnobsAccelerator)</c>: the description of a modelled accelerator to profile for (full path), or empty for the
    /// CPU. Each variant then runs once and its times and energies are modelled (docs/accelerators.md).
    /// </summary>
    public string? Accelerator { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildTaskLog(Log, HelpLinkRoot);
        LauncherWatch launcher = Launcher;
        if (!TaskValues.TryReadSettings(log, Profiling, Iterations, TargetError, Batch, Threads, TimeoutSeconds, out RunSettings settings, out TimeSpan timeout))
        {
            return false;
        }
        if (!string.IsNullOrEmpty(Accelerator))
        {
            if (!File.Exists(Accelerator))
            {
                log.Error(KnobsTasksInfo.AcceleratorUnreadable, $"KnobsAccelerator='{LogText.Escape(Accelerator!)}' does not exist. Point it at an accelerator description (YAML; docs/accelerators.md), relative to the project folder or absolute.");
                return false;
            }
            settings = settings with { Accelerator = Path.GetFullPath(Accelerator!), AcceleratorHash = FileHash(Accelerator!) };
        }
        if (!WritableFolder.Check(log, "KnobsProfileDir", ProfileDirectory) ||
            (!string.IsNullOrEmpty(TableDirectory) && !WritableFolder.Check(log, "KnobsTableDir", TableDirectory!)))
        {
            return false;
        }
        if (!TryCreateLauncher(log, ProfileDirectory, new[] { TableDirectory, ProfileDirectory }, Force, out IRunLauncher runLauncher))
        {
            return false;
        }
        var app = new AppCommand(App);
        IReadOnlyList<BenchmarkListing>? listing = ListVariants(app, log, CancelSource.Token);
        if (listing is null)
        {
            return false;
        }
        var filter = new VariantFilter(Variants);
        if (NothingSelected(listing, filter) is { } nothing)
        {
            log.Error(KnobsTasksInfo.NothingToProfile, nothing);
            return false;
        }
        foreach (string pattern in filter.Unmatched(listing.SelectMany(b => b.Variants.Select(v => (b.Name, v)))))
        {
            log.Info($"Knobs: the KnobsVariants pattern '{LogText.Escape(pattern)}' matches no variant");
        }
        IReadOnlyDictionary<string, string> fingerprints = Fingerprints(app, log);
        var profiler = new VariantProfiler(app, new ProfileStore(ProfileDirectory), settings, timeout, log, CancelSource.Token, launcher.LauncherAlive,
            runLauncher, Paired);
        ProfilingOutcome outcome = profiler.Run(listing, filter, fingerprints, Force);
        if (outcome.Stopped is not null)
        {
            // The build is being canceled (or has no one left to report to): no output, no stamp; the next ProfileTable
            // reuses the profiles written so far and measures the rest.
            Failed = outcome.Failed + outcome.NotRun;
            return false;
        }
        Profiles = outcome.Profiles.Select(p =>
        {
            var item = new TaskItem(p.ProfilePath);
            item.SetMetadata("Benchmark", p.Benchmark);
            item.SetMetadata("Variant", p.Variant);
            item.SetMetadata("Ran", p.Ran ? "true" : "false");
            item.SetMetadata("Node", p.Node ?? "");
            return (ITaskItem)item;
        }).ToArray();
        Ran = outcome.Ran;
        Failed = outcome.Failed;
        log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: profiled {0} variant(s), reused {1}, failed {2}",
            outcome.Ran, outcome.Reused, outcome.Failed));
        return !Log.HasLoggedErrors;
    }

    private static string FileHash(string path)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return "sha256:" + BitConverter.ToString(sha.ComputeHash(File.ReadAllBytes(path))).Replace("-", "").ToLowerInvariant();
    }

    /// <summary>
    /// The KNB0423 message when nothing is selected: the app has no benchmark, or no <c>KnobsVariants</c> pattern matches
    /// a variant (the fp32 baselines, always profiled, do not count: on their own they make no table worth having).
    /// </summary>
    internal static string? NothingSelected(IReadOnlyList<BenchmarkListing> listing, VariantFilter filter)
    {
        if (listing.Count == 0 || listing.All(b => b.Variants.Count == 0))
        {
            return "the app has no benchmark or no variant: mark a partial class with [KnobBenchmark] (a Run(Tensor) and an Input(int batch) method) and build again.";
        }
        if (filter.IsEmpty)
        {
            return null;
        }
        IReadOnlyList<string> unmatched = filter.Unmatched(listing.SelectMany(b => b.Variants.Select(v => (b.Name, v))));
        if (unmatched.Count < filter.PatternCount)
        {
            return null;
        }
        var names = listing.SelectMany(b => b.Variants).Distinct(StringComparer.Ordinal).ToList();
        return $"KnobsVariants='{LogText.Escape(filter.Text)}' selects none of the app's variants ({string.Join(", ", names.Take(8).Select(LogText.Escape))}{(names.Count > 8 ? ", …" : "")}). " +
            "Fix the patterns (* and ? wildcards, matched against variant or Benchmark/variant; dotnet <app>.dll list shows the variants), or leave KnobsVariants empty to profile all.";
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
            log.Detail($"Knobs: {LogText.Escape(app.AppPath)} cannot be read as a .NET assembly ({e.Message}); any change to it re-profiles every variant");
            return new Dictionary<string, string>();
        }
    }

    internal static IReadOnlyList<BenchmarkListing>? ListVariants(AppCommand app, ITaskLog log, CancellationToken cancel = default)
    {
        var args = new[] { "list", "--json" };
        ProcessResult result = app.Run(args, TimeSpan.FromMinutes(2), cancel);
        if (result.Canceled)
        {
            log.Info("Knobs: listing the variants stopped: the build was canceled; nothing was profiled");
            return null;
        }
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
            log.Error(KnobsTasksInfo.ListFailed, $"{app.Describe(args)} printed no variant list Knobs can read ({LogText.Escape(e.Message)}). Output:\n{result.Tail()}");
            return null;
        }
    }
}
