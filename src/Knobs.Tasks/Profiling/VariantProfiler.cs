using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Profiling;

/// <summary>One profile the table is built from.</summary>
internal sealed record ProfiledVariant(string Benchmark, string Variant, string ProfilePath, bool Ran)
{
    /// <summary>The cluster node the variant was measured on now; null for a local run or a reused profile.</summary>
    public string? Node { get; init; }
}

/// <summary>What a profiling pass did.</summary>
internal sealed record ProfilingOutcome(IReadOnlyList<ProfiledVariant> Profiles, int Failed)
{
    /// <summary>Why profiling stopped before every variant was measured (canceled, launcher gone); null when it did not.</summary>
    public string? Stopped { get; init; }

    /// <summary>Variants left unmeasured because profiling stopped.</summary>
    public int NotRun => NotProfiled.Count;

    /// <summary>The variants (<c>Benchmark/variant</c>) left unmeasured because profiling stopped, in run order.</summary>
    public IReadOnlyList<string> NotProfiled { get; init; } = Array.Empty<string>();

    public int Ran => Profiles.Count(p => p.Ran);
    public int Reused => Profiles.Count(p => !p.Ran);
}

/// <summary>
/// Runs every selected variant that has no up-to-date profile, each in its own process, one after another
/// (running them side by side would distort each other's timings). A crash or a timeout loses only that variant.
/// Each run is a <see cref="RunPlan"/> handed to an <see cref="IRunLauncher"/>; a profile is moved into the store only
/// when its run succeeded, so a stopped run never leaves a half-written profile behind.
/// </summary>
internal sealed class VariantProfiler
{
    private readonly AppCommand _app;
    private readonly ProfileStore _store;
    private readonly RunSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly ITaskLog _log;
    private readonly CancellationToken _cancel;
    private readonly Func<bool> _launcherAlive;
    private readonly IRunLauncher _launcher;
    // Per benchmark, the fp32 variant every measured variant is interleaved with (see PairedBaseline).
    private readonly Dictionary<string, string> _pairedBaselines = new(StringComparer.Ordinal);
    private readonly bool _paired;

    // cancel: the build was canceled, so the launcher stops the running variant and no other starts.
    // launcherAlive: checked before each variant; false (the process that started the build is gone) stops profiling.
    // launcher: runs each variant's plan; a LocalRunLauncher (a child process of the build) when null.
    // paired: measure each variant interleaved with its benchmark's fp32 variant (KnobsPairedProfiling).
    public VariantProfiler(AppCommand app, ProfileStore store, RunSettings settings, TimeSpan timeout, ITaskLog log,
        CancellationToken cancel = default, Func<bool>? launcherAlive = null, IRunLauncher? launcher = null, bool paired = true)
    {
        _paired = paired;
        _launcher = launcher ?? new LocalRunLauncher(log);
        _app = app;
        _store = store;
        _settings = settings;
        _timeout = timeout;
        _log = log;
        _cancel = cancel;
        _launcherAlive = launcherAlive ?? (() => true);
    }

    public ProfilingOutcome Run(IReadOnlyList<BenchmarkListing> listing, VariantFilter filter,
        IReadOnlyDictionary<string, string> fingerprints, bool force)
    {
        var reused = new List<ProfiledVariant>();
        var pending = new List<(string Benchmark, string Variant, string Key)>();
        var keys = new Dictionary<(string, string), string>();
        foreach (BenchmarkListing benchmark in listing)
        {
            _store.RemoveStale(benchmark.Name, benchmark.Variants);
            string fingerprint = fingerprints.TryGetValue(benchmark.Name, out string? f) ? f : WholeAppFingerprint();
            string? paired = PairedBaseline(benchmark.Variants);
            if (paired is not null) _pairedBaselines[benchmark.Name] = paired;
            foreach (string variant in benchmark.Variants.Where(v => filter.Includes(benchmark.Name, v)))
            {
                string key = string.Join("\n", "knobs-profile-key 1", "benchmark=" + benchmark.Name, "variant=" + variant,
                    "fingerprint=" + fingerprint, _settings.Key() + (paired is null ? "" : ";paired=" + paired)) + "\n";
                keys[(benchmark.Name, variant)] = key;
                string? why = null;
                if (!force && _store.IsUpToDate(benchmark.Name, variant, key, _settings, out why))
                {
                    reused.Add(new ProfiledVariant(benchmark.Name, variant, _store.ProfilePath(benchmark.Name, variant), Ran: false));
                }
                else
                {
                    if (why is not null)
                    {
                        _log.Detail($"Knobs: {LogText.Escape(benchmark.Name)}/{LogText.Escape(variant)}: the stored profile is stale and is measured again: {LogText.Escape(why)}");
                    }
                    pending.Add((benchmark.Name, variant, key));
                }
            }
        }
        _log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: {0} variant(s) to profile, {1} up to date", pending.Count, reused.Count));
        var ran = new List<ProfiledVariant>();
        var notProfiled = new List<string>();
        _stopped = null;
        // One run per variant; for a modelled accelerator one per benchmark: its profiles are computed, not timed, so
        // nothing can distort them, and one start-up and one JIT warm-up serve every variant.
        var runs = _settings.Accelerator is not null
            ? pending.GroupBy(p => p.Benchmark, StringComparer.Ordinal).Select(g => PrepareGroup(g.Key, g.Select(p => (p.Variant, p.Key)).ToList())).ToList()
            : pending.Select(p => PrepareOne(p.Benchmark, p.Variant, p.Key)).ToList();
        int failed = LaunchRuns(runs, ran, notProfiled);
        if (_launcher.PlacesOnNodes && _settings.Accelerator is null)
        {
            failed += KeepOneEnvironment(reused, ran, keys, notProfiled);
        }
        string? stopped = _stopped;
        if (stopped is not null)
        {
            _log.Info(string.Format(CultureInfo.InvariantCulture,
                "Knobs: profiling stopped ({0}); {1} variant(s) not profiled, the {2} profile(s) written so far are kept", stopped, notProfiled.Count, ran.Count));
            _log.Info(string.Format(CultureInfo.InvariantCulture,
                "Knobs: not profiled: {0}. Every profile already written (and the {1} up to date before) stays valid; the next ProfileTable measures only these.",
                Names(notProfiled), reused.Count));
        }
        var all = reused.Concat(ran)
            .OrderBy(p => p.Benchmark, StringComparer.Ordinal).ThenBy(p => p.Variant, StringComparer.Ordinal).ToList();
        return new ProfilingOutcome(all, failed) { Stopped = stopped, NotProfiled = notProfiled };
    }

    private string? _stopped;

    // Launches the runs and accepts what each wrote as it ends; returns how many variants have no profile.
    private int LaunchRuns(List<PlannedRun> runs, List<ProfiledVariant> ran, List<string> notProfiled)
    {
        int failed = 0, ended = 0;
        _launcher.LaunchAll(runs.Select(r => r.Plan).ToList(), _cancel, () => (_stopped ??= StopReason()) is null, (i, outcome) =>
        {
            ended++;
            PlannedRun run = runs[i];
            if (outcome.Canceled)
            {
                _stopped ??= StopReason() ?? "the build was canceled";
                notProfiled.AddRange(run.Variants.Select(v => run.Benchmark + "/" + v.Variant));
                if (!ReferenceEquals(outcome, RunOutcome.NotStarted))
                {
                    _log.Info($"Knobs: {LogText.Escape(run.Plan.Label)} stopped after {Seconds(outcome.Seconds)} s: {_stopped}");
                }
                return;
            }
            failed += _settings.Accelerator is not null
                ? FinishGroup(run, outcome, ran)
                : FinishOne(run, outcome, ran, runs.Count - ended);
        });
        return failed;
    }

    /// <summary>Rounds of re-measuring variants that landed on nodes unlike the rest, before the table reports the mix.</summary>
    internal const int EnvironmentRounds = 2;

    // On a cluster, a benchmark's variants can land on nodes that differ (CPU model, cores, OS…): a table never mixes
    // environments. The environment most of its profiles share (the fp32 baseline's on a tie) is kept; the other
    // variants are measured again away from the nodes that gave the other environments. Returns how many have no
    // profile after that.
    private int KeepOneEnvironment(List<ProfiledVariant> reused, List<ProfiledVariant> ran, Dictionary<(string, string), string> keys, List<string> notProfiled)
    {
        var avoid = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        int failed = 0;
        for (int round = 0; round < EnvironmentRounds && _stopped is null; round++)
        {
            var again = new List<PlannedRun>();
            foreach (var benchmark in reused.Concat(ran).GroupBy(p => p.Benchmark, StringComparer.Ordinal))
            {
                var headers = new List<(ProfiledVariant Variant, Knobs.Profiles.ProfileEnvironment Environment)>();
                foreach (ProfiledVariant p in benchmark)
                {
                    try
                    {
                        headers.Add((p, Knobs.Profiles.ProfileReader.Read(p.ProfilePath).Header.Environment));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // unreadable: the table reports it
                    }
                }
                var environments = headers.GroupBy(h => h.Environment.ComparisonKey, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Any(h => h.Variant.Variant.StartsWith("fp32", StringComparison.Ordinal)))
                    .ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                if (environments.Count < 2) continue;
                if (!avoid.TryGetValue(benchmark.Key, out SortedSet<string>? nodes)) avoid[benchmark.Key] = nodes = new SortedSet<string>(StringComparer.Ordinal);
                var odd = environments.Skip(1).SelectMany(g => g).ToList();
                foreach (var h in odd)
                {
                    if (h.Environment.Host is { } host) nodes.Add(host);
                }
                string Hosts(IEnumerable<(ProfiledVariant Variant, Knobs.Profiles.ProfileEnvironment Environment)> g) =>
                    string.Join(", ", g.Select(h => h.Environment.Host ?? "an unnamed node").Distinct().OrderBy(n => n, StringComparer.Ordinal));
                _log.Info(string.Format(CultureInfo.InvariantCulture,
                    "Knobs: {0}: its profiles come from {1} different environments ({2}); the table keeps the one of {3} ({4}) and measures {5} variant(s) again away from {6}",
                    LogText.Escape(benchmark.Key), environments.Count,
                    LogText.Escape(string.Join("; ", environments.Select(g => Hosts(g) + ": " + g.First().Environment.Describe()))),
                    LogText.Escape(Hosts(environments[0])), LogText.Escape(environments[0].First().Environment.CpuModel), odd.Count,
                    LogText.Escape(string.Join(", ", nodes))));
                foreach (var h in odd)
                {
                    reused.Remove(h.Variant);
                    ran.Remove(h.Variant);
                    PlannedRun run = PrepareOne(h.Variant.Benchmark, h.Variant.Variant, keys[(h.Variant.Benchmark, h.Variant.Variant)]);
                    again.Add(run with { Plan = run.Plan.Avoiding(nodes) });
                }
            }
            if (again.Count == 0) return failed;
            failed += LaunchRuns(again, ran, notProfiled);
        }
        return failed;
    }

    private string? StopReason()
    {
        if (_cancel.IsCancellationRequested)
        {
            return "the build was canceled";
        }
        return _launcherAlive() ? null : "the process that started this build has exited";
    }

    /// <summary>A run to launch: its plan and the variants (with their profile keys) it measures.</summary>
    private sealed record PlannedRun(string Benchmark, IReadOnlyList<(string Variant, string Key)> Variants, RunPlan Plan, string Folder);

    private PlannedRun PrepareOne(string benchmark, string variant, string key)
    {
        string runFolder = FreshFolder(_store.RunFolder(benchmark, variant));
        _pairedBaselines.TryGetValue(benchmark, out string? paired);
        return new PlannedRun(benchmark, new[] { (variant, key) },
            RunPlans.Variant(_app.AppPath, benchmark, variant, runFolder, _settings, _timeout, paired), runFolder);
    }

    /// <summary>
    /// The variant a measured variant is interleaved with (<c>app run --paired</c>): the benchmark's fp32 variant, so that
    /// every column of the table carries the fp32 time measured beside it and the table can put all columns on one scale
    /// (see TableBuilder). None when pairing is off, for a modelled accelerator, whose times are computed, or for a
    /// benchmark without fp32.
    /// </summary>
    private string? PairedBaseline(IReadOnlyList<string> variants) =>
        _paired && _settings.Accelerator is null ? variants.FirstOrDefault(v => v.StartsWith("fp32_", StringComparison.Ordinal)) : null;

    private static string FreshFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Accepts the profile of a finished single-variant run; returns 1 when the variant has none.
    private int FinishOne(PlannedRun run, RunOutcome outcome, List<ProfiledVariant> ran, int left)
    {
        (string variant, string key) = run.Variants[0];
        string name = LogText.Escape(run.Benchmark) + "/" + LogText.Escape(variant);
        string where = Where(outcome);
        string? path = null;
        switch (outcome.Status)
        {
            case RunStatus.TimedOut:
                _log.Warning(KnobsTasksInfo.VariantTimedOut, string.Format(CultureInfo.InvariantCulture,
                    "{0} was still running after KnobsTimeout={1} s and was stopped{2}; it has no profile. Raise KnobsTimeout, or lower KnobsIterations/KnobsTargetError.",
                    name, _timeout.TotalSeconds, where));
                break;
            case RunStatus.Failed:
                _log.Warning(KnobsTasksInfo.VariantFailed, string.Format(CultureInfo.InvariantCulture,
                    "{0} failed (exit code {1}){2}; it has no profile. The other variants are unaffected. Command: {3}\n{4}",
                    name, outcome.ExitCode ?? -1, where, _launcher.Describe(run.Plan), outcome.Message));
                break;
            default:
                try
                {
                    path = _store.Accept(run.Benchmark, variant, key, run.Folder);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
                {
                    _log.Warning(KnobsTasksInfo.ProfileUnreadable, $"{name}: {LogText.Escape(e.Message)}");
                }
                break;
        }
        string count = left.ToString(CultureInfo.InvariantCulture);
        if (path is null)
        {
            _log.Info($"Knobs: {name} FAILED after {Seconds(outcome.Seconds)} s{where} ({count} left)");
            return 1;
        }
        ran.Add(new ProfiledVariant(run.Benchmark, variant, path, Ran: true) { Node = outcome.Node });
        _log.Info($"Knobs: {name} profiled in {Seconds(outcome.Seconds)} s{where} ({count} left)");
        return 0;
    }

    // " on node N (after 2 attempts)" for a run a scheduler placed; empty for a local run.
    private static string Where(RunOutcome outcome) =>
        (outcome.Node is { } node ? " on node " + LogText.Escape(node) : "") +
        (outcome.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (attempt {0})", outcome.Attempts) : "");

    // The app checks the accelerator description before it runs anything and prints each mistake as
    // "file(line,col): error KNB050x: message" (exit 2). Those are logged as errors at the description's lines; returns
    // whether there were any.
    private bool ReportDescriptionErrors(string? childOutput)
    {
        if (string.IsNullOrEmpty(childOutput) || string.IsNullOrEmpty(_settings.Accelerator)) return false;
        bool any = false;
        foreach (string raw in childOutput!.Split('\n'))
        {
            System.Text.RegularExpressions.Match m = DescriptionError.Match(raw.TrimEnd('\r'));
            if (!m.Success || !string.Equals(Path.GetFullPath(m.Groups["file"].Value), _settings.Accelerator, StringComparison.Ordinal)) continue;
            _log.Error(m.Groups["id"].Value, m.Groups["message"].Value, m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture));
            any = true;
        }
        return any;
    }

    private static readonly System.Text.RegularExpressions.Regex DescriptionError = new(
        @"^\s*(?<file>.+?)\((?<line>\d{1,9}),(?<column>\d{1,9})\): error (?<id>KNB050[0-9]): (?<message>.*)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // Every variant of one benchmark in one process (modelled accelerators).
    private PlannedRun PrepareGroup(string benchmark, IReadOnlyList<(string Variant, string Key)> variants)
    {
        string groupFolder = FreshFolder(_store.RunFolder(benchmark, ".accelerator"));
        TimeSpan timeout = TimeSpan.FromTicks(Math.Min(TimeSpan.MaxValue.Ticks / 2, _timeout.Ticks * Math.Max(1, variants.Count)));
        return new PlannedRun(benchmark, variants, RunPlans.Variants(_app.AppPath, benchmark, variants.Select(v => v.Variant).ToList(), groupFolder, _settings, timeout), groupFolder);
    }

    // Accepts each profile a group run wrote. Returns the number of variants without a profile.
    private int FinishGroup(PlannedRun run, RunOutcome outcome, List<ProfiledVariant> ran)
    {
        string benchmark = run.Benchmark, groupFolder = run.Folder;
        IReadOnlyList<(string Variant, string Key)> variants = run.Variants;
        RunPlan plan = run.Plan;
        // A description with mistakes: they are the build's errors, at their lines, instead of a failed run's warning.
        bool descriptionErrors = outcome.Status == RunStatus.Failed && ReportDescriptionErrors(outcome.Message);
        if (outcome.Status != RunStatus.Succeeded && !descriptionErrors)
        {
            _log.Warning(outcome.Status == RunStatus.TimedOut ? KnobsTasksInfo.VariantTimedOut : KnobsTasksInfo.VariantFailed, string.Format(CultureInfo.InvariantCulture,
                "{0}: the run of {1} variant(s) for the accelerator {2} (exit code {3}); the variants it wrote no profile for have none. Command: {4}\n{5}",
                LogText.Escape(benchmark), variants.Count, outcome.Status == RunStatus.TimedOut ? "was still running after KnobsTimeout × variants and was stopped" : "failed",
                outcome.ExitCode ?? -1, _launcher.Describe(plan), outcome.Message));
        }
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(groupFolder, "*" + ProfileStore.ProfileExtension, SearchOption.AllDirectories))
        {
            try
            {
                Knobs.Profiles.ProfileHeader header = Knobs.Profiles.ProfileReader.Read(file).Header;
                if (header.Benchmark == benchmark) written[header.Variant] = file;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Warning(KnobsTasksInfo.ProfileUnreadable, $"{LogText.Escape(file)}: {LogText.Escape(e.Message)}");
            }
        }
        int failed = 0;
        foreach ((string variant, string key) in variants)
        {
            string name = LogText.Escape(benchmark) + "/" + LogText.Escape(variant);
            if (!written.TryGetValue(variant, out string? file))
            {
                failed++;
                _log.Info($"Knobs: {name} FAILED: the run wrote no profile for it");
                continue;
            }
            string runFolder = _store.RunFolder(benchmark, variant);
            if (Directory.Exists(runFolder)) Directory.Delete(runFolder, recursive: true);
            Directory.CreateDirectory(runFolder);
            File.Move(file, Path.Combine(runFolder, Path.GetFileName(file)));
            try
            {
                ran.Add(new ProfiledVariant(benchmark, variant, _store.Accept(benchmark, variant, key, runFolder), Ran: true) { Node = outcome.Node });
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
            {
                failed++;
                _log.Warning(KnobsTasksInfo.ProfileUnreadable, $"{name}: {LogText.Escape(e.Message)}");
            }
        }
        Directory.Delete(groupFolder, recursive: true);
        _log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: {0}: {1} variant(s) modelled in {2} s in one run",
            LogText.Escape(benchmark), variants.Count - failed, Seconds(outcome.Seconds)));
        return failed;
    }

    /// <summary>At most 20 names, then how many more.</summary>
    internal static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(20).Select(LogText.Escape)) +
        (names.Count > 20 ? string.Format(CultureInfo.InvariantCulture, " and {0} more", names.Count - 20) : "");

    private string? _wholeApp;

    /// <summary>When a benchmark's template type is not found in the app, the whole app file stands for it.</summary>
    private string WholeAppFingerprint()
    {
        if (_wholeApp is null)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            using var file = File.OpenRead(_app.AppPath);
            _wholeApp = "app:" + Convert.ToHexString(sha.ComputeHash(file)).ToLowerInvariant();
        }
        return _wholeApp;
    }

    private static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture);
}
