using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// Earliest start times of a fixed choice of options and a fixed order of groups on each device: a longest path over the
/// chain arcs and the device-order arcs, in ms (double) and in ticks.
/// </summary>
internal static class ScheduleEvaluator
{
    /// <summary>The per-device order implied by start ticks: by start, then DNN, then group.</summary>
    public static List<(int Dnn, int Group)>[] OrderFromStarts(CompiledProblem cp, int[][] choice, IReadOnlyList<IReadOnlyList<double>> starts)
    {
        var order = new List<(int Dnn, int Group)>[cp.DeviceCount];
        for (int d = 0; d < order.Length; d++) order[d] = new List<(int, int)>();
        for (int k = 0; k < cp.Dnns.Length; k++)
            for (int i = 0; i < cp.Dnns[k].Groups.Length; i++)
                order[cp.Dnns[k].Groups[i].Options[choice[k][i]].Device].Add((k, i));
        foreach (var list in order)
            list.Sort((a, b) =>
            {
                int c = starts[a.Dnn][a.Group].CompareTo(starts[b.Dnn][b.Group]);
                if (c != 0) return c;
                c = a.Dnn.CompareTo(b.Dnn);
                return c != 0 ? c : a.Group.CompareTo(b.Group);
            });
        return order;
    }

    public static ScheduleResult Result(CompiledProblem cp, string solver, SolveStatus status, double? objective, double? bound, int[][] choice,
        List<(int Dnn, int Group)>[] order)
    {
        (double[][] startMs, long[][] startTicks) = EarliestStarts(cp, choice, order);
        var dnns = new List<DnnSchedule>(cp.Dnns.Length);
        double makespan = 0;
        long makespanTicks = 0;
        double energy = 0;
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            var groups = new List<GroupPlacement>(dnn.Groups.Length);
            int switches = 0;
            double qos = 0;
            for (int i = 0; i < dnn.Groups.Length; i++)
            {
                CompiledOption o = dnn.Groups[i].Options[choice[k][i]];
                groups.Add(new GroupPlacement(dnn.Groups[i].Name, cp.Problem.Devices[o.Device], o.Knob, startMs[k][i], startMs[k][i] + o.IntervalMs));
                if (i > 0 && dnn.Groups[i - 1].Options[choice[k][i - 1]].Device != o.Device) switches++;
                qos += o.QosLoss;
                energy += o.EnergyJ;
            }
            int last = dnn.Groups.Length - 1;
            CompiledOption lo = dnn.Groups[last].Options[choice[k][last]];
            double end = startMs[k][last] + lo.FinishMs;
            makespan = Math.Max(makespan, end);
            makespanTicks = Math.Max(makespanTicks, startTicks[k][last] + lo.FinishTicks);
            dnns.Add(new DnnSchedule(dnn.Name, groups, end, switches, qos));
        }
        bool hasEnergy = cp.Problem.Dnns.All(d => d.Groups.All(g => g.Options.All(o => o.EnergyJ is not null)));
        double? gap = objective is double v && bound is double b ? (v > 0 ? Math.Max(0, (v - b) / v) : 0) : null;
        if (status == SolveStatus.Optimal) gap = 0;
        return new ScheduleResult(solver, status, cp.Problem.Objective, objective, bound, gap, makespan, hasEnergy ? energy : null, makespanTicks,
            cp.Resolution, dnns);
    }

    public static (double[][] Ms, long[][] Ticks) EarliestStarts(CompiledProblem cp, int[][] choice, List<(int Dnn, int Group)>[] order)
    {
        // Nodes numbered DNN by DNN; arcs (from, to, ms, ticks).
        var offset = new int[cp.Dnns.Length + 1];
        for (int k = 0; k < cp.Dnns.Length; k++) offset[k + 1] = offset[k] + cp.Dnns[k].Groups.Length;
        int n = offset[^1];
        var arcs = new List<(int From, int To, double Ms, long Ticks)>();
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            for (int i = 1; i < dnn.Groups.Length; i++)
            {
                CompiledOption a = dnn.Groups[i - 1].Options[choice[k][i - 1]];
                CompiledOption b = dnn.Groups[i].Options[choice[k][i]];
                arcs.Add((offset[k] + i - 1, offset[k] + i, a.PredMs + b.SuccMs + dnn.TransMs[i - 1][a.Device, b.Device],
                    a.PredTicks + b.SuccTicks + dnn.TransTicks[i - 1][a.Device, b.Device]));
            }
        }
        foreach (var list in order)
        {
            for (int j = 1; j < list.Count; j++)
            {
                (int k, int i) = list[j - 1];
                CompiledOption a = cp.Dnns[k].Groups[i].Options[choice[k][i]];
                arcs.Add((offset[k] + i, offset[list[j].Dnn] + list[j].Group, a.IntervalMs, a.IntervalTicks));
            }
        }
        var ms = new double[n];
        var ticks = new long[n];
        var indegree = new int[n];
        var outgoing = new List<int>[n];
        for (int v = 0; v < n; v++) outgoing[v] = new List<int>();
        for (int a = 0; a < arcs.Count; a++)
        {
            indegree[arcs[a].To]++;
            outgoing[arcs[a].From].Add(a);
        }
        var ready = new Queue<int>(Enumerable.Range(0, n).Where(v => indegree[v] == 0));
        int done = 0;
        while (ready.Count > 0)
        {
            int v = ready.Dequeue();
            done++;
            foreach (int a in outgoing[v])
            {
                var arc = arcs[a];
                ms[arc.To] = Math.Max(ms[arc.To], ms[v] + arc.Ms);
                ticks[arc.To] = Math.Max(ticks[arc.To], ticks[v] + arc.Ticks);
                if (--indegree[arc.To] == 0) ready.Enqueue(arc.To);
            }
        }
        if (done != n) throw new InvalidOperationException("the device orders and the chains form a cycle; this is a bug in the solver that produced them");
        var outMs = new double[cp.Dnns.Length][];
        var outTicks = new long[cp.Dnns.Length][];
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            outMs[k] = ms[offset[k]..offset[k + 1]];
            outTicks[k] = ticks[offset[k]..offset[k + 1]];
        }
        return (outMs, outTicks);
    }
}
