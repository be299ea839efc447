using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Knobs.Benchmarks.Kernels;

/// <summary>Median wall time of repeated calls after warm-up (the same rule the peer script applies).</summary>
internal static class Measure
{
    public static double MedianSeconds(Action call, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) call();
        return Median(Times(call, runs));
    }

    /// <summary>The wall time of each of <paramref name="runs"/> calls.</summary>
    public static double[] Times(Action call, int runs)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        return times;
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        Array.Sort(v);
        int n = v.Length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /// <summary>
    /// Medians of several kernels measured round-robin (one call of each per round, after warm-up), so a change of
    /// machine load during the measurement hits all of them alike (this machine is shared with compilers).
    /// </summary>
    public static double[] Interleaved(IReadOnlyList<Action> calls, int warmup, int runs)
    {
        foreach (Action call in calls) for (int i = 0; i < warmup; i++) call();
        var times = new double[calls.Count][];
        for (int c = 0; c < calls.Count; c++) times[c] = new double[runs];
        for (int r = 0; r < runs; r++)
            for (int c = 0; c < calls.Count; c++)
            {
                long t0 = Stopwatch.GetTimestamp();
                calls[c]();
                times[c][r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
        return times.Select(Median).ToArray();
    }

    /// <summary>Runs so one measurement takes about <paramref name="budgetSeconds"/>, at least <paramref name="min"/>.</summary>
    public static int Runs(double estimateSeconds, int min, double budgetSeconds) =>
        Math.Max(min, (int)Math.Min(500, budgetSeconds / Math.Max(estimateSeconds, 1e-6)));
}
