using System.Threading;

namespace Knobs.Tasks.Launching;

/// <summary>
/// Starts the runs the tasks plan and reports how they ended. The tasks decide what to run (<see cref="RunPlan"/>) and
/// what an outcome means (a profile kept, a KNB warning); a launcher only decides where and how the process runs.
/// <see cref="LocalRunLauncher"/> runs each plan as a child of the build; another launcher (a batch scheduler) plugs in
/// by implementing this interface.
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
}
