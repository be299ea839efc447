using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Profiling;
using Knobs.Tasks.Simulation;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>Profiling and both validation paths only build plans and read outcomes; a fake launcher stands in for the app.</summary>
public sealed class LaunchedRunsTests : IDisposable
{
    private static readonly RunSettings Settings = new("PerTensor", 5, null, null, null);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public LaunchedRunsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string App => Path.Combine(_folder, "bench.dll");

    private ProfilingOutcome Profile(RecordingLauncher launcher, CollectingLog log, params string[] variants) => Profile(launcher, log, true, variants);

    private ProfilingOutcome Profile(RecordingLauncher launcher, CollectingLog log, bool paired, params string[] variants)
    {
        var listing = VariantListing.Parse("{\"benchmarks\":[{\"name\":\"A\",\"variants\":[" + string.Join(",", variants.Select(v => "\"" + v + "\"")) + "]}]}");
        var profiler = new VariantProfiler(new AppCommand(App), new ProfileStore(Path.Combine(_folder, "profiles")), Settings,
            TimeSpan.FromSeconds(42), log, launcher: launcher, paired: paired);
        return profiler.Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a1" }, force: false);
    }

    [Fact]
    public void ProfilingHandsEachVariantToTheLauncherAsAPlanInterleavedWithTheFp32Variant()
    {
        var launcher = new RecordingLauncher();
        ProfilingOutcome outcome = Profile(launcher, new CollectingLog(), "fp32_11", "perf_121");

        var store = new ProfileStore(Path.Combine(_folder, "profiles"));
        Assert.Equal(new[] { "A/fp32_11", "A/perf_121" }, launcher.Plans.Select(p => p.Label));
        RunPlan plan = launcher.Plans[1];
        Assert.Equal(App, plan.App);
        Assert.Equal(store.RunFolder("A", "perf_121"), plan.OutputFolder);
        Assert.Equal(new[] { "run", "--benchmark", "A", "--variant", "perf_121", "--paired", "fp32_11", "--out", plan.OutputFolder, "--iterations", "5", "--quiet" }, plan.Arguments);
        Assert.Equal("fp32_11", RecordingLauncher.Argument(launcher.Plans[0], "--paired"));
        Assert.Equal(TimeSpan.FromSeconds(42), plan.Timeout);
        Assert.Equal(2, outcome.Ran);
        Assert.All(outcome.Profiles, p => Assert.True(File.Exists(p.ProfilePath)));

        launcher.Plans.Clear();
        Assert.Equal(2, Profile(launcher, new CollectingLog(), "fp32_11", "perf_121").Reused);
        Assert.Empty(launcher.Plans);
    }

    [Fact]
    public void ABenchmarkWithoutAnFp32VariantIsProfiledUnpaired()
    {
        var launcher = new RecordingLauncher();
        Profile(launcher, new CollectingLog(), "fp16_12", "perf_121");

        Assert.All(launcher.Plans, p => Assert.Null(RecordingLauncher.Argument(p, "--paired")));
    }

    [Fact]
    public void PairedProfilingOffRunsEachVariantAloneAndItsProfilesAreNotReusedWhenItIsOn()
    {
        var launcher = new RecordingLauncher();
        Profile(launcher, new CollectingLog(), false, "fp32_11", "perf_121");
        Assert.All(launcher.Plans, p => Assert.Null(RecordingLauncher.Argument(p, "--paired")));

        launcher.Plans.Clear();
        ProfilingOutcome again = Profile(launcher, new CollectingLog(), true, "fp32_11", "perf_121");
        Assert.Equal(2, again.Ran);
        Assert.All(launcher.Plans, p => Assert.Equal("fp32_11", RecordingLauncher.Argument(p, "--paired")));
    }

    [Fact]
    public void FailedAndTimedOutOutcomesKeepTheirWarnings()
    {
        var launcher = new RecordingLauncher
        {
            Answer = plan => plan.Label switch
            {
                "A/crash_1" => new RunOutcome(RunStatus.Failed, 134, "kernel exploded", 0.2, Array.Empty<string>()),
                "A/hang_1" => new RunOutcome(RunStatus.TimedOut, null, "", 42, Array.Empty<string>()),
                _ => RecordingLauncher.WriteProfile(plan),
            },
        };
        var log = new CollectingLog();
        ProfilingOutcome outcome = Profile(launcher, log, "fp32_11", "crash_1", "hang_1");

        Assert.Equal(2, outcome.Failed);
        var failed = Assert.Single(log.Warnings, w => w.Code == "KNB0421");
        Assert.Contains("A/crash_1 failed (exit code 134)", failed.Message);
        Assert.Contains("Command: fake run --benchmark A --variant crash_1", failed.Message);
        Assert.EndsWith("\nkernel exploded", failed.Message);
        Assert.Contains("A/hang_1 was still running after KnobsTimeout=42 s", Assert.Single(log.Warnings, w => w.Code == "KNB0422").Message);
    }

    [Fact]
    public void ACanceledRunStopsProfilingAndNamesWhatWasNotProfiled()
    {
        var launcher = new RecordingLauncher
        {
            Answer = plan => plan.Label == "A/perf_121" ? new RunOutcome(RunStatus.Canceled, null, "", 1, Array.Empty<string>()) : RecordingLauncher.WriteProfile(plan),
        };
        var log = new CollectingLog();
        ProfilingOutcome outcome = Profile(launcher, log, "fp32_11", "perf_121", "samp_231");

        Assert.Equal("the build was canceled", outcome.Stopped);
        Assert.Equal(new[] { "A/perf_121", "A/samp_231" }, outcome.NotProfiled);
        Assert.Equal(new[] { "A/fp32_11", "A/perf_121" }, launcher.Plans.Select(p => p.Label));
        Assert.Contains(log.Lines, l => l.StartsWith("Knobs: not profiled: A/perf_121, A/samp_231. Every profile already written", StringComparison.Ordinal));
        Assert.Empty(log.Warnings);

        // the next run measures only what was left
        launcher.Plans.Clear();
        launcher.Answer = RecordingLauncher.WriteProfile;
        Profile(launcher, new CollectingLog(), "fp32_11", "perf_121", "samp_231");
        Assert.Equal(new[] { "A/perf_121", "A/samp_231" }, launcher.Plans.Select(p => p.Label));
    }

    [Fact]
    public void PairedValidationPlansEachConfigurationWithThePairedBaselineAndNoBaselineRuns()
    {
        var launcher = new RecordingLauncher();
        var log = new CollectingLog();
        var validator = new ConfigurationValidator(new AppCommand(App), Settings, TimeSpan.FromSeconds(7), log, launcher: launcher);
        string confs = Path.Combine(_folder, "confs.txt");
        string outDir = Path.Combine(_folder, "validation", "confs");

        Assert.Null(validator.MeasureBaseline("A", "fp32_11", Path.Combine(_folder, "validation", "confs.baseline", "0")));
        var measured = validator.Measure("A", confs, new[] { (1, "c1"), (2, "c2") }, outDir);
        Assert.Null(validator.MeasureBaseline("A", "fp32_11", Path.Combine(_folder, "validation", "confs.baseline", "1")));

        Assert.Equal(2, measured.Count);
        Assert.Equal("fp32_11", validator.PairedBaseline);
        Assert.Equal(new[] { "c1 (configuration 1)", "c2 (configuration 2)" }, launcher.Plans.Select(p => p.Label));
        Assert.Equal(new[] { "run", "--benchmark", "A", "--config", confs, "--index", "2", "--paired", "fp32_11", "--out", Path.Combine(outDir, "2"), "--iterations", "5", "--quiet" },
            launcher.Plans[1].Arguments);
        Assert.Single(log.Lines, l => l.StartsWith("Knobs: speedups are paired: each configuration is measured interleaved (ABBA) with the baseline fp32_11", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidationPlansTheBaselineAndEachConfiguration()
    {
        var launcher = new RecordingLauncher();
        var validator = new ConfigurationValidator(new AppCommand(App), Settings, TimeSpan.FromSeconds(7), new CollectingLog(), launcher: launcher, paired: false);
        string confs = Path.Combine(_folder, "confs.txt");
        string outDir = Path.Combine(_folder, "validation", "confs");

        Assert.NotNull(validator.MeasureBaseline("A", "fp32_11", Path.Combine(_folder, "validation", "confs.baseline", "0")));
        var measured = validator.Measure("A", confs, new[] { (1, "c1"), (2, "c2") }, outDir);

        Assert.Equal(2, measured.Count);
        Assert.Equal(new[] { "A/fp32_11", "c1 (configuration 1)", "c2 (configuration 2)" }, launcher.Plans.Select(p => p.Label));
        Assert.Equal(new[] { "run", "--benchmark", "A", "--variant", "fp32_11", "--out", Path.Combine(_folder, "validation", "confs.baseline", "0"), "--iterations", "5", "--quiet" },
            launcher.Plans[0].Arguments);
        Assert.Equal(new[] { "run", "--benchmark", "A", "--config", confs, "--index", "2", "--out", Path.Combine(outDir, "2"), "--iterations", "5", "--quiet" },
            launcher.Plans[2].Arguments);
        Assert.All(launcher.Plans, p => Assert.Equal(TimeSpan.FromSeconds(7), p.Timeout));
    }

    [Fact]
    public void ACanceledValidationRunListsTheConfigurationsNotMeasured()
    {
        var launcher = new RecordingLauncher
        {
            Answer = plan => plan.Label.StartsWith("c2", StringComparison.Ordinal) ? new RunOutcome(RunStatus.Canceled, null, "", 1, Array.Empty<string>()) : RecordingLauncher.WriteProfile(plan),
        };
        bool canceled = false;
        var validator = new ConfigurationValidator(new AppCommand(App), Settings, TimeSpan.FromSeconds(7), new CollectingLog(),
            launcherAlive: () => !canceled, launcher: new StopAfter(launcher, "c2", () => canceled = true));
        var measured = validator.Measure("A", Path.Combine(_folder, "confs.txt"), new[] { (1, "c1"), (2, "c2"), (3, "c3") }, Path.Combine(_folder, "v"));

        Assert.Single(measured);
        Assert.True(validator.Stopped);
        Assert.Equal(new[] { "c2 (configuration 2)", "c3 (configuration 3)" }, validator.NotMeasured);
        Assert.Equal(2, launcher.Plans.Count);
    }

    // Stops the build (as Cancel does) when the run labelled with the prefix starts.
    private sealed class StopAfter : IRunLauncher
    {
        private readonly IRunLauncher _inner;
        private readonly string _prefix;
        private readonly Action _stop;

        public StopAfter(IRunLauncher inner, string prefix, Action stop)
        {
            _inner = inner;
            _prefix = prefix;
            _stop = stop;
        }

        public RunOutcome Launch(RunPlan plan, System.Threading.CancellationToken cancel)
        {
            if (plan.Label.StartsWith(_prefix, StringComparison.Ordinal)) _stop();
            return _inner.Launch(plan, cancel);
        }

        public string Describe(RunPlan plan) => _inner.Describe(plan);
    }
}
