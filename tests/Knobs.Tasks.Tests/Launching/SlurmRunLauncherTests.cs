using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Launching.Slurm;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>
/// <see cref="SlurmRunLauncher"/> against a cluster that runs each array task's script with bash here (the real
/// script, the real task folders and markers), and can make a task vanish from the queue as scancel or a lost node
/// would. The app is a shell script that writes a profile into its <c>--out</c> folder, or fails as told.
/// </summary>
public sealed class SlurmRunLauncherTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "knobs-slurm-unit-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    private readonly string _app;
    private readonly CollectingLog _log = new();

    public SlurmRunLauncherTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "app"));
        _app = Path.Combine(_root, "app", "bench");
        // Writes "<label>.profile.jsonl" into --out; fails with exit 7 while the file FAILS-<variant> has lines left (one per failure).
        File.WriteAllText(_app, """
            #!/bin/bash
            out=""; variant=""
            while [ $# -gt 0 ]; do case "$1" in --out) out=$2; shift;; --variant) variant=$2; shift;; esac; shift; done
            fails="ROOT/FAILS-$variant"
            if [ -s "$fails" ]; then sed -i '1d' "$fails"; echo "boom for $variant" >&2; exit 7; fi
            echo "{\"variant\":\"$variant\"}" > "$out/$variant.profile.jsonl"
            """.Replace("\r\n", "\n").Replace("ROOT", _root));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_app, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private RunPlan Plan(string variant) =>
        new("Mini/" + variant, _app, new[] { "run", "--variant", variant, "--out", Path.Combine(_root, "store", variant) },
            Path.Combine(_root, "store", variant), TimeSpan.FromSeconds(60));

    private SlurmOptions Options(int retries = 2) => new(Path.Combine(_root, "shared"))
    {
        Retries = retries,
        FilePoll = TimeSpan.FromMilliseconds(10),
        QueuePoll = TimeSpan.FromMilliseconds(10),
        Partition = "knobs",
    };

    private List<(int Index, RunOutcome Outcome)> LaunchAll(SlurmRunLauncher launcher, params RunPlan[] plans)
    {
        foreach (RunPlan plan in plans) Directory.CreateDirectory(plan.OutputFolder);
        var ended = new List<(int, RunOutcome)>();
        launcher.LaunchAll(plans, CancellationToken.None, () => true, (i, o) => ended.Add((i, o)));
        return ended;
    }

    [Fact]
    public void EveryPlanRunsAsATaskOfOneArrayAndItsProfileLandsInThePlansOwnFolder()
    {
        var cluster = new LocalCluster();
        var outcomes = LaunchAll(new SlurmRunLauncher(_log, Options(), cluster), Plan("a"), Plan("b"), Plan("c"));

        Assert.Single(cluster.Submissions);
        Assert.Contains("--array=0-2", cluster.Submissions[0]);
        Assert.Contains("--exclusive", cluster.Submissions[0]);
        Assert.Contains("--partition=knobs", cluster.Submissions[0]);
        Assert.Equal(new[] { 0, 1, 2 }, outcomes.Select(o => o.Index).OrderBy(i => i));
        foreach ((int index, RunOutcome outcome) in outcomes)
        {
            string variant = "abc"[index].ToString();
            Assert.True(outcome.Succeeded, outcome.Message);
            Assert.Equal("node1", outcome.Node);
            Assert.Equal(new[] { Path.Combine(_root, "store", variant, variant + ".profile.jsonl") }, outcome.Profiles);
        }
        // The runs ran the staged copy of the app, not the build's own.
        Assert.All(cluster.Commands, c => Assert.Contains(Path.Combine(_root, "shared", "app"), c));
        // Collected task folders and the array's scripts are removed.
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "shared", "runs")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "shared", "arrays")));
    }

    [Fact]
    public void AFailedTaskIsSubmittedAgainAndSucceeds()
    {
        File.WriteAllText(Path.Combine(_root, "FAILS-b"), "once\n");
        var cluster = new LocalCluster();
        var outcomes = LaunchAll(new SlurmRunLauncher(_log, Options(), cluster), Plan("a"), Plan("b"));

        Assert.Equal(2, cluster.Submissions.Count);
        Assert.Contains("--array=0-0", cluster.Submissions[1]);
        RunOutcome b = outcomes.Single(o => o.Index == 1).Outcome;
        Assert.True(b.Succeeded, b.Message);
        Assert.Equal(2, b.Attempts);
        Assert.Contains(_log.Lines, l => l.Contains("Mini/b: Slurm task", StringComparison.Ordinal) && l.Contains("exit code 7 on node node1", StringComparison.Ordinal)
            && l.Contains("submitting it again (attempt 2 of 3)", StringComparison.Ordinal));
    }

    [Fact]
    public void ATaskThatFailsEveryAttemptIsReportedWithItsExitCodeNodeAndOutput()
    {
        File.WriteAllText(Path.Combine(_root, "FAILS-a"), "1\n2\n3\n");
        var cluster = new LocalCluster();
        RunOutcome a = LaunchAll(new SlurmRunLauncher(_log, Options(retries: 1), cluster), Plan("a")).Single().Outcome;

        Assert.Equal(RunStatus.Failed, a.Status);
        Assert.Equal(7, a.ExitCode);
        Assert.Equal(2, a.Attempts);
        Assert.Contains("exit code 7 on node node1, after 2 attempt(s) (KnobsSlurmRetries=1)", a.Message);
        Assert.Contains("boom for a", a.Message);
        // The failed task's folder and its array's folder stay for inspection.
        Assert.Single(Directory.GetDirectories(Path.Combine(_root, "shared", "runs")));
    }

    [Fact]
    public void ATaskThatLeavesTheQueueWithoutAnExitMarkerIsRetriedWithItsSlurmState()
    {
        var cluster = new LocalCluster { Vanish = { "b" }, EndedState = new SlurmTaskState("CANCELLED", "0:15", "node1") };
        var outcomes = LaunchAll(new SlurmRunLauncher(_log, Options(), cluster), Plan("a"), Plan("b"));

        Assert.All(outcomes, o => Assert.True(o.Outcome.Succeeded, o.Outcome.Message));
        Assert.Contains(_log.Lines, l => l.Contains("Slurm state CANCELLED, exit code 0:15 on node node1", StringComparison.Ordinal)
            && l.Contains("attempt 2 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ATaskKilledAtSlurmsTimeLimitIsReportedTimedOutAndNotRetried()
    {
        var cluster = new LocalCluster { Vanish = { "a" }, EndedState = new SlurmTaskState("TIMEOUT", "0:0", "node1") };
        RunOutcome a = LaunchAll(new SlurmRunLauncher(_log, Options(), cluster), Plan("a")).Single().Outcome;

        Assert.Equal(RunStatus.TimedOut, a.Status);
        Assert.Single(cluster.Submissions);
    }

    [Fact]
    public void WhatAStoppedBuildsTaskFinishedIsCollectedWithoutSubmittingAgain()
    {
        // A first build killed right after sbatch returned; its task ran to its end.
        Directory.CreateDirectory(Plan("a").OutputFolder);
        Assert.Throws<BuildKilled>(() => new SlurmRunLauncher(_log, Options(), new LocalCluster { Die = true })
            .LaunchAll(new[] { Plan("a") }, CancellationToken.None, () => true, (_, _) => { }));
        Assert.Single(Directory.GetDirectories(Path.Combine(_root, "shared", "runs")));

        var second = new LocalCluster();
        RunOutcome a = LaunchAll(new SlurmRunLauncher(_log, Options(), second), Plan("a")).Single().Outcome;
        Assert.True(a.Succeeded, a.Message);
        Assert.Empty(second.Submissions);
        Assert.Contains(_log.Lines, l => l.Contains("collected what its Slurm task wrote for an earlier build", StringComparison.Ordinal));
    }

    [Fact]
    public void CancellingCancelsTheSubmittedJobsAndReportsTheRunsCanceled()
    {
        var cluster = new LocalCluster { Run = false };
        using var cancel = new CancellationTokenSource();
        var ended = new List<RunOutcome>();
        var launcher = new SlurmRunLauncher(_log, Options(), cluster);
        int asked = 0;
        launcher.LaunchAll(new[] { Plan("a"), Plan("b") }, cancel.Token, () => { if (asked++ == 3) cancel.Cancel(); return true; }, (_, o) => ended.Add(o));

        Assert.Equal(new[] { "1" }, cluster.Cancelled);
        Assert.Equal(2, ended.Count);
        Assert.All(ended, o => Assert.Equal(RunStatus.Canceled, o.Status));
    }

    [Fact]
    public void AnArrayThatSbatchRefusesFailsItsRunsWithSbatchsWords()
    {
        var cluster = new LocalCluster { Refuse = "sbatch refused the job array: Invalid partition name specified" };
        RunOutcome a = LaunchAll(new SlurmRunLauncher(_log, Options(), cluster), Plan("a")).Single().Outcome;

        Assert.Equal(RunStatus.Failed, a.Status);
        Assert.Contains("could not be submitted to Slurm: sbatch refused the job array: Invalid partition name specified", a.Message);
    }

    private sealed class BuildKilled : Exception
    {
    }

    /// <summary>
    /// A cluster of one node, "node1": Submit runs each task's array script with bash at once (unless <see cref="Run"/> is
    /// false, when tasks stay pending); a task whose variant is in <see cref="Vanish"/> is not run on its first attempt and
    /// leaves the queue, ending as <see cref="EndedState"/>.
    /// </summary>
    private sealed class LocalCluster : ISlurmCluster
    {
        private readonly Dictionary<string, SlurmTaskState> _queue = new(StringComparer.Ordinal);
        private int _next;

        public bool Run { get; init; } = true;
        public bool Die { get; init; }
        public HashSet<string> Vanish { get; } = new(StringComparer.Ordinal);
        public SlurmTaskState? EndedState { get; init; }
        public string? Refuse { get; init; }
        public List<string> Submissions { get; } = new();
        public List<string> Commands { get; } = new();
        public List<string> Cancelled { get; } = new();

        public string? Unavailable(string? partition) => null;

        public string Submit(IReadOnlyList<string> arguments, string script)
        {
            if (Refuse is not null) throw new SlurmException(Refuse);
            string job = (++_next).ToString(CultureInfo.InvariantCulture);
            Submissions.Add(string.Join(" ", arguments));
            string[] lines = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(script)!, "tasks.txt"));
            for (int t = 0; t < lines.Length; t++)
            {
                string id = job + "_" + t.ToString(CultureInfo.InvariantCulture);
                string folder = lines[t].Substring(lines[t].IndexOf(' ') + 1);
                string command = File.ReadAllText(Path.Combine(folder, "run.sh"));
                Commands.Add(command);
                string variant = command.Split("'--variant' '")[1].Split('\'')[0];
                if (!Run || (Vanish.Remove(variant) && EndedState is not null))
                {
                    _queue[id] = new SlurmTaskState(Run ? "GONE" : "PENDING", null, null);
                    continue;
                }
                var start = new ProcessStartInfo("bash", new[] { script }) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                start.Environment["SLURM_ARRAY_TASK_ID"] = t.ToString(CultureInfo.InvariantCulture);
                start.Environment["SLURM_ARRAY_JOB_ID"] = job;
                start.Environment["SLURMD_NODENAME"] = "node1";
                using var p = Process.Start(start)!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
            }
            if (Die) throw new BuildKilled();
            return job;
        }

        public IReadOnlyDictionary<string, SlurmTaskState>? Queue() =>
            _queue.Where(p => p.Value.State == "PENDING").ToDictionary(p => p.Key, p => p.Value);

        public SlurmTaskState? Ended(string taskId) => EndedState;

        public void Cancel(IReadOnlyCollection<string> jobIds)
        {
            Cancelled.AddRange(jobIds);
            foreach (string key in _queue.Keys.ToList()) _queue.Remove(key);
        }
    }
}
