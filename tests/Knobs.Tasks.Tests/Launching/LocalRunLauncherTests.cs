using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>The local launcher with real child processes (<c>/bin/sh</c>): outcome, output in the log, timeout, cancellation.</summary>
public sealed class LocalRunLauncherTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public LocalRunLauncherTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a killed child may still hold a file for a moment
        }
    }

    private RunPlan Shell(string script, double timeoutSeconds = 30) =>
        new("sh-run", "/bin/sh", new[] { "-c", script, "sh", _folder }, Path.Combine(_folder, "out"), TimeSpan.FromSeconds(timeoutSeconds));

    [Fact]
    public void ARunThatWritesItsProfileSucceedsWithTheProfile()
    {
        var log = new CollectingLog();
        RunOutcome outcome = new LocalRunLauncher(log).Launch(Shell("mkdir -p \"$1/out\" && echo '{}' > \"$1/out/A.fp32_11.profile.jsonl\""), CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(new[] { Path.Combine(_folder, "out", "A.fp32_11.profile.jsonl") }, outcome.Profiles);
        Assert.Contains(log.Details, d => d.StartsWith("Knobs: /bin/sh -c ", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedRunHasItsExitCodeAndTheEndOfItsOutput()
    {
        RunOutcome outcome = new LocalRunLauncher(new CollectingLog()).Launch(Shell("echo working; echo 'kernel exploded' >&2; exit 3"), CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("kernel exploded", outcome.Message);
        Assert.Empty(outcome.Profiles);
    }

    [Fact]
    public void AProgramThatCannotStartIsAFailedRunNotAnException()
    {
        var plan = new RunPlan("missing", Path.Combine(_folder, "no-such-app"), new[] { "run" }, _folder, TimeSpan.FromSeconds(5));
        RunOutcome outcome = new LocalRunLauncher(new CollectingLog()).Launch(plan, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Contains("cannot start", outcome.Message);
    }

    [Fact]
    public void OutputGoesToTheDetailedLogEscapedAndCapped()
    {
        var log = new CollectingLog();
        string script = "printf 'evil\\033[2Jline\\n'; i=0; while [ $i -lt 300 ]; do echo line$i; i=$((i+1)); done";
        RunOutcome outcome = new LocalRunLauncher(log).Launch(Shell(script), CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        string[] lines = log.Details.Where(d => d.StartsWith("  sh-run| ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(LocalRunLauncher.MaxLoggedLines + 1, lines.Length);
        Assert.Equal("  sh-run| evil\\u001B[2Jline", lines[0]);
        Assert.Equal("  sh-run| … 101 more output line(s) not logged", lines[^1]);
        Assert.DoesNotContain(log.Details, d => d.Contains('\u001b'));
    }

    [Fact]
    public void ATimedOutRunIsStoppedAndSaysSo()
    {
        var clock = Stopwatch.StartNew();
        RunOutcome outcome = new LocalRunLauncher(new CollectingLog()).Launch(Shell("sleep 30", timeoutSeconds: 1), CancellationToken.None);

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void CancelingMidwayKillsTheChildAndItsChildren()
    {
        string pids = Path.Combine(_folder, "pids");
        // The shell starts a grandchild and records both ids; both must be gone once the launcher returns.
        RunPlan plan = Shell("sleep 30 & echo $$ $! > \"$1/pids.tmp\" && mv \"$1/pids.tmp\" \"$1/pids\"; wait");
        using var cancel = new CancellationTokenSource();
        RunOutcome? outcome = null;
        var worker = new Thread(() => outcome = new LocalRunLauncher(new CollectingLog()).Launch(plan, cancel.Token));
        var clock = Stopwatch.StartNew();
        worker.Start();
        while (!File.Exists(pids))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the child did not start");
            Thread.Sleep(20);
        }
        cancel.Cancel();
        Assert.True(worker.Join(TimeSpan.FromSeconds(15)), "Launch did not return after the cancellation");

        Assert.Equal(RunStatus.Canceled, outcome!.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}");
        foreach (int pid in File.ReadAllText(pids).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)))
        {
            Assert.True(Gone(pid, TimeSpan.FromSeconds(5)), $"process {pid} is still running");
        }
    }

    [Fact]
    public void NothingStartsOnceCanceled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        RunOutcome outcome = new LocalRunLauncher(new CollectingLog()).Launch(Shell("touch \"$1/ran\""), cancel.Token);

        Assert.Equal(RunStatus.Canceled, outcome.Status);
        Thread.Sleep(200);
        Assert.False(File.Exists(Path.Combine(_folder, "ran")));
    }

    // Gone, or a zombie waiting for a parent that does not reap (PID 1 in some containers): either way it runs no more.
    private static bool Gone(int pid, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
            string? text = null;
            try
            {
                text = File.Exists(stat) ? File.ReadAllText(stat) : null;
            }
            catch (IOException)
            {
            }
            if (text is null || text.Substring(text.LastIndexOf(')') + 2, 1) is "Z" or "X")
            {
                return true;
            }
            if (clock.Elapsed > wait)
            {
                return false;
            }
            Thread.Sleep(50);
        }
    }
}
