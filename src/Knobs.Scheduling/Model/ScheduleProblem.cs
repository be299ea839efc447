using System;
using System.Collections.Generic;

namespace Knobs.Scheduling.Model;

/// <summary>What the solvers minimise.</summary>
public enum ScheduleObjective
{
    /// <summary>The finish time of the last DNN.</summary>
    Makespan,
    /// <summary>The sum of the chosen options' energy (every option must state it), under <see cref="ScheduleProblem.DeadlineMs"/> when given.</summary>
    Energy,
}

/// <summary>How durations enter the constraints.</summary>
public enum ScheduleSemantics
{
    /// <summary>
    /// Knobs' own model: a group occupies its device for its time × its contention slowdown; the next group of the chain
    /// starts after it ends plus the transition cost between the two devices; the makespan is the last end.
    /// </summary>
    Knobs,
    /// <summary>
    /// HaX-CoNN's formulation exactly as its code has it: the predecessor's slowed duration is taken on the successor's
    /// device, device exclusivity and the objective use raw times, the last group's slowdown is never used, at most one switch
    /// per DNN, no knobs (one option per device per group).
    /// </summary>
    HaxConn,
}

/// <summary>
/// A placement and scheduling problem: several DNNs, each a chain of layer groups, run concurrently on several devices.
/// Each group chooses one option (a device and a knob on it); groups of different DNNs never overlap on a device.
/// </summary>
/// <param name="Devices">Device names; an option's <see cref="GroupOption.Device"/> indexes this list.</param>
/// <param name="Dnns">The DNNs.</param>
/// <param name="Contention">The slowdown of a group beside the other DNNs.</param>
/// <param name="Semantics">How durations enter the constraints.</param>
/// <param name="MaxSwitchesPerDnn">The most device switches along one DNN's chain; null: no limit.</param>
/// <param name="Objective">What is minimised.</param>
/// <param name="DeadlineMs">With <see cref="ScheduleObjective.Energy"/>: the makespan may not exceed this; null: no deadline.</param>
/// <param name="TimeResolutionMs">The solvers' integer time unit in ms (default 1e-3 ms = 1 µs): every duration and transition
/// cost is rounded to a whole number of these, so a makespan the integer model calls optimal is within (number of groups on
/// the critical path) × resolution / 2 of the real-valued optimum.</param>
/// <param name="Source">Where the problem came from (a file name), for messages.</param>
public sealed record ScheduleProblem(
    IReadOnlyList<string> Devices,
    IReadOnlyList<DnnChain> Dnns,
    IContentionModel Contention,
    ScheduleSemantics Semantics = ScheduleSemantics.Knobs,
    int? MaxSwitchesPerDnn = null,
    ScheduleObjective Objective = ScheduleObjective.Makespan,
    double? DeadlineMs = null,
    double TimeResolutionMs = 1e-3,
    string Source = "problem")
{
    /// <summary>QoS losses and budgets are compared in whole units of this (1e-6), so sums do not drift with floating point.</summary>
    public const double QosResolution = 1e-6;

    /// <summary>Energies are summed in whole units of this (1e-9 J).</summary>
    public const double EnergyResolutionJ = 1e-9;

    /// <summary>The index of the device named <paramref name="name"/>, or −1.</summary>
    internal int DeviceIndex(string name)
    {
        for (int d = 0; d < Devices.Count; d++)
        {
            if (Devices[d] == name) return d;
        }
        return -1;
    }

    /// <summary>Total number of layer groups.</summary>
    public int GroupCount
    {
        get
        {
            int n = 0;
            foreach (DnnChain d in Dnns) n += d.Groups.Count;
            return n;
        }
    }
}

/// <summary>One DNN: a chain of layer groups run in order.</summary>
/// <param name="Name">The DNN's name.</param>
/// <param name="Groups">Its layer groups in execution order.</param>
/// <param name="Transitions">Entry i: the cost of moving from group i's device to group i+1's device (Groups.Count − 1 entries).</param>
/// <param name="QosBudget">The largest allowed sum of the chosen options' QoS loss; null: no budget (knobs with a loss are then
/// free to choose).</param>
public sealed record DnnChain(string Name, IReadOnlyList<LayerGroup> Groups, IReadOnlyList<TransitionCosts> Transitions, double? QosBudget = null)
{
    /// <summary>The batch the DNN's times were measured at (problems built from tables); null when unknown.</summary>
    public int? Batch { get; init; }
}

/// <summary>A layer group and the ways it can run.</summary>
/// <param name="Name">A label (HaX-CoNN: the first layer's index).</param>
/// <param name="Options">Device and knob choices; at least one.</param>
public sealed record LayerGroup(string Name, IReadOnlyList<GroupOption> Options);

/// <summary>One way to run a group: a device and a knob on it.</summary>
/// <param name="Device">Index into <see cref="ScheduleProblem.Devices"/>.</param>
/// <param name="Knob">The knob's name; the exact (baseline) run is conventionally "exact" with no QoS loss.</param>
/// <param name="TimeMs">Standalone time in ms (&gt; 0).</param>
/// <param name="EnergyJ">Energy in J, when known.</param>
/// <param name="QosLoss">The knob's QoS loss (≥ 0), summed against the DNN's budget.</param>
/// <param name="ContentionInput">What the contention model reads (HaX-CoNN/PCCS: the group's memory throughput on this device).</param>
public sealed record GroupOption(int Device, string Knob, double TimeMs, double? EnergyJ = null, double QosLoss = 0, double? ContentionInput = null);

/// <summary>The cost in ms of moving a chain between two devices at one group boundary.</summary>
public sealed class TransitionCosts
{
    private readonly double[,] _costs;

    /// <summary>A full matrix [from device, to device]; the diagonal must be 0.</summary>
    public TransitionCosts(double[,] costs) => _costs = (double[,])costs.Clone();

    /// <summary>The same cost whichever way the switch goes (HaX-CoNN charges one array both ways); 0 when staying.</summary>
    public static TransitionCosts Uniform(int devices, double costMs)
    {
        var m = new double[devices, devices];
        for (int u = 0; u < devices; u++)
            for (int v = 0; v < devices; v++)
                m[u, v] = u == v ? 0 : costMs;
        return new TransitionCosts(m);
    }

    /// <summary>The number of devices the matrix covers.</summary>
    public int Devices => _costs.GetLength(0);

    /// <summary>Cost in ms of going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double Cost(int from, int to) => _costs[from, to];

    internal bool IsSquare => _costs.GetLength(0) == _costs.GetLength(1);
}
