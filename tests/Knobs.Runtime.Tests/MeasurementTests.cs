using System;
using System.Diagnostics;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;
using Knobs.Runtime.Profiles;
using Knobs.Statistics;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

public class MeasurementTests
{
    private static readonly IEnergyMeter None = new NoEnergyMeter("test");

    internal static void Spin(double milliseconds)
    {
        long until = Stopwatch.GetTimestamp() + (long)(milliseconds * Stopwatch.Frequency / 1000);
        while (Stopwatch.GetTimestamp() < until) { }
    }

    internal static DelegateVariant Spinner(Func<int, double> msOfCall)
    {
        int call = 0;
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "Spin", "t.cs", 1) };
        return new DelegateVariant("Spin", "fp32_11", null, ops, x =>
        {
            long t = Profiler.Begin();
            Spin(msOfCall(call++));
            Profiler.End(0, t);
            return x;
        }, batch => Tensor.Zeros(batch, 1));
    }

    [Fact]
    public void WarmupIsSteadyOnlyAfterTheJitIsQuietAndTimesAgree()
    {
        var d = new WarmupDetector();
        TimeSpan at = TimeSpan.Zero;
        for (int i = 0; i < 6; i++) { at += TimeSpan.FromMilliseconds(100); d.Add(1.0, jitCount: 10 + i, at); }
        Assert.False(d.IsSteady); // the JIT compiled something in every iteration
        for (int i = 0; i < 2; i++) { at += TimeSpan.FromMilliseconds(100); d.Add(1.0, jitCount: 15, at); }
        Assert.False(d.IsSteady); // quiet for 200 ms only
        at += TimeSpan.FromMilliseconds(100); d.Add(1.0, jitCount: 15, at);
        Assert.True(d.IsSteady);
        for (int i = 0; i < 2; i++) { at += TimeSpan.FromMilliseconds(100); d.Add(2.0, jitCount: 15, at); }
        Assert.False(d.IsSteady); // the median of the last three moved away from the three before
    }

    [Fact]
    public void SlowIterationsNeedTheJitQuietForThirtyOfThem()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), WarmupDetector.QuietTime(1));
        Assert.Equal(TimeSpan.FromMilliseconds(600), WarmupDetector.QuietTime(20));
        Assert.Equal(TimeSpan.FromSeconds(1), WarmupDetector.QuietTime(500));
        var d = new WarmupDetector();
        TimeSpan at = TimeSpan.Zero;
        for (int i = 0; i < 6; i++) { at += TimeSpan.FromMilliseconds(20); d.Add(20, jitCount: i, at); }
        for (int i = 0; i < 20; i++) { at += TimeSpan.FromMilliseconds(20); d.Add(20, jitCount: 5, at); }
        Assert.False(d.IsSteady); // 400 ms quiet < 30 × 20 ms
        for (int i = 0; i < 10; i++) { at += TimeSpan.FromMilliseconds(20); d.Add(20, jitCount: 5, at); }
        Assert.True(d.IsSteady);
    }

    [Fact]
    public void FixedIterationsAreHonoured()
    {
        var m = new VariantMeasurer(new MeasureSettings(7, 0.02, 2, TimeSpan.FromSeconds(10), 1), None);
        VariantMeasurement r = m.Measure(Spinner(_ => 0.05), Tensor.Zeros(1, 1));
        Assert.Equal(7, r.RunTimes.Count);
        Assert.Equal(2, r.WarmupIterations);
        Assert.Equal(StopReason.Iterations, r.Stop);
        Assert.Equal(7, r.Ops[0].Calls);
        Assert.Equal(7, r.Ops[0].TimePerCall.Count);
        Assert.All(r.Ops[0].TimePerCall, ms => Assert.True(ms >= 0.05));
        Assert.Null(r.RunEnergies);
        Assert.Null(r.Ops[0].EnergyPerCall);
    }

    // Per-op times need every op computed when it is called: a convolution deferred into the ReLU that reads it
    // (Ops.FuseEpilogues) would put its time on the ReLU, and a run's time would miss an unread result.
    [Fact]
    public void OpsRunUnfusedWhileAVariantIsMeasuredAndTheSettingIsRestoredAfter()
    {
        using Tensor w = Tensor.Random([4, 3, 3, 3], seed: 1);
        var seen = new System.Collections.Generic.List<(bool Fuse, bool Deferred)>();
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "Convolution", "t.cs", 1) };
        var variant = new DelegateVariant("Conv", "fp32_11", null, ops, x =>
        {
            long t = Profiler.Begin();
            Tensor y = Ops.Convolution(x, w, 1, 1, 1, 1);
            Profiler.End(0, t);
            seen.Add((Ops.FuseEpilogues, y.IsDeferred));
            return y;
        }, batch => Tensor.Random([batch, 3, 8, 8], seed: 2));
        Assert.True(Ops.FuseEpilogues);
        var m = new VariantMeasurer(new MeasureSettings(3, 0.02, 1, TimeSpan.FromSeconds(10), 1), None);
        m.Measure(variant, Tensor.Random([1, 3, 8, 8], seed: 2));
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Equal((false, false), s));
        Assert.True(Ops.FuseEpilogues);
    }

    // Tier-1 recompilation happens on a background thread: a method compiled by another thread inside a measured run
    // must count as JIT during measurement.
    [Fact]
    public void JitOnAnotherThreadDuringAMeasuredRunIsCounted()
    {
        int call = 0;
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "Jit", "t.cs", 1) };
        var variant = new DelegateVariant("Jit", "fp32_11", null, ops, x =>
        {
            long t = Profiler.Begin();
            if (call++ == 3) // calls 0-1 are the warm-up, 2-5 are measured
            {
                var worker = new System.Threading.Thread(CompileFreshMethod);
                worker.Start();
                worker.Join();
            }
            Profiler.End(0, t);
            return x;
        }, batch => Tensor.Zeros(batch, 1));
        var m = new VariantMeasurer(new MeasureSettings(4, 0.02, 2, TimeSpan.FromSeconds(10), 1), None);
        VariantMeasurement r = m.Measure(variant, Tensor.Zeros(1, 1));
        Assert.True(r.JitDuringMeasurement >= 1, $"JIT during measurement: {r.JitDuringMeasurement}");
    }

    private static void CompileFreshMethod()
    {
        var method = new System.Reflection.Emit.DynamicMethod("fresh" + Guid.NewGuid().ToString("N"), typeof(int), Type.EmptyTypes);
        System.Reflection.Emit.ILGenerator il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4, 42);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        Assert.Equal(42, ((Func<int>)method.CreateDelegate(typeof(Func<int>)))());
    }

    [Fact]
    public void SteadyWorkStopsOnTargetError()
    {
        // A loose target, so a loaded CI machine still reaches it long before the cap.
        var m = new VariantMeasurer(new MeasureSettings(null, 0.5, 3, TimeSpan.FromSeconds(60), 1), None);
        VariantMeasurement r = m.Measure(Spinner(_ => 1), Tensor.Zeros(1, 1));
        Assert.Equal(StopReason.TargetError, r.Stop);
        Assert.True(r.RunTimes.Count >= MeasureSettings.MinIterationsForTarget);
        Assert.True(MeasurementStatistics.Compute(r.RunTimes).RelativeError <= 0.5);
    }

    [Fact]
    public void NoisyWorkStopsAtTheTimeCapAndIsFlaggedNoisy()
    {
        // Alternating 0.2 ms and 3 ms: the spread never allows a 0.1 % error, so the cap must stop it.
        var m = new VariantMeasurer(new MeasureSettings(null, 0.001, 0, TimeSpan.FromMilliseconds(150), 1), None);
        VariantMeasurement r = m.Measure(Spinner(i => i % 2 == 0 ? 0.2 : 3), Tensor.Zeros(1, 1));
        Assert.Equal(StopReason.MaxTime, r.Stop);
        // The cap counts from the start of warm-up (and the GC before measuring), so the measured phase gets the rest of it.
        Assert.True(r.RunTimes.Count >= MeasureSettings.MinIterations);
        Assert.True(ProfileBuilder.Statistics(r.RunTimes, 0.001).Noisy);
    }

    [Fact]
    public void SessionIsRemovedAfterMeasuringEvenWhenTheVariantThrows()
    {
        var m = new VariantMeasurer(new MeasureSettings(3, 0.02, 0, TimeSpan.FromSeconds(1), 1), None);
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "X", "t.cs", 1) };
        var bad = new DelegateVariant("B", "bad", null, ops, _ => throw new InvalidOperationException("no"));
        Assert.Throws<InvalidOperationException>(() => m.Measure(bad, Tensor.Zeros(1)));
        Assert.Null(ProfileSession.Current);
    }

    [Fact]
    public void MicrosecondVariantStopsNearTheCapWithoutQuadraticStatistics()
    {
        // An unreachable target forces the cap; re-computing statistics on every one of ~10^5 iterations would take minutes.
        // Alternating 0 and 2 µs keeps the spread above zero: a constant-time run (identical ticks on a quiet machine)
        // would have a zero-width CI and stop on the target instead.
        var m = new VariantMeasurer(new MeasureSettings(null, 1e-12, 0, TimeSpan.FromMilliseconds(500), 1), None);
        var wall = Stopwatch.StartNew();
        VariantMeasurement r = m.Measure(Spinner(i => (i % 2) * 0.002), Tensor.Zeros(1, 1));
        Assert.True(r.Stop is StopReason.MaxTime or StopReason.MaxIterations, r.Stop.ToString());
        Assert.True(r.RunTimes.Count > 1000, $"only {r.RunTimes.Count} iterations");
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(8), $"took {wall.Elapsed}");
    }
}

public class MeasurementTimeLimitTests
{
    private static readonly IEnergyMeter None = new NoEnergyMeter("test");

    [Fact]
    public void MaxTimeBoundsFixedWarmupAndIterationsTogether()
    {
        var settings = new MeasureSettings(MeasureSettings.MaxIterations, 0.02, MeasureSettings.MaxIterations, TimeSpan.FromSeconds(0.4), 1,
            MaxTimeCapsIterations: true);
        var clock = Stopwatch.StartNew();
        VariantMeasurement r = new VariantMeasurer(settings, None).Measure(MeasurementTests.Spinner(_ => 1.0), Tensor.Zeros(1, 1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.InRange(r.WarmupIterations, 1, 1000);
        Assert.False(r.WarmupSteady);
        Assert.Equal(StopReason.MaxTime, r.Stop);
        Assert.InRange(r.RunTimes.Count, MeasureSettings.MinIterations, 1000);
    }

    [Fact]
    public void FixedWarmupStopsAtItsShareOfMaxTimeAndFixedIterationsStayExact()
    {
        var settings = new MeasureSettings(5, 0.02, MeasureSettings.MaxIterations, TimeSpan.FromSeconds(0.5), 1);
        var clock = Stopwatch.StartNew();
        VariantMeasurement r = new VariantMeasurer(settings, None).Measure(MeasurementTests.Spinner(_ => 1.0), Tensor.Zeros(1, 1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.False(r.WarmupSteady);
        Assert.Equal(5, r.RunTimes.Count);
        Assert.Equal(StopReason.Iterations, r.Stop);
    }

    [Fact]
    public void AutomaticMeasurementStopsAtMaxTimeWarmupIncluded()
    {
        // Alternating run times never satisfy a 0.01 % target, so only the time cap can stop it.
        var settings = new MeasureSettings(null, 0.0001, null, TimeSpan.FromSeconds(0.5), 1);
        var clock = Stopwatch.StartNew();
        VariantMeasurement r = new VariantMeasurer(settings, None).Measure(MeasurementTests.Spinner(i => i % 2 == 0 ? 0.5 : 1.5), Tensor.Zeros(1, 1));
        Assert.Equal(StopReason.MaxTime, r.Stop);
        Assert.False(r.WarmupSteady);
        // Warm-up took its 30 % (0.15 s): the measured phase had only what was left of the 0.5 s, not 0.5 s of its own.
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(0.45), $"measured for {r.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
    }
}
