using System;
using System.Diagnostics;

namespace Knobs.Benchmarks.Kernels;

/// <summary>Median wall time of repeated calls after warm-up (the same rule the peer script applies).</summary>
internal static class Measure
{
    public static double MedianSeconds(Action call, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) call();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    /// <summary>Runs so one measurement takes about <paramref name="budgetSeconds"/>, at least <paramref name="min"/>.</summary>
    public static int Runs(double estimateSeconds, int min, double budgetSeconds) =>
        Math.Max(min, (int)Math.Min(500, budgetSeconds / Math.Max(estimateSeconds, 1e-6)));
}
