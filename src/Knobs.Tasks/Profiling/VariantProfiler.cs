using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Processes;

namespace Knobs.Tasks.Profiling;

/// <summary>One profile the table is built from.</summary>
internal sealed record ProfiledVariant(string Benchmark, string Variant, string ProfilePath, bool Ran);

/// <summary>What a profiling pass did.</summary>
internal sealed record ProfilingOutcome(IReadOnlyList<ProfiledVariant> Profiles, int Failed)
{
    public int Ran => Profiles.Count(p => p.Ran);
    public int Reused => Profiles.Count(p => !p.Ran);
}

/// <summary>
/// Runs every selected variant that has no up-to-date profile, each in its own process, one after another
/// (running them side by side would distort each other's timings). A crash or a timeout loses only that variant.
/// </summary>
internal sealed class VariantProfiler
{
    private readonly AppCommand _app;
    private readonly ProfileStore _store;
    private readonly RunSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly ITaskLog _log;

    public VariantProfiler(AppCommand app, ProfileStore store, RunSettings settings, TimeSpan timeout, ITaskLog log)
    {
        _app = app;
        _store = store;
        _settings = settings;
        _timeout = timeout;
        _log = log;
    }

    public ProfilingOutcome Run(IReadOnlyList<BenchmarkListing> listing, VariantFilter filter,
        IReadOnlyDictionary<string, string> fingerprints, bool force)
    {
        var reused = new List<ProfiledVariant>();
        var pending = new List<(string Benchmark, string Variant, string Key)>();
        foreach (BenchmarkListing benchmark in listing)
        {
            _store.RemoveStale(benchmark.Name, benchmark.Variants);
            string fingerprint = fingerprints.TryGetValue(benchmark.Name, out string? f) ? f : WholeAppFingerprint();
            foreach (string variant in benchmark.Variants.Where(v => filter.Includes(benchmark.Name, v)))
            {
                string key = string.Join("\n", "knobs-profile-key 1", "benchmark=" + benchmark.Name, "variant=" + variant,
                    "fingerprint=" + fingerprint, _settings.Key()) + "\n";
                if (!force && _store.IsUpToDate(benchmark.Name, variant, key))
                {
                    reused.Add(new ProfiledVariant(benchmark.Name, variant, _store.ProfilePath(benchmark.Name, variant), Ran: false));
                }
                else
                {
                    pending.Add((benchmark.Name, variant, key));
                }
            }
        }
        _log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: {0} variant(s) to profile, {1} up to date", pending.Count, reused.Count));
        var ran = new List<ProfiledVariant>();
        int failed = 0;
        for (int i = 0; i < pending.Count; i++)
        {
            var (benchmark, variant, key) = pending[i];
            string? path = RunOne(benchmark, variant, key, out double seconds);
            string left = (pending.Count - i - 1).ToString(CultureInfo.InvariantCulture);
            if (path is null)
            {
                failed++;
                _log.Info($"Knobs: {benchmark}/{variant} FAILED after {Seconds(seconds)} s ({left} left)");
                continue;
            }
            ran.Add(new ProfiledVariant(benchmark, variant, path, Ran: true));
            _log.Info($"Knobs: {benchmark}/{variant} profiled in {Seconds(seconds)} s ({left} left)");
        }
        var all = reused.Concat(ran)
            .OrderBy(p => p.Benchmark, StringComparer.Ordinal).ThenBy(p => p.Variant, StringComparer.Ordinal).ToList();
        return new ProfilingOutcome(all, failed);
    }

    private string? RunOne(string benchmark, string variant, string key, out double seconds)
    {
        string runFolder = _store.RunFolder(benchmark, variant);
        if (Directory.Exists(runFolder))
        {
            Directory.Delete(runFolder, recursive: true);
        }
        Directory.CreateDirectory(runFolder);
        var args = new List<string> { "run", "--benchmark", benchmark, "--variant", variant, "--out", runFolder };
        args.AddRange(_settings.Arguments());
        args.Add("--quiet");
        _log.Detail("Knobs: " + _app.Describe(args));
        ProcessResult result = _app.Run(args, _timeout);
        seconds = result.Seconds;
        if (result.TimedOut)
        {
            _log.Warning(KnobsTasksInfo.VariantTimedOut, string.Format(CultureInfo.InvariantCulture,
                "{0}/{1} was still running after KnobsTimeout={2} s and was stopped; it has no profile. Raise KnobsTimeout, or lower KnobsIterations/KnobsTargetError.",
                benchmark, variant, _timeout.TotalSeconds));
            return null;
        }
        if (!result.Succeeded)
        {
            _log.Warning(KnobsTasksInfo.VariantFailed, string.Format(CultureInfo.InvariantCulture,
                "{0}/{1} failed (exit code {2}); it has no profile. The other variants are unaffected. Command: {3}\n{4}",
                benchmark, variant, result.ExitCode, _app.Describe(args), result.Tail()));
            return null;
        }
        try
        {
            return _store.Accept(benchmark, variant, key, runFolder);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
        {
            _log.Warning(KnobsTasksInfo.ProfileUnreadable, $"{benchmark}/{variant}: {e.Message}");
            return null;
        }
    }

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
