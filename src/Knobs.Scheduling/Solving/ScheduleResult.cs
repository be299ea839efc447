using System.Collections.Generic;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>How far a solver got.</summary>
public enum SolveStatus
{
    /// <summary>The schedule is optimal for the integer-time model.</summary>
    Optimal,
    /// <summary>A schedule was found; <see cref="ScheduleResult.Gap"/> says how far from optimal it may be.</summary>
    Feasible,
    /// <summary>No schedule satisfies the constraints (QoS budgets, switch limits, deadline).</summary>
    Infeasible,
    /// <summary>The limit ran out before any schedule was found.</summary>
    Unknown,
}

/// <summary>
/// A solver's answer. Start times are the earliest ones for the chosen options and the per-device order the solver found,
/// evaluated in double precision ms from the problem's own numbers (not the rounded ticks), so two solvers that choose the
/// same schedule print the same times.
/// </summary>
/// <param name="Solver">cpsat, z3 or oracle.</param>
/// <param name="Status">How far the solver got.</param>
/// <param name="Objective">What was minimised.</param>
/// <param name="ObjectiveValue">The solver's objective in ms (makespan) or J (energy) of its integer model; null without a schedule.</param>
/// <param name="BestBound">The best proven lower bound, same unit; equals the objective when optimal.</param>
/// <param name="Gap">(objective − bound) / objective; 0 when optimal.</param>
/// <param name="MakespanMs">The schedule's makespan evaluated in ms from the problem's numbers.</param>
/// <param name="EnergyJ">The schedule's energy in J (sum of chosen options), when every option has one.</param>
/// <param name="MakespanTicks">The schedule's makespan in whole ticks of the time resolution (what the integer model sees).</param>
/// <param name="TimeResolutionMs">The integer model's time unit.</param>
/// <param name="Dnns">The chosen options and start times per DNN.</param>
public sealed record ScheduleResult(
    string Solver,
    SolveStatus Status,
    ScheduleObjective Objective,
    double? ObjectiveValue,
    double? BestBound,
    double? Gap,
    double? MakespanMs,
    double? EnergyJ,
    long? MakespanTicks,
    double TimeResolutionMs,
    IReadOnlyList<DnnSchedule> Dnns);

/// <summary>One DNN's schedule.</summary>
/// <param name="Name">The DNN.</param>
/// <param name="Groups">Its groups in chain order.</param>
/// <param name="EndMs">When its last group ends.</param>
/// <param name="Switches">How many times it changes device.</param>
/// <param name="QosLoss">The sum of its chosen knobs' QoS loss.</param>
public sealed record DnnSchedule(string Name, IReadOnlyList<GroupPlacement> Groups, double EndMs, int Switches, double QosLoss);

/// <summary>Where and when one group runs.</summary>
/// <param name="Group">The group's name.</param>
/// <param name="Device">The chosen device.</param>
/// <param name="Knob">The chosen knob.</param>
/// <param name="StartMs">Start time.</param>
/// <param name="EndMs">Start plus the time the group holds its device (raw under HaX-CoNN's semantics, slowed under Knobs').</param>
public sealed record GroupPlacement(string Group, string Device, string Knob, double StartMs, double EndMs);
