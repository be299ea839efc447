using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Processes;
using Knobs.Tasks.Profiling;
using Knobs.Tasks.Tests.Profiling;
using Microsoft.Build.Framework;

namespace Knobs.Tasks.Tests.Tasks;

/// <summary>Ctrl+C and a vanished launcher stop profiling: no new variant starts, the running one is killed, profiles written are kept.</summary>
public class CancellationTests
{
    private static void WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "timed out waiting");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void ProfileVariantsIsCancelable()
    {
        Assert.IsAssignableFrom<ICancelableTask>(new ProfileVariants());
    }

    [Fact]
    public void CancelKillsTheRunningVariantAndStartsNoOtherKeepingWrittenProfiles()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "hang_1", "perf_121" }));
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants { BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "600" };
        bool? result = null;
        var worker = new Thread(() => result = task.Execute());
        var clock = Stopwatch.StartNew();
        worker.Start();
        WaitFor(() => app.Runs.Contains("A/hang_1"), TimeSpan.FromSeconds(30));
        task.Cancel();
        Assert.True(worker.Join(TimeSpan.FromSeconds(15)), "Execute did not return after Cancel");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"took {clock.Elapsed}");

        Assert.False(result);
        Assert.Equal(new[] { "A/fp32_11", "A/hang_1" }, app.Runs);
        Assert.True(File.Exists(Path.Combine(app.ProfileDirectory, "A", "fp32_11.profile.jsonl")));
        Assert.Empty(engine.Errors);
        Assert.Contains(engine.Messages, m => m.Contains("profiling stopped (the build was canceled)", StringComparison.Ordinal));

        // The next run reuses what was written and measures only the rest.
        app.ClearRuns();
        var again = new ProfileVariants { BuildEngine = new RecordingBuildEngine(), App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "30", Variants = "perf_*" };
        Assert.True(again.Execute());
        Assert.Equal(new[] { "A/perf_121" }, app.Runs);
    }

    [Fact]
    public void ProcessRunnerKillsTheProcessTreeOnCancel()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        ProcessResult result = ProcessRunner.Run("bash", new[] { "-c", "sleep 60 & wait" }, Path.GetTempPath(), TimeSpan.FromMinutes(5), cancel: cancel.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.True(result.Canceled);
        Assert.False(result.TimedOut);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void ProfilingStopsWhenTheLauncherIsGone()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121", "samp_231" }));
        var command = new AppCommand(app.AppPath);
        var listing = VariantListing.Parse(command.Run(new[] { "list", "--json" }, TimeSpan.FromSeconds(30)).StandardOutput);
        int checks = 0;
        var log = new CollectingLog();
        var profiler = new VariantProfiler(command, new ProfileStore(app.ProfileDirectory), new RunSettings("PerTensor", 2, null, null, null),
            TimeSpan.FromSeconds(30), log, launcherAlive: () => ++checks <= 1);
        ProfilingOutcome outcome = profiler.Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a" }, force: false);
        Assert.Equal(new[] { "A/fp32_11" }, app.Runs);
        Assert.Equal("the process that started this build has exited", outcome.Stopped);
        Assert.Equal(2, outcome.NotRun);
        Assert.Single(outcome.Profiles);
    }

    [Fact]
    public void ProfileVariantsStopsWhenTheLauncherIsGone()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        string stat = "4242 (dotnet host) S 100 4242 4242 0 -1";
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants
        {
            BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "30",
            // the launcher (pid 100) is gone: the orphan was adopted by pid 1
            Launcher = new LauncherWatch(() => stat, _ => true),
        };
        stat = "4242 (dotnet host) S 1 4242 4242 0 -1";
        Assert.False(task.Execute());
        Assert.Empty(app.Runs);
    }

    [Theory]
    [InlineData("4242 (dotnet) S 100 4242", 100)]
    [InlineData("4242 (a) b (c) R 7 1 1", 7)]
    [InlineData("4242 (x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ParentIdIsTheFieldAfterTheCommandName(string? stat, int? expected)
    {
        Assert.Equal(expected, LauncherWatch.ParentId(stat));
    }

    [Fact]
    public void LauncherWatchSeesAParentThatExited()
    {
        string stat = "10 (t) S 100 1";
        bool exists = true;
        var watch = new LauncherWatch(() => stat, pid => pid == 100 && exists);
        Assert.True(watch.LauncherAlive());
        exists = false;
        Assert.False(watch.LauncherAlive());
        exists = true;
        stat = "10 (t) S 1 1";
        Assert.False(watch.LauncherAlive());
        stat = "";
        Assert.True(watch.LauncherAlive()); // unreadable now: no evidence, go on
        Assert.True(new LauncherWatch(() => null, _ => false).LauncherAlive());
    }

    [Fact]
    public void ThisProcessHasALiveLauncher()
    {
        LauncherWatch watch = LauncherWatch.ForThisProcess();
        Assert.True(watch.LauncherAlive());
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(watch.Parent);
        }
    }

    [Fact]
    public void SimulateConfigurationsIsCancelable()
    {
        Assert.IsAssignableFrom<ICancelableTask>(new SimulateConfigurations());
    }

    [Fact]
    public void ValidationMeasuresNothingOnceStopped()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        var settings = new RunSettings("", 2, null, null, null);
        int checks = 0;
        var validator = new Knobs.Tasks.Simulation.ConfigurationValidator(new AppCommand(app.AppPath), settings, TimeSpan.FromSeconds(30),
            new CollectingLog(), launcherAlive: () => ++checks <= 1, paired: false);
        string folder = Path.Combine(app.Directory, "validation");
        var measured = validator.Measure("A", Path.Combine(app.Directory, "confs.txt"), new[] { (1, "c1"), (2, "c2"), (3, "c3") }, folder);
        Assert.Single(app.Runs);
        Assert.True(validator.Stopped);
        Assert.Null(validator.MeasureBaseline("A", "fp32_11", Path.Combine(app.Directory, "baseline")));
        Assert.Single(app.Runs);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        app.ClearRuns();
        var canceled = new Knobs.Tasks.Simulation.ConfigurationValidator(new AppCommand(app.AppPath), settings, TimeSpan.FromSeconds(30), new CollectingLog(), cancel.Token);
        Assert.Empty(canceled.Measure("A", Path.Combine(app.Directory, "confs.txt"), new[] { (1, "c1") }, folder));
        Assert.Empty(app.Runs);
    }
}
