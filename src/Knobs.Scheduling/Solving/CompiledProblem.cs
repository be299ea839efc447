using System;
using System.Collections.Generic;
using System.Globalization;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// A checked problem reduced to what every solver needs, in ms (double) and in integer ticks of the time resolution.
/// Chain constraint between group i−1 (option a) and group i (option b) of one DNN:
/// start[i] ≥ start[i−1] + Pred[a] + Succ[b] + Trans[device(a), device(b)].
/// A group occupies its device for Interval; the DNN ends at start[last] + Finish.
/// Knobs semantics: Pred = Interval = Finish = time × slowdown, Succ = 0.
/// HaX-CoNN semantics: Interval = Finish = raw time, Pred = 0, Succ[b] = predecessor's time on b's device × its slowdown there.
/// </summary>
internal sealed class CompiledProblem
{
    public required ScheduleProblem Problem { get; init; }
    public required CompiledDnn[] Dnns { get; init; }
    public required int DeviceCount { get; init; }
    public required long HorizonTicks { get; init; }
    public long? DeadlineTicks { get; init; }
    public double Resolution => Problem.TimeResolutionMs;

    public static CompiledProblem Compile(ScheduleProblem p)
    {
        string src = p.Source;
        if (p.Devices.Count == 0) throw new ScheduleInputException(src, "devices", "no devices: give at least one");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < p.Devices.Count; d++)
        {
            if (string.IsNullOrWhiteSpace(p.Devices[d])) throw new ScheduleInputException(src, $"devices[{d}]", "a device needs a name");
            if (!seen.Add(p.Devices[d])) throw new ScheduleInputException(src, $"devices[{d}]", $"device '{p.Devices[d]}' is named twice; give each device one entry");
        }
        if (p.Dnns.Count == 0) throw new ScheduleInputException(src, "dnns", "no DNNs: give at least one");
        if (!(p.TimeResolutionMs > 0) || double.IsInfinity(p.TimeResolutionMs))
            throw new ScheduleInputException(src, "time_resolution_ms", $"the time resolution must be a positive number of ms, got {Num(p.TimeResolutionMs)}");
        if (p.MaxSwitchesPerDnn is < 0) throw new ScheduleInputException(src, "max_switches", $"the switch limit must be 0 or more, got {p.MaxSwitchesPerDnn}");
        if (p.Semantics == ScheduleSemantics.HaxConn && p.MaxSwitchesPerDnn is not (0 or 1))
            throw new ScheduleInputException(src, "max_switches", "HaX-CoNN's formulation allows at most one switch per DNN; set the limit to 1 (or 0), or use Knobs' semantics");
        if (p.Objective == ScheduleObjective.Energy && p.DeadlineMs is double dl && !(dl > 0))
            throw new ScheduleInputException(src, "deadline_ms", $"the deadline must be a positive number of ms, got {Num(dl)}");
        if (p.Objective == ScheduleObjective.Makespan && p.DeadlineMs is not null)
            throw new ScheduleInputException(src, "deadline_ms", "a deadline is only used with the energy objective; drop it or minimise energy");

        int devices = p.Devices.Count;
        var dnns = new CompiledDnn[p.Dnns.Count];
        long horizon = 0;
        for (int k = 0; k < p.Dnns.Count; k++)
        {
            DnnChain dnn = p.Dnns[k];
            string at = $"dnns[{k}]";
            if (string.IsNullOrWhiteSpace(dnn.Name)) throw new ScheduleInputException(src, at + ".name", "a DNN needs a name");
            if (dnn.Groups.Count == 0) throw new ScheduleInputException(src, at + ".groups", $"DNN '{dnn.Name}' has no layer groups; give at least one");
            if (dnn.Transitions.Count != dnn.Groups.Count - 1)
                throw new ScheduleInputException(src, at + ".transitions", $"DNN '{dnn.Name}' has {dnn.Groups.Count} groups, so it needs {dnn.Groups.Count - 1} transition cost entries (one per boundary), got {dnn.Transitions.Count}");
            if (dnn.QosBudget is double b && !(b >= 0 && !double.IsInfinity(b)))
                throw new ScheduleInputException(src, at + ".qos_budget", $"the QoS budget must be a finite number ≥ 0, got {Num(b)}");
            var groups = new CompiledGroup[dnn.Groups.Count];
            for (int i = 0; i < dnn.Groups.Count; i++)
            {
                LayerGroup g = dnn.Groups[i];
                string gat = $"{at}.groups[{i}]";
                if (g.Options.Count == 0) throw new ScheduleInputException(src, gat + ".options", $"group '{g.Name}' of '{dnn.Name}' has no options; give it at least one device");
                var opts = new CompiledOption[g.Options.Count];
                for (int o = 0; o < g.Options.Count; o++)
                {
                    GroupOption opt = g.Options[o];
                    string oat = $"{gat}.options[{o}]";
                    if (opt.Device < 0 || opt.Device >= devices) throw new ScheduleInputException(src, oat + ".device", $"device index {opt.Device} is not one of the {devices} devices");
                    if (!(opt.TimeMs > 0) || double.IsInfinity(opt.TimeMs)) throw new ScheduleInputException(src, oat + ".time_ms", $"the time must be a positive finite number of ms, got {Num(opt.TimeMs)}");
                    if (!(opt.QosLoss >= 0) || double.IsInfinity(opt.QosLoss)) throw new ScheduleInputException(src, oat + ".qos_loss", $"the QoS loss must be a finite number ≥ 0, got {Num(opt.QosLoss)}");
                    if (opt.EnergyJ is double e && !(e >= 0 && !double.IsInfinity(e))) throw new ScheduleInputException(src, oat + ".energy_j", $"the energy must be a finite number ≥ 0, got {Num(e)}");
                    if (p.Objective == ScheduleObjective.Energy && opt.EnergyJ is null) throw new ScheduleInputException(src, oat + ".energy_j", "minimising energy needs every option's energy; give it or minimise the makespan");
                    for (int q = 0; q < o; q++)
                    {
                        if (g.Options[q].Device == opt.Device && string.Equals(g.Options[q].Knob, opt.Knob, StringComparison.Ordinal))
                            throw new ScheduleInputException(src, oat, $"knob '{opt.Knob}' on device '{p.Devices[opt.Device]}' is listed twice for group '{g.Name}'; keep one");
                    }
                    // HaX-CoNN never uses the last group's slowdown (its input is not even required).
                    double slow = p.Semantics == ScheduleSemantics.HaxConn && i == dnn.Groups.Count - 1 ? 1.0 : p.Contention.Slowdown(p, k, i, opt);
                    if (!(slow >= 1) || double.IsInfinity(slow))
                        throw new ScheduleInputException(src, oat + ".contention_input", $"contention model '{p.Contention.Name}' gives slowdown {Num(slow)} on '{p.Devices[opt.Device]}'; it must be a finite factor ≥ 1 (check the input value)");
                    opts[o] = new CompiledOption(opt.Device, opt.Knob, opt.TimeMs, slow, opt.EnergyJ ?? 0, opt.QosLoss);
                }
                if (p.Semantics == ScheduleSemantics.HaxConn)
                {
                    for (int d = 0; d < devices; d++)
                    {
                        int count = Array.FindAll(opts, x => x.Device == d).Length;
                        if (count != 1) throw new ScheduleInputException(src, gat + ".options", $"HaX-CoNN's formulation needs exactly one option per device for every group (no knobs); group '{g.Name}' of '{dnn.Name}' has {count} on '{p.Devices[d]}'");
                    }
                }
                groups[i] = new CompiledGroup(g.Name, opts);
            }
            for (int i = 0; i + 1 < dnn.Groups.Count; i++)
            {
                TransitionCosts t = dnn.Transitions[i];
                if (!t.IsSquare || t.Devices != devices)
                    throw new ScheduleInputException(src, $"{at}.transitions[{i}]", $"a transition cost matrix must be {devices}×{devices} (one row and column per device)");
                for (int u = 0; u < devices; u++)
                    for (int v = 0; v < devices; v++)
                    {
                        double c = t.Cost(u, v);
                        if (!(c >= 0) || double.IsInfinity(c)) throw new ScheduleInputException(src, $"{at}.transitions[{i}]", $"the cost from '{p.Devices[u]}' to '{p.Devices[v]}' must be a finite number of ms ≥ 0, got {Num(c)}");
                        if (u == v && c != 0) throw new ScheduleInputException(src, $"{at}.transitions[{i}]", $"staying on '{p.Devices[u]}' must cost 0, got {Num(c)}");
                    }
            }
            dnns[k] = Fill(p, k, groups, ref horizon);
        }
        long? deadline = p.DeadlineMs is double dd ? (long)Math.Floor(dd / p.TimeResolutionMs + 1e-9) : null;
        return new CompiledProblem { Problem = p, Dnns = dnns, DeviceCount = devices, HorizonTicks = horizon, DeadlineTicks = deadline };
    }

    // Fills the ms and tick weights of one DNN; adds a serial upper bound of its length to the horizon.
    private static CompiledDnn Fill(ScheduleProblem p, int k, CompiledGroup[] groups, ref long horizon)
    {
        DnnChain dnn = p.Dnns[k];
        bool hax = p.Semantics == ScheduleSemantics.HaxConn;
        int devices = p.Devices.Count;
        var trans = new double[Math.Max(0, groups.Length - 1)][,];
        var transTicks = new long[trans.Length][,];
        for (int i = 0; i < groups.Length; i++)
        {
            CompiledGroup g = groups[i];
            foreach (CompiledOption o in g.Options)
            {
                double own = hax ? o.TimeMs : o.TimeMs * o.Slowdown;
                o.IntervalMs = own;
                o.FinishMs = own;
                o.PredMs = hax ? 0 : own;
                if (hax && i > 0)
                {
                    // The quirk: the predecessor's duration is its (slowed) time on *this* group's device.
                    CompiledOption pred = Array.Find(groups[i - 1].Options, x => x.Device == o.Device)!;
                    o.SuccMs = pred.TimeMs * pred.Slowdown;
                }
                o.IntervalTicks = Ticks(p, o.IntervalMs, k, i);
                o.FinishTicks = o.IntervalTicks;
                o.PredTicks = hax ? 0 : o.IntervalTicks;
                o.SuccTicks = hax && i > 0 ? Ticks(p, o.SuccMs, k, i) : 0;
                o.QosUnits = (long)Math.Round(o.QosLoss / ScheduleProblem.QosResolution);
                o.EnergyUnits = (long)Math.Round(o.EnergyJ / ScheduleProblem.EnergyResolutionJ);
            }
            if (i + 1 < groups.Length)
            {
                trans[i] = new double[devices, devices];
                transTicks[i] = new long[devices, devices];
                for (int u = 0; u < devices; u++)
                    for (int v = 0; v < devices; v++)
                    {
                        trans[i][u, v] = dnn.Transitions[i].Cost(u, v);
                        transTicks[i][u, v] = (long)Math.Round(trans[i][u, v] / p.TimeResolutionMs);
                    }
            }
        }
        long length = 0;
        for (int i = 0; i < groups.Length; i++)
        {
            long most = 0;
            foreach (CompiledOption o in groups[i].Options) most = Math.Max(most, o.PredTicks + o.IntervalTicks + o.SuccTicks);
            if (i + 1 < groups.Length)
            {
                long t = 0;
                foreach (long c in transTicks[i]) t = Math.Max(t, c);
                most += t;
            }
            // Succ of group i+1 is a duration of group i: bound it with the largest over group i+1's options.
            if (i + 1 < groups.Length)
            {
                long s = 0;
                foreach (CompiledOption o in groups[i + 1].Options) s = Math.Max(s, o.SuccTicks);
                most += s;
            }
            length = checked(length + most);
        }
        horizon = checked(horizon + length);
        long? budget = dnn.QosBudget is double b ? (long)Math.Round(b / ScheduleProblem.QosResolution) : null;
        return new CompiledDnn(dnn.Name, groups, trans, transTicks, budget);
    }

    private static long Ticks(ScheduleProblem p, double ms, int k, int i)
    {
        double t = Math.Round(ms / p.TimeResolutionMs);
        if (t < 1) throw new ScheduleInputException(p.Source, $"dnns[{k}].groups[{i}]", $"a duration of {Num(ms)} ms is below the time resolution {Num(p.TimeResolutionMs)} ms; use a finer resolution");
        if (t > 1e15) throw new ScheduleInputException(p.Source, $"dnns[{k}].groups[{i}]", $"a duration of {Num(ms)} ms is more than 1e15 ticks of {Num(p.TimeResolutionMs)} ms; use a coarser resolution");
        return (long)t;
    }

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

internal sealed record CompiledDnn(string Name, CompiledGroup[] Groups, double[][,] TransMs, long[][,] TransTicks, long? QosBudgetUnits);

internal sealed record CompiledGroup(string Name, CompiledOption[] Options);

internal sealed class CompiledOption(int device, string knob, double timeMs, double slowdown, double energyJ, double qosLoss)
{
    public int Device { get; } = device;
    public string Knob { get; } = knob;
    public double TimeMs { get; } = timeMs;
    public double Slowdown { get; } = slowdown;
    public double EnergyJ { get; } = energyJ;
    public double QosLoss { get; } = qosLoss;
    public double IntervalMs { get; set; }
    public double FinishMs { get; set; }
    public double PredMs { get; set; }
    public double SuccMs { get; set; }
    public long IntervalTicks { get; set; }
    public long FinishTicks { get; set; }
    public long PredTicks { get; set; }
    public long SuccTicks { get; set; }
    public long QosUnits { get; set; }
    public long EnergyUnits { get; set; }
}
