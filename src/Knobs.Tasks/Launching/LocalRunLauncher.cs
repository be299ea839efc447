using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Processes;

namespace Knobs.Tasks.Launching;

/// <summary>
/// Runs each plan as a child process of the build, one at a time. The child's output goes to the build log at detailed
/// verbosity, escaped like every other logged text and capped per run; its last lines are kept for a failure message.
/// The timeout and a cancellation kill the child's whole process tree.
/// </summary>
internal sealed class LocalRunLauncher : IRunLauncher
{
    /// <summary>Output lines of one run written to the log; the rest are counted.</summary>
    public const int MaxLoggedLines = 200;

    /// <summary>Characters of one output line written to the log.</summary>
    public const int MaxLoggedLineLength = 2000;

    /// <summary>Output lines of each stream kept for <see cref="RunOutcome.Message"/>.</summary>
    private const int KeptLines = 64;

    private readonly ITaskLog _log;
    private readonly string? _dotnetHost;

    public LocalRunLauncher(ITaskLog log, string? dotnetHost = null)
    {
        _log = log;
        _dotnetHost = dotnetHost;
    }

    public string Describe(RunPlan plan) => new AppCommand(plan.App, _dotnetHost).Describe(plan.Arguments);

    public RunOutcome Launch(RunPlan plan, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
        {
            return RunOutcome.NotStarted;
        }
        IReadOnlyList<string> argv = plan.CommandLine(_dotnetHost);
        _log.Detail("Knobs: " + Describe(plan));
        // Lines arrive on the process's reader threads; they are logged from this thread (MSBuild's log belongs to the task).
        var lines = new ConcurrentQueue<string>();
        int logged = 0, dropped = 0;
        void Drain()
        {
            while (lines.TryDequeue(out string? line))
            {
                if (logged < MaxLoggedLines)
                {
                    logged++;
                    string text = line.Length > MaxLoggedLineLength ? line.Substring(0, MaxLoggedLineLength) + "…" : line;
                    _log.Detail("  " + LogText.Escape(plan.Label) + "| " + LogText.Escape(text));
                }
                else
                {
                    dropped++;
                }
            }
        }
        ProcessResult result = ProcessRunner.Run(argv[0], argv.Skip(1).ToArray(), plan.WorkingDirectory, plan.Timeout,
            plan.Environment, cancel, lines.Enqueue, Drain, KeptLines);
        if (dropped > 0)
        {
            _log.Detail(string.Format(CultureInfo.InvariantCulture, "  {0}| … {1} more output line(s) not logged",
                LogText.Escape(plan.Label), dropped));
        }
        RunStatus status = result.Canceled ? RunStatus.Canceled
            : result.TimedOut ? RunStatus.TimedOut
            : result.Succeeded ? RunStatus.Succeeded
            : RunStatus.Failed;
        return new RunOutcome(status, result.Canceled || result.TimedOut ? null : result.ExitCode, result.Tail(), result.Seconds,
            RunOutputs.ProfilesIn(plan.OutputFolder));
    }
}
