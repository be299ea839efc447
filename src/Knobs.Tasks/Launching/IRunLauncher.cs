using System;
using System.Collections.Generic;
using System.Threading;

namespace Knobs.Tasks.Launching;

/// <summary>
/// Starts the runs the tasks plan and reports how they ended. The tasks decide what to run (<see cref="RunPlan"/>) and
/// what an outcome means (a profile kept, a KNB warning); a launcher only decides where and how the process runs.
/// <see cref="LocalRunLauncher"/> runs each plan as a child of the build, one after another; a batch scheduler
/// (<see cref="Slurm.SlurmRunLauncher"/>) submits a whole list at once and reports each run as it ends.
/// </summary>
internal interface IRunLauncher
{
    /// <summary>
    /// Runs <paramref name="plan"/> to its end, its timeout or <paramref name="cancel"/> (then stops it, and everything
    /// it started, before returning <see cref="RunStatus.Canceled"/>). Never throws for what the run did.
    /// </summary>
    RunOutcome Launch(RunPlan plan, CancellationToken cancel);

    /// <summary>The run as a user would type it, for messages (escaped for one log line).</summary>
    string Describe(RunPlan plan);

    /// <summary>True when runs land on several machines (a cluster) and <see cref="RunPlan.AvoidNodes"/> is honoured.</summary>
    bool PlacesOnNodes => false;

    /// <summary>
    /// Runs every plan and calls <paramref name="ended"/> (on the calling thread) once per plan with its index and outcome,
    /// in the order the runs end. A plan not started because <paramref name="cancel"/> was signalled or
    /// <paramref name="mayStart"/> said no ends as <see cref="RunOutcome.NotStarted"/>. Here: one plan after another, each
    /// through <see cref="Launch"/>, <paramref name="mayStart"/> asked before each.
    /// </summary>
    void LaunchAll(IReadOnlyList<RunPlan> plans, CancellationToken cancel, Func<bool> mayStart, Action<int, RunOutcome> ended)
    {
        for (int i = 0; i < plans.Count; i++)
        {
            ended(i, cancel.IsCancellationRequested || !mayStart() ? RunOutcome.NotStarted : Launch(plans[i], cancel));
        }
    }
}
