using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace Knobs.Benchmarks.Networks;

/// <summary>
/// What the host gives two threads: a register-only loop of 12 independent 512-bit FMA chains (no memory traffic),
/// timed on one thread and then on two at once. On two real cores both threads keep their speed (2.0×); on this
/// VM whose two vCPUs share physical cores the ratio can vary from second to second, and a Knobs run on 2 threads
/// measured in a low spell is slow for that reason only. The suite prints it before and after, so a reader can tell.
/// </summary>
internal static class FmaScalingProbe
{
    private const long Steps = 1_000_000; // 12 M FMAs: ≈ 2 ms per call at 3.5 GHz

    /// <summary>
    /// The two-thread throughput over the one-thread throughput, in <paramref name="samples"/> samples (each: the
    /// loop once alone, then on both threads), or null where the CPU has no 512-bit vectors.
    /// </summary>
    public static double[]? Measure(int samples)
    {
        if (!Vector512.IsHardwareAccelerated) return null;
        Chains(Steps);
        var ratios = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Chains(Steps);
            double alone = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var other = new Thread(() => Chains(Steps));
            long t1 = Stopwatch.GetTimestamp();
            other.Start();
            Chains(Steps);
            other.Join();
            double both = Stopwatch.GetElapsedTime(t1).TotalSeconds;
            ratios[s] = 2 * alone / both;
        }
        return ratios;
    }

    /// <summary>One line for the suite's output (<paramref name="when"/>: "before", "after"): the samples' median, range and count.</summary>
    public static string Describe(string when, double[]? ratios)
    {
        if (ratios is null) return $"two-thread FMA scaling {when} (register-only probe): not measured (no 512-bit vectors)";
        List<double> sorted = ratios.OrderBy(r => r).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"two-thread FMA scaling {when} (register-only probe, 2.0× = two full cores): median {sorted[sorted.Count / 2]:0.00}×, {sorted[0]:0.00}–{sorted[^1]:0.00}× in {sorted.Count} samples");
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains(long n)
    {
        Vector512<float> m = Vector512.Create(0.9999f), c = Vector512.Create(1e-4f);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < n; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c); a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c); a8 = Vector512.FusedMultiplyAdd(a8, m, c);
            a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }
}
