using System.Collections.Generic;
using System.IO;
using Knobs.Tasks.Files;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Launching.Slurm;
using Knobs.Tasks.Logging;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// A task that runs the app (profiling, validation): where the runs go. <c>KnobsScheduler</c> empty or <c>local</c>
/// runs them here, one after another; <c>slurm</c> submits them as Slurm job arrays (docs/slurm.md). Cancelable: on
/// Ctrl+C the launcher stops what runs (a local process tree, or the submitted jobs) and nothing else starts.
/// </summary>
public abstract class LaunchingTask : Task, ICancelableTask
{
    /// <summary>Signalled by <see cref="Cancel"/>.</summary>
    private protected System.Threading.CancellationTokenSource CancelSource { get; } = new();

    /// <summary>Called by MSBuild on Ctrl+C.</summary>
    public void Cancel() => CancelSource.Cancel();

    /// <summary><c>$(KnobsScheduler)</c>: empty or <c>local</c> (this machine), or <c>slurm</c>.</summary>
    public string? Scheduler { get; set; }

    /// <summary><c>$(KnobsSlurmSharedDir)</c>: a folder every node sees (empty: <c>slurm/</c> in the profile folder).</summary>
    public string? SlurmSharedDirectory { get; set; }

    /// <summary><c>$(KnobsSlurmPartition)</c>.</summary>
    public string? SlurmPartition { get; set; }

    /// <summary><c>$(KnobsSlurmAccount)</c>.</summary>
    public string? SlurmAccount { get; set; }

    /// <summary><c>$(KnobsSlurmArguments)</c>: more sbatch options.</summary>
    public string? SlurmArguments { get; set; }

    /// <summary><c>$(KnobsSlurmMaxParallel)</c>: most tasks running at once.</summary>
    public string? SlurmMaxParallel { get; set; }

    /// <summary><c>$(KnobsSlurmRetries)</c>.</summary>
    public string? SlurmRetries { get; set; }

    /// <summary><c>$(KnobsSlurmExclusive)</c>: whole nodes per task (default true).</summary>
    public string? SlurmExclusive { get; set; }

    /// <summary><c>$(KnobsSlurmDotnet)</c>: the dotnet host on the nodes.</summary>
    public string? SlurmDotnet { get; set; }

    /// <summary>Runs each plan; null: from <see cref="Scheduler"/> (replaced by tests).</summary>
    internal IRunLauncher? RunLauncher { get; set; }

    /// <summary>The Slurm cluster a <c>slurm</c> scheduler talks to; null: Slurm's commands on PATH (replaced by tests).</summary>
    internal ISlurmCluster? SlurmCluster { get; set; }

    /// <summary>
    /// The launcher the settings ask for, checked before anything runs: the scheduler properties (KNB0414), and for
    /// Slurm that its commands answer and the partition can run jobs (KNB0426) and that the shared folder is writable.
    /// <paramref name="keepOut"/>: folders not copied with the app; <paramref name="force"/>: nothing an earlier build's
    /// tasks left is reused.
    /// </summary>
    private protected bool TryCreateLauncher(ITaskLog log, string profileDirectory, IEnumerable<string?> keepOut, bool force, out IRunLauncher launcher)
    {
        launcher = RunLauncher ?? new LocalRunLauncher(log);
        if (!TaskValues.TryReadSlurm(log, Scheduler, SlurmSharedDirectory, Path.Combine(profileDirectory, "slurm"), SlurmPartition, SlurmAccount,
                SlurmArguments, SlurmMaxParallel, SlurmRetries, SlurmExclusive, SlurmDotnet, out SlurmOptions? slurm))
        {
            return false;
        }
        if (slurm is null || RunLauncher is not null)
        {
            return true;
        }
        ISlurmCluster cluster = SlurmCluster ?? new SlurmCommands();
        if (cluster.Unavailable(slurm.Partition) is { } why)
        {
            log.Error(KnobsTasksInfo.SchedulerUnavailable, "KnobsScheduler=slurm, but " + LogText.Escape(why));
            return false;
        }
        if (!WritableFolder.Check(log, "KnobsSlurmSharedDir", slurm.SharedDirectory))
        {
            return false;
        }
        var folders = new List<string>();
        foreach (string? folder in keepOut)
        {
            if (!string.IsNullOrEmpty(folder)) folders.Add(folder!);
        }
        launcher = new SlurmRunLauncher(log, slurm, cluster, folders, reuseFinished: !force);
        return true;
    }
}
