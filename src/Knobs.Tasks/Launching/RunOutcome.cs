using System;
using System.Collections.Generic;

namespace Knobs.Tasks.Launching;

/// <summary>How a run ended.</summary>
internal enum RunStatus
{
    /// <summary>The app exited with code 0.</summary>
    Succeeded,

    /// <summary>The app exited with another code, crashed, or could not be started.</summary>
    Failed,

    /// <summary>The app was still running at the plan's timeout and was stopped.</summary>
    TimedOut,

    /// <summary>The build was canceled while the app ran (or before it started); it was stopped.</summary>
    Canceled,
}

/// <summary>
/// What a launcher reports about one <see cref="RunPlan"/>: how it ended, the exit code when there was one, the end of
/// its output (for a failure message), how long it took, and the profile files it left in the plan's output folder.
/// </summary>
internal sealed record RunOutcome(RunStatus Status, int? ExitCode, string Message, double Seconds, IReadOnlyList<string> Profiles)
{
    public bool Succeeded => Status == RunStatus.Succeeded;

    /// <summary>Where the run ran when that is not this machine (a cluster node's name); null for a local run.</summary>
    public string? Node { get; init; }

    /// <summary>How many times the run was started (more than 1 when a batch scheduler retried it).</summary>
    public int Attempts { get; init; } = 1;

    public bool TimedOut => Status == RunStatus.TimedOut;

    public bool Canceled => Status == RunStatus.Canceled;

    /// <summary>A run that never started because the build was already canceled.</summary>
    public static RunOutcome NotStarted { get; } = new(RunStatus.Canceled, null, "the build was canceled before the run started", 0, Array.Empty<string>());
}
