using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Profiling;

public class VariantProfilerTests
{
    private static readonly RunSettings Settings = new("PerTensor", 5, null, null, null);

    private static ProfilingOutcome Profile(FakeApp app, CollectingLog log, IReadOnlyDictionary<string, string> fingerprints,
        bool force = false, RunSettings? settings = null, double timeoutSeconds = 30, string? filter = null)
    {
        var command = new AppCommand(app.AppPath);
        var listing = VariantListing.Parse(command.Run(new[] { "list", "--json" }, TimeSpan.FromSeconds(30)).StandardOutput);
        var profiler = new VariantProfiler(command, new ProfileStore(app.ProfileDirectory), settings ?? Settings,
            TimeSpan.FromSeconds(timeoutSeconds), log);
        return profiler.Run(listing, new VariantFilter(filter), fingerprints, force);
    }

    private static Dictionary<string, string> Fingerprints(string a = "a1", string b = "b1") => new() { ["A"] = a, ["B"] = b };

    [Fact]
    public void ProfilesEveryVariantInItsOwnProcessAndReportsProgress()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }), ("B", new[] { "fp32_11" }));
        var log = new CollectingLog();
        ProfilingOutcome outcome = Profile(app, log, Fingerprints());
        Assert.Equal(new[] { "A/fp32_11", "A/perf_121", "B/fp32_11" }, app.Runs);
        Assert.Equal(3, outcome.Ran);
        Assert.All(outcome.Profiles, p => Assert.True(File.Exists(p.ProfilePath)));
        Assert.Contains(log.Lines, l => l.StartsWith("Knobs: A/fp32_11 profiled in ", StringComparison.Ordinal) && l.EndsWith("(2 left)", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("Knobs: B/fp32_11 profiled in ", StringComparison.Ordinal) && l.EndsWith("(0 left)", StringComparison.Ordinal));
    }

    [Fact]
    public void SecondRunWithNothingChangedRunsNoVariant()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        Profile(app, new CollectingLog(), Fingerprints());
        string path = Path.Combine(app.ProfileDirectory, "A", "perf_121.profile.jsonl");
        DateTime written = File.GetLastWriteTimeUtc(path);
        app.ClearRuns();

        ProfilingOutcome second = Profile(app, new CollectingLog(), Fingerprints());

        Assert.Empty(app.Runs);
        Assert.Equal(0, second.Ran);
        Assert.Equal(2, second.Reused);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void ChangedBenchmarkFingerprintReprofilesOnlyThatBenchmark()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }), ("B", new[] { "fp32_11", "samp_231" }));
        Profile(app, new CollectingLog(), Fingerprints());
        app.ClearRuns();

        Profile(app, new CollectingLog(), Fingerprints(b: "b2"));

        Assert.Equal(new[] { "B/fp32_11", "B/samp_231" }, app.Runs);
    }

    [Fact]
    public void ChangedSettingsOrForceReprofileEverything()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        Profile(app, new CollectingLog(), Fingerprints());
        app.ClearRuns();
        Profile(app, new CollectingLog(), Fingerprints(), settings: Settings with { Iterations = 6 });
        Assert.Equal(2, app.Runs.Count);
        app.ClearRuns();
        Profile(app, new CollectingLog(), Fingerprints(), force: true, settings: Settings with { Iterations = 6 });
        Assert.Equal(2, app.Runs.Count);
    }

    [Fact]
    public void CrashingVariantLosesNothingOfTheOthers()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "crash_1", "perf_121" }));
        var log = new CollectingLog();
        ProfilingOutcome outcome = Profile(app, log, Fingerprints());
        Assert.Equal(1, outcome.Failed);
        Assert.Equal(new[] { "fp32_11", "perf_121" }, outcome.Profiles.Select(p => p.Variant).OrderBy(v => v));
        var warning = Assert.Single(log.Warnings);
        Assert.Equal("KNB0421", warning.Code);
        Assert.Contains("kernel exploded", warning.Message);
        Assert.Contains("exit code 134", warning.Message);
    }

    [Fact]
    public void VariantPastTheTimeoutIsStoppedAndTheOthersAreProfiled()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "hang_1", "perf_121" }));
        var log = new CollectingLog();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ProfilingOutcome outcome = Profile(app, log, Fingerprints(), timeoutSeconds: 2);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(new[] { "fp32_11", "perf_121" }, outcome.Profiles.Select(p => p.Variant).OrderBy(v => v));
        Assert.Equal("KNB0422", Assert.Single(log.Warnings).Code);
    }

    [Fact]
    public void FailedVariantIsRetriedOnTheNextRun()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "crash_1" }));
        Profile(app, new CollectingLog(), Fingerprints());
        app.ClearRuns();
        Profile(app, new CollectingLog(), Fingerprints());
        Assert.Equal(new[] { "A/crash_1" }, app.Runs);
    }

    [Fact]
    public void FilterRunsOnlySelectedVariantsAndTheBaseline()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121", "samp_231" }));
        Profile(app, new CollectingLog(), Fingerprints(), filter: "samp_*");
        Assert.Equal(new[] { "A/fp32_11", "A/samp_231" }, app.Runs);
    }
}
