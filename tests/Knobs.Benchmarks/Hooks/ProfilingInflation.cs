using System;
using System.Collections.Generic;
using System.Diagnostics;
using Knobs.Runtime;
using Knobs.Statistics;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Benchmarks.Hooks;

/// <summary>
/// How much PerTensor profiling inflates a whole alexnet_cifar10 run at batch 1 compared with Total mode: the two
/// hand-written networks run in interleaved pairs (so drift and neighbours' load hit both), each run inside a
/// <see cref="TensorScope"/> as the runner does. The verdict is the median of the per-pair ratios: the two runs of a
/// pair are adjacent in time, so load from other processes (which drifts over seconds) largely cancels.
/// </summary>
internal static class ProfilingInflation
{
    public sealed record Result(MeasurementStatistics PerTensor, MeasurementStatistics Total, double PerTensorMedian, double TotalMedian,
        double PairedMedianInflation, MeasurementStatistics PairedRatios, int Pairs, int Threads, string Backend)
    {
        /// <summary>Ratio of the two medians − 1 (sensitive to load that changes between the two series).</summary>
        public double MedianInflation => PerTensorMedian / TotalMedian - 1;
    }

    public static Result Measure(int pairs, int warmup)
    {
        var net = new HandAlexNet();
        Tensor input = HandAlexNet.Input(1);
        var session = new ProfileSession(HandAlexNet.OpCount);
        for (int i = 0; i < warmup; i++)
        {
            Time(() => net.RunTotal(input));
            using (session.Activate()) Time(() => net.RunPerTensor(input));
        }
        var total = new List<double>();
        var perTensor = new List<double>();
        var ratios = new List<double>();
        for (int i = 0; i < pairs; i++)
        {
            // Alternate which goes first so neither always follows the other's cache state.
            double a, b;
            if (i % 2 == 0)
            {
                a = Time(() => net.RunTotal(input));
                b = TimeProfiled(net, input, session);
            }
            else
            {
                b = TimeProfiled(net, input, session);
                a = Time(() => net.RunTotal(input));
            }
            total.Add(a);
            perTensor.Add(b);
            ratios.Add(b / a);
        }
        return new Result(MeasurementStatistics.Compute(perTensor), MeasurementStatistics.Compute(total),
            HookCost.Median(perTensor.ToArray()), HookCost.Median(total.ToArray()), HookCost.Median(ratios.ToArray()) - 1,
            MeasurementStatistics.Compute(ratios, OutlierMode.RemoveBoth), pairs,
            Backend.Current.Threads, Backend.Current.Name);
    }

    private static double TimeProfiled(HandAlexNet net, Tensor input, ProfileSession session)
    {
        double ms;
        using (session.Activate())
        {
            session.Reset();
            ms = Time(() => net.RunPerTensor(input));
        }
        if (session.Calls(HandAlexNet.OpCount - 1) != 1) throw new InvalidOperationException("the hooks did not record the run");
        return ms;
    }

    private static double Time(Func<Tensor> run)
    {
        using (new TensorScope())
        {
            long start = Stopwatch.GetTimestamp();
            run();
            return (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        }
    }
}
