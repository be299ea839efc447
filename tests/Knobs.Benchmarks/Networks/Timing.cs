using System;
using System.Collections.Generic;
using System.Diagnostics;
using Knobs.Tensors;

namespace Knobs.Benchmarks.Networks;

/// <summary>Median and mean milliseconds per call over a measured loop.</summary>
internal readonly record struct Timing(double MedianMs, double MeanMs, int Iterations)
{
    /// <summary>
    /// The peers' protocol, in-process: 3 untimed calls plus at least <paramref name="warmupSeconds"/> of warm-up (the JIT
    /// reaches its optimised tier), then calls until at least 5 and <paramref name="minSeconds"/> have passed. Each call
    /// runs inside a <see cref="TensorScope"/>, so intermediate buffers return to the pool.
    /// </summary>
    public static Timing Measure(Func<Tensor, Tensor> run, Tensor input, double minSeconds, double warmupSeconds)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 3 || clock.Elapsed.TotalSeconds < warmupSeconds; i++) Call(run, input);
        var times = new List<double>();
        clock.Restart();
        while (times.Count < 5 || clock.Elapsed.TotalSeconds < minSeconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            Call(run, input);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        times.Sort();
        double sum = 0;
        foreach (double t in times) sum += t;
        return new Timing(times[times.Count / 2], sum / times.Count, times.Count);
    }

    private static void Call(Func<Tensor, Tensor> run, Tensor input)
    {
        using var scope = new TensorScope();
        _ = run(input);
    }
}
