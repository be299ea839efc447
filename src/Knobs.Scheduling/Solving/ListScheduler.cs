using System;
using System.Collections.Generic;

namespace Knobs.Scheduling.Solving;

/// <summary>A complete schedule in ticks: the option chosen per group and each group's start.</summary>
internal sealed record TickSchedule(int[][] Choice, long[][] Starts, long MakespanTicks);

/// <summary>
/// A fast first schedule for the makespan objective, and the chain bound. Greedy list scheduling: repeatedly, of the
/// DNNs' next groups, the one that can start earliest (ties and, on later passes, a seeded weight toward the DNN with
/// the longest remaining chain decide) is placed on the option that minimises its end plus the shortest remaining chain
/// from there, appended to its device; QoS budgets and switch limits are kept. Several seeded passes; the best is kept.
/// The result is deterministic for a given problem.
/// </summary>
internal static class ListScheduler
{
    /// <summary>
    /// Per DNN, per group, per option: the shortest time from the group's start on that option to the DNN's end, with
    /// transitions, every option allowed (budgets left out). The DNN's shortest chain is the least over group 0.
    /// </summary>
    public static long[][][] Tails(CompiledProblem cp)
    {
        var tails = new long[cp.Dnns.Length][][];
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            int last = dnn.Groups.Length - 1;
            tails[k] = new long[dnn.Groups.Length][];
            for (int i = last; i >= 0; i--)
            {
                CompiledOption[] options = dnn.Groups[i].Options;
                tails[k][i] = new long[options.Length];
                for (int b = 0; b < options.Length; b++)
                {
                    if (i == last)
                    {
                        tails[k][i][b] = options[b].FinishTicks;
                        continue;
                    }
                    long best = long.MaxValue;
                    CompiledOption[] next = dnn.Groups[i + 1].Options;
                    for (int c = 0; c < next.Length; c++)
                        best = Math.Min(best, dnn.TransTicks[i][options[b].Device, next[c].Device] + next[c].SuccTicks + tails[k][i + 1][c]);
                    tails[k][i][b] = options[b].PredTicks + best;
                }
            }
        }
        return tails;
    }

    /// <summary>The longest of the DNNs' shortest chains: no schedule ends before it.</summary>
    public static long ChainBound(long[][][] tails)
    {
        long bound = 0;
        foreach (long[][] dnn in tails)
        {
            long shortest = long.MaxValue;
            foreach (long t in dnn[0]) shortest = Math.Min(shortest, t);
            bound = Math.Max(bound, shortest);
        }
        return bound;
    }

    /// <summary>The best of <paramref name="passes"/> greedy passes, or null when none keeps every budget and switch limit.</summary>
    public static TickSchedule? Solve(CompiledProblem cp, long[][][] tails, int passes = 1024)
    {
        TickSchedule? best = null;
        var rng = new Random(1);
        for (int pass = 0; pass < passes; pass++)
        {
            // Pass 0: earliest start first. Later passes weigh the remaining chain with a seeded factor and jitter.
            double weight = pass == 0 ? 0 : rng.NextDouble() * 1.5;
            double jitter = pass == 0 ? 0 : rng.NextDouble() * 0.1;
            TickSchedule? s = Pass(cp, tails, weight, jitter, rng);
            if (s is not null && (best is null || s.MakespanTicks < best.MakespanTicks)) best = s;
        }
        return best;
    }

    private static TickSchedule? Pass(CompiledProblem cp, long[][][] tails, double weight, double jitter, Random rng)
    {
        int n = cp.Dnns.Length;
        var choice = new int[n][];
        var starts = new long[n][];
        var next = new int[n];
        var qosLeft = new long[n];
        var switches = new int[n];
        var free = new long[cp.DeviceCount];
        for (int k = 0; k < n; k++)
        {
            choice[k] = new int[cp.Dnns[k].Groups.Length];
            starts[k] = new long[cp.Dnns[k].Groups.Length];
            qosLeft[k] = cp.Dnns[k].QosBudgetUnits ?? long.MaxValue;
        }
        int remaining = 0;
        foreach (CompiledDnn d in cp.Dnns) remaining += d.Groups.Length;
        long makespan = 0;
        while (remaining > 0)
        {
            int pickK = -1, pickO = -1;
            long pickStart = 0;
            double pickKey = double.MaxValue;
            for (int k = 0; k < n; k++)
            {
                int i = next[k];
                CompiledDnn dnn = cp.Dnns[k];
                if (i >= dnn.Groups.Length) continue;
                CompiledOption[] options = dnn.Groups[i].Options;
                int bestO = -1;
                long bestStart = 0, bestScore = long.MaxValue;
                for (int b = 0; b < options.Length; b++)
                {
                    CompiledOption opt = options[b];
                    if (opt.QosUnits > qosLeft[k]) continue;
                    long ready = 0;
                    if (i > 0)
                    {
                        CompiledOption prev = dnn.Groups[i - 1].Options[choice[k][i - 1]];
                        if (prev.Device != opt.Device && cp.Problem.MaxSwitchesPerDnn is int max && switches[k] >= max) continue;
                        ready = starts[k][i - 1] + prev.PredTicks + opt.SuccTicks + dnn.TransTicks[i - 1][prev.Device, opt.Device];
                    }
                    long start = Math.Max(ready, free[opt.Device]);
                    long score = start + tails[k][i][b];
                    if (score < bestScore || (score == bestScore && start < bestStart))
                    {
                        bestO = b;
                        bestStart = start;
                        bestScore = score;
                    }
                }
                if (bestO < 0) return null;
                double key = bestStart - weight * tails[k][i][bestO] + jitter * rng.NextDouble() * tails[k][i][bestO];
                if (key < pickKey)
                {
                    pickKey = key;
                    pickK = k;
                    pickO = bestO;
                    pickStart = bestStart;
                }
            }
            int g = next[pickK];
            CompiledDnn pd = cp.Dnns[pickK];
            CompiledOption chosen = pd.Groups[g].Options[pickO];
            if (g > 0 && pd.Groups[g - 1].Options[choice[pickK][g - 1]].Device != chosen.Device) switches[pickK]++;
            choice[pickK][g] = pickO;
            starts[pickK][g] = pickStart;
            free[chosen.Device] = pickStart + chosen.IntervalTicks;
            if (chosen.QosUnits != 0) qosLeft[pickK] -= chosen.QosUnits;
            if (g == pd.Groups.Length - 1) makespan = Math.Max(makespan, pickStart + chosen.FinishTicks);
            next[pickK]++;
            remaining--;
        }
        return new TickSchedule(choice, starts, makespan);
    }
}
