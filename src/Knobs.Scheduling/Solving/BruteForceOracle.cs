using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// Exact answers for small problems, by enumeration, in the same integer ticks as the CP-SAT model.
/// Every choice of options that meets the switch limits and QoS budgets is enumerated (per DNN, sorted by the DNN's length
/// alone, which bounds the makespan from below, so whole families are skipped once they cannot win). For one choice, the
/// minimal makespan is found by branch and bound on the disjunctive graph: compute earliest starts from the arcs so far; if
/// two groups of different DNNs overlap on a device, branch on the two orders of that pair; otherwise the earliest-start
/// schedule is feasible and, since adding arcs never shortens a longest path, minimal for that branch. Every feasible
/// schedule orders every such pair one way, so the search misses none.
/// </summary>
public static class BruteForceOracle
{
    /// <summary>Solves <paramref name="problem"/> exactly; throws when it has more than <paramref name="maxChoices"/> option choices.</summary>
    public static ScheduleResult Solve(ScheduleProblem problem, long maxChoices = 1_000_000)
    {
        var cp = CompiledProblem.Compile(problem);
        var perDnn = new List<(int[] Choice, long Length, long Energy)>[cp.Dnns.Length];
        long product = 1;
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            perDnn[k] = Sequences(cp, k);
            perDnn[k].Sort((a, b) =>
            {
                int c = a.Length.CompareTo(b.Length);
                return c != 0 ? c : CompareLex(a.Choice, b.Choice);
            });
            product = perDnn[k].Count == 0 ? 0 : Math.Min(long.MaxValue / 2, product * perDnn[k].Count);
        }
        if (product > maxChoices) throw new ArgumentException($"{product} option choices is more than the oracle's limit of {maxChoices}");

        bool energy = problem.Objective == ScheduleObjective.Energy;
        long best = long.MaxValue;
        long bestEnergy = long.MaxValue;
        int[][]? bestChoice = null;
        long[][]? bestStarts = null;
        var current = new (int[] Choice, long Length, long Energy)[cp.Dnns.Length];

        void Recurse(int k, long lowerBound)
        {
            if (k == cp.Dnns.Length)
            {
                int[][] choice = current.Select(c => c.Choice).ToArray();
                if (energy)
                {
                    long e = current.Sum(c => c.Energy);
                    if (e >= bestEnergy) return;
                    long limit = cp.DeadlineTicks is long d ? d + 1 : long.MaxValue;
                    var (ms, starts) = MinimalMakespan(cp, choice, limit);
                    if (ms < limit)
                    {
                        bestEnergy = e;
                        best = ms;
                        bestChoice = choice;
                        bestStarts = starts;
                    }
                }
                else
                {
                    var (ms, starts) = MinimalMakespan(cp, choice, best);
                    if (ms < best)
                    {
                        best = ms;
                        bestChoice = choice;
                        bestStarts = starts;
                    }
                }
                return;
            }
            foreach (var seq in perDnn[k])
            {
                long lb = Math.Max(lowerBound, seq.Length);
                if (!energy && lb >= best) break;
                if (energy && cp.DeadlineTicks is long dl && seq.Length > dl) break;
                current[k] = seq;
                Recurse(k + 1, lb);
            }
        }
        Recurse(0, 0);

        if (bestChoice is null)
        {
            return new ScheduleResult("oracle", SolveStatus.Infeasible, problem.Objective, null, null, null, null, null, null, cp.Resolution, Array.Empty<DnnSchedule>());
        }
        var startsMs = bestStarts!.Select(s => (IReadOnlyList<double>)s.Select(t => (double)t).ToArray()).ToArray();
        var order = ScheduleEvaluator.OrderFromStarts(cp, bestChoice, startsMs);
        double value = energy ? bestEnergy * ScheduleProblem.EnergyResolutionJ : best * cp.Resolution;
        return ScheduleEvaluator.Result(cp, "oracle", SolveStatus.Optimal, value, value, bestChoice, order);
    }

    private static int CompareLex(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    // Every option sequence of DNN k within its switch limit and QoS budget, with its length alone and its energy.
    private static List<(int[] Choice, long Length, long Energy)> Sequences(CompiledProblem cp, int k)
    {
        CompiledDnn dnn = cp.Dnns[k];
        int? maxSwitches = cp.Problem.MaxSwitchesPerDnn;
        var result = new List<(int[], long, long)>();
        var choice = new int[dnn.Groups.Length];

        void Walk(int i, int switches, long qos, long start, long energy)
        {
            if (i == dnn.Groups.Length)
            {
                CompiledOption last = dnn.Groups[i - 1].Options[choice[i - 1]];
                result.Add(((int[])choice.Clone(), start + last.FinishTicks, energy));
                return;
            }
            for (int o = 0; o < dnn.Groups[i].Options.Length; o++)
            {
                CompiledOption opt = dnn.Groups[i].Options[o];
                int sw = switches;
                long s = start;
                if (i > 0)
                {
                    CompiledOption prev = dnn.Groups[i - 1].Options[choice[i - 1]];
                    if (prev.Device != opt.Device) sw++;
                    s += prev.PredTicks + opt.SuccTicks + dnn.TransTicks[i - 1][prev.Device, opt.Device];
                }
                if (maxSwitches is int m && sw > m) continue;
                long q = qos + opt.QosUnits;
                if (dnn.QosBudgetUnits is long b && q > b) continue;
                choice[i] = o;
                Walk(i + 1, sw, q, s, energy + opt.EnergyUnits);
            }
        }
        Walk(0, 0, 0, 0, 0);
        return result;
    }

    // The least makespan (ticks) of a fixed choice, or ≥ limit when none is below limit.
    internal static (long Makespan, long[][]? Starts) MinimalMakespan(CompiledProblem cp, int[][] choice, long limit)
    {
        var offset = new int[cp.Dnns.Length + 1];
        for (int k = 0; k < cp.Dnns.Length; k++) offset[k + 1] = offset[k] + cp.Dnns[k].Groups.Length;
        int n = offset[^1];
        var device = new int[n];
        var interval = new long[n];
        var dnnOf = new int[n];
        var arcs = new List<(int From, int To, long W)>();
        var lasts = new List<(int Node, long Finish)>();
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            for (int i = 0; i < dnn.Groups.Length; i++)
            {
                CompiledOption o = dnn.Groups[i].Options[choice[k][i]];
                int v = offset[k] + i;
                device[v] = o.Device;
                interval[v] = o.IntervalTicks;
                dnnOf[v] = k;
                if (i > 0)
                {
                    CompiledOption a = dnn.Groups[i - 1].Options[choice[k][i - 1]];
                    arcs.Add((v - 1, v, a.PredTicks + o.SuccTicks + dnn.TransTicks[i - 1][a.Device, o.Device]));
                }
            }
            int lastGroup = dnn.Groups.Length - 1;
            lasts.Add((offset[k] + lastGroup, dnn.Groups[lastGroup].Options[choice[k][lastGroup]].FinishTicks));
        }
        long best = limit;
        long[]? bestStarts = null;
        var start = new long[n];

        void Branch()
        {
            if (!Longest(n, arcs, start)) return;
            long makespan = 0;
            foreach (var (node, finish) in lasts) makespan = Math.Max(makespan, start[node] + finish);
            if (makespan >= best) return;
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++)
                {
                    if (dnnOf[a] == dnnOf[b] || device[a] != device[b]) continue;
                    if (start[a] < start[b] + interval[b] && start[b] < start[a] + interval[a])
                    {
                        arcs.Add((a, b, interval[a]));
                        Branch();
                        arcs[^1] = (b, a, interval[b]);
                        Branch();
                        arcs.RemoveAt(arcs.Count - 1);
                        return;
                    }
                }
            best = makespan;
            bestStarts = (long[])start.Clone();
        }
        Branch();
        if (bestStarts is null) return (limit, null);
        var perDnn = new long[cp.Dnns.Length][];
        for (int k = 0; k < cp.Dnns.Length; k++) perDnn[k] = bestStarts[offset[k]..offset[k + 1]];
        return (best, perDnn);
    }

    // Earliest starts over positive-weight arcs; false when they form a cycle.
    private static bool Longest(int n, List<(int From, int To, long W)> arcs, long[] start)
    {
        Array.Clear(start);
        for (int round = 0; round <= n; round++)
        {
            bool changed = false;
            foreach (var (from, to, w) in arcs)
            {
                if (start[from] + w > start[to])
                {
                    start[to] = start[from] + w;
                    changed = true;
                }
            }
            if (!changed) return true;
        }
        return false;
    }
}
