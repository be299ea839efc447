using System;
using System.Globalization;
using System.Linq;

namespace Knobs.Benchmarks.Hooks;

/// <summary>
/// <c>hooks</c> suite: the cost of one profiler hook pair against two timestamps (goal ≤ 1.5×, zero allocations) and
/// how much PerTensor profiling inflates a whole alexnet_cifar10 batch-1 run against Total mode (goal &lt; 2 %).
/// Options: <c>--quick</c> (fewer rounds, for smoke runs), <c>--pairs N</c> (AlexNet run pairs, default 40).
/// Exit code 0 when both goals are met, 1 when a goal is missed, 2 for bad options.
/// </summary>
internal static class HooksSuite
{
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int pairs = quick ? 10 : 40;
        int at = Array.IndexOf(args, "--pairs");
        if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out pairs) || pairs < 3))
        {
            Console.Error.WriteLine("error: --pairs needs a whole number of at least 3");
            return 2;
        }
        if (args.Except(new[] { "--quick", "--pairs", at >= 0 ? args[at + 1] : "" }).Any())
        {
            Console.Error.WriteLine("usage: Knobs.Benchmarks hooks [--quick] [--pairs N]");
            return 2;
        }

        HookCost.Result h = HookCost.Measure(rounds: quick ? 5 : 11, pairs: quick ? 2_000_000 : 5_000_000);
        bool hookOk = h.Ratio <= 1.5 && h.HookAllocatedBytes == 0;
        Console.WriteLine(Inv($"hook pair (session installed): {h.HookNs:0.00} ns; floor (2 x Stopwatch.GetTimestamp): {h.FloorNs:0.00} ns; ratio {h.Ratio:0.00}x (goal <= 1.50x) {(h.Ratio <= 1.5 ? "OK" : "MISSED")}"));
        Console.WriteLine(Inv($"hook pair (no session): {h.IdleHookNs:0.00} ns; medians of {h.Rounds} rounds x {h.PairsPerRound:N0} pairs"));
        Console.WriteLine(Inv($"allocated by {h.Rounds * h.PairsPerRound:N0} hook pairs: {h.HookAllocatedBytes} bytes (goal 0) {(h.HookAllocatedBytes == 0 ? "OK" : "MISSED")}"));

        ProfilingInflation.Result a = ProfilingInflation.Measure(pairs, warmup: quick ? 3 : 6);
        bool inflationOk = a.PairedMedianInflation < 0.02;
        Console.WriteLine(Inv($"alexnet_cifar10 batch 1 ({a.Backend} backend, {a.Threads} threads, {a.Pairs} interleaved pairs):"));
        Console.WriteLine(Inv($"  Total     median {a.TotalMedian:0.000} ms, mean {a.Total.Mean:0.000} ± {a.Total.CiHalfWidth:0.000} ms (99.9% CI, n={a.Total.N}, {a.Total.Outliers} outliers)"));
        Console.WriteLine(Inv($"  PerTensor median {a.PerTensorMedian:0.000} ms, mean {a.PerTensor.Mean:0.000} ± {a.PerTensor.CiHalfWidth:0.000} ms (99.9% CI, n={a.PerTensor.N}, {a.PerTensor.Outliers} outliers)"));
        Console.WriteLine(Inv($"  inflation = median of paired ratios {a.PairedMedianInflation:+0.00%;-0.00%} (goal < 2%) {(inflationOk ? "OK" : "MISSED")}; ") +
            Inv($"mean paired ratio {a.PairedRatios.Mean - 1:+0.00%;-0.00%} ± {a.PairedRatios.CiHalfWidth:0.00%} (99.9% CI, n={a.PairedRatios.N}); ratio of medians {a.MedianInflation:+0.00%;-0.00%}"));
        Console.WriteLine(Inv($"  expected from the hook cost alone: {HandAlexNet.OpCount} pairs x {h.HookNs:0.0} ns = {HandAlexNet.OpCount * h.HookNs / 1e6 / a.TotalMedian:0.000%} of a run"));
        return hookOk && inflationOk ? 0 : 1;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
