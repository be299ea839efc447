using System;
using System.Collections.Generic;

namespace Knobs.Tasks.Launching.Slurm;

/// <summary>
/// What <see cref="SlurmRunLauncher"/> asks of a Slurm cluster: whether it can take jobs, submitting a job array,
/// which tasks are still queued or running, how a task that left the queue ended, and cancelling.
/// <see cref="SlurmCommands"/> does it with Slurm's own commands (sinfo, sbatch, squeue, sacct or scontrol, scancel).
/// </summary>
internal interface ISlurmCluster
{
    /// <summary>
    /// Null when jobs can be submitted to <paramref name="partition"/> (null: the default partition); otherwise what is
    /// wrong and what to install or start, for a build error.
    /// </summary>
    string? Unavailable(string? partition);

    /// <summary>Submits <paramref name="script"/> with <paramref name="arguments"/> (sbatch's options); returns the job id.</summary>
    /// <exception cref="SlurmException">sbatch refused the job or could not be run.</exception>
    string Submit(IReadOnlyList<string> arguments, string script);

    /// <summary>
    /// This user's array tasks still pending or running, keyed <c>JOBID_TASK</c> (<see cref="SlurmTaskId"/>); null when the
    /// queue could not be read this time (the caller tries again).
    /// </summary>
    IReadOnlyDictionary<string, SlurmTaskState>? Queue();

    /// <summary>How a task that left the queue ended, when Slurm still knows (sacct, else scontrol); null when it does not.</summary>
    SlurmTaskState? Ended(string taskId);

    /// <summary>Cancels these jobs (whole arrays); failures are ignored (a job may have ended meanwhile).</summary>
    void Cancel(IReadOnlyCollection<string> jobIds);
}

/// <summary>A task's Slurm state (<c>PENDING</c>, <c>RUNNING</c>, <c>CANCELLED</c>, <c>NODE_FAIL</c>…), exit code text (<c>0:15</c>) and node.</summary>
internal sealed record SlurmTaskState(string State, string? ExitCode, string? Node, string? Reason = null)
{
    /// <summary>Still queued or running (or about to be).</summary>
    public bool Active => State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING" or "SIGNALING" or "STAGE_OUT";
}

/// <summary>Slurm's name for one array task: <c>JOBID_TASK</c>.</summary>
internal static class SlurmTaskId
{
    public static string Of(string jobId, int task) => jobId + "_" + task.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Digits, '_', digits: what a task folder's <c>job</c> file must hold before its job is waited for (and, on Ctrl+C,
    /// cancelled). Anything else there is ignored and the run is submitted afresh.
    /// </summary>
    public static bool IsWellFormed(string id) => System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9]{1,18}_[0-9]{1,9}$");
}

/// <summary>A Slurm command failed: the message says which, how, and what to do.</summary>
internal sealed class SlurmException : Exception
{
    public SlurmException(string message) : base(message) { }
}
