using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime;
using Knobs.Runtime.Energy;
using Knobs.Statistics;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Measurement;

/// <summary>
/// Measures one variant like BenchmarkDotNet: warm-up until steady, then measured iterations until the 99.9 %
/// CI half-width of the mean run time is under the target (or a cap). One iteration = one <c>Run(input)</c>.
/// </summary>
public sealed partial class VariantMeasurer
{
    private readonly MeasureSettings _settings;
    private readonly IEnergyMeter _meter;
    private readonly Action<string>? _progress;
    private int _nextTargetCheck;
    private OpFeatures?[] _features = System.Array.Empty<OpFeatures?>();

    /// <summary>Creates a measurer; <paramref name="progress"/> receives short status lines (or null for none).</summary>
    public VariantMeasurer(MeasureSettings settings, IEnergyMeter meter, Action<string>? progress = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _meter = meter ?? throw new ArgumentNullException(nameof(meter));
        _progress = progress;
    }

    /// <summary>Warms up and measures <paramref name="variant"/> on <paramref name="input"/>.</summary>
    public VariantMeasurement Measure(BenchmarkVariant variant, Tensor input)
    {
        // A coarse meter (see IEnergyMeter.CounterPeriod) is not read around ops: their energy is not measured.
        var session = new ProfileSession(variant.Ops.Count, CoarseMeter ? null : _meter);
        // Every op computes when called, so each op's time is its own (fusion would move a convolution's time into the
        // ReLU that reads it) and a run's time includes all its work.
        using (TensorContext.Enter(TensorContext.Current.WithFusion(false)))
        using (session.Activate())
        {
            // --max-time bounds the whole variant: warm-up and measured iterations share one clock.
            var total = Stopwatch.StartNew();
            CaptureFeatures(session, variant, input);
            (int warmup, bool? steady) = WarmUp(variant, input, total);
            CollectGarbage();
            session.Reset();
            return MeasureIterations(variant, input, session, warmup, steady, total);
        }
    }

    private (int Iterations, bool? Steady) WarmUp(BenchmarkVariant variant, Tensor input, Stopwatch clock)
    {
        TimeSpan cap = TimeSpan.FromTicks((long)(_settings.MaxTime.Ticks * MeasureSettings.WarmupShareOfMaxTime));
        if (_settings.Warmup is int fixedCount)
        {
            int done = 0;
            while (done < fixedCount && clock.Elapsed < cap)
            {
                RunOnce(variant, input);
                done++;
            }
            if (done == fixedCount) return (fixedCount, null);
            _progress?.Invoke(FormattableString.Invariant($"warm-up: stopped after {done} of {fixedCount} iterations ({clock.Elapsed.TotalSeconds:0.00} s, cap reached)"));
            return (done, false);
        }
        var detector = new WarmupDetector();
        while (!detector.IsSteady && clock.Elapsed < cap && detector.Count < MeasureSettings.MaxIterations)
        {
            double ms = ProfileSession.ToMilliseconds(RunOnce(variant, input));
            detector.Add(ms, System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false), clock.Elapsed);
        }
        _progress?.Invoke(detector.IsSteady
            ? FormattableString.Invariant($"warm-up: steady after {detector.Count} iterations ({clock.Elapsed.TotalSeconds:0.00} s)")
            : FormattableString.Invariant($"warm-up: not steady after {detector.Count} iterations ({clock.Elapsed.TotalSeconds:0.00} s, cap reached)"));
        return (detector.Count, detector.IsSteady);
    }

    // One run before warm-up hands each call site its op's features (shapes, FLOPs, bytes); it counts in the time cap.
    private void CaptureFeatures(ProfileSession session, BenchmarkVariant variant, Tensor input)
    {
        session.StartFeatureCapture();
        try
        {
            RunOnce(variant, input);
        }
        finally
        {
            _features = session.StopFeatureCapture();
        }
    }

    // Per call site, its samples and totals, with the features its op recorded in the capture run (when the op matches).
    private OpMeasurement[] OpMeasurements(BenchmarkVariant variant, OpTotals totals, List<double>[] opSamples, bool energy) =>
        variant.Ops.Select((op, i) => totals.ToMeasurement(op, i, opSamples[i], energy,
            i < _features.Length && _features[i] is { } f && f.Op == op.OpName ? f : null)).ToArray();

    // Each run's tensors go back to the pool when it ends (as a benchmark loop should); the scope is outside the timing.
    private static long RunOnce(BenchmarkVariant variant, Tensor input)
    {
        using (new TensorScope())
        {
            long start = Stopwatch.GetTimestamp();
            variant.Run(input);
            Backend.Synchronize(); // a device's queued work is part of the run
            long ticks = Stopwatch.GetTimestamp() - start;
            ProfileSession.Current?.ResolvePending(); // op times a device knows only now
            return ticks;
        }
    }

    private VariantMeasurement MeasureIterations(BenchmarkVariant variant, Tensor input, ProfileSession session, int warmup, bool? steady,
        Stopwatch total)
    {
        int opCount = variant.Ops.Count;
        var runTimes = new List<double>();
        List<double>? runEnergies = _meter.IsMeasuring && !CoarseMeter ? new List<double>() : null;
        var opSamples = new List<double>[opCount];
        for (int i = 0; i < opCount; i++) opSamples[i] = new List<double>();
        var totals = new OpTotals(opCount);
        long jit = 0;
        var clock = Stopwatch.StartNew();
        _nextTargetCheck = 0;
        StopReason stop;
        while (true)
        {
            session.Reset();
            double e0 = runEnergies is null ? 0 : _meter.ReadJoules();
            // Methods JIT-compiled inside a measured run mean warm-up was too short. Process-wide: tier-1 (PGO)
            // recompilation runs on a background thread and swaps the op's code mid-measurement, which a count of
            // this thread's compilations alone never sees.
            long jit0 = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
            long ticks = RunOnce(variant, input);
            jit += System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false) - jit0;
            if (runEnergies is not null) runEnergies.Add(_meter.ReadJoules() - e0);
            runTimes.Add(ProfileSession.ToMilliseconds(ticks));
            totals.Add(session, opSamples);
            if (ShouldStop(runTimes, total.Elapsed, out stop)) break;
        }
        _progress?.Invoke(FormattableString.Invariant($"measured {runTimes.Count} iterations in {clock.Elapsed.TotalSeconds:0.00} s (stopped: {stop})"));
        OpMeasurement[] ops = OpMeasurements(variant, totals, opSamples, runEnergies is not null);
        if (_meter.IsMeasuring && CoarseMeter) runEnergies = MeasureEnergyWindows(variant, input);
        return new VariantMeasurement(runTimes, runEnergies, ops, warmup, steady, stop, clock.Elapsed, jit);
    }

    /// <summary>True when the meter's counter advances too rarely to be read around every run (NVML).</summary>
    private bool CoarseMeter => _meter.CounterPeriod > TimeSpan.Zero;

    /// <summary>Windows of a coarse meter: at least this many counter periods each.</summary>
    internal const int PeriodsPerWindow = 2;

    /// <summary>Energy windows taken at least, and at most.</summary>
    internal const int MinEnergyWindows = 5, MaxEnergyWindows = 40;

    /// <summary>
    /// Energy per run from a meter whose counter advances every period P: the variant runs back to back, and each window
    /// goes from one counter update to the first update at least <see cref="PeriodsPerWindow"/>·P later, so the energy
    /// read is the window's, whole; its runs share it. Windows are taken until the 99.9 % confidence interval of the
    /// per-window values is within the target error (at least <see cref="MinEnergyWindows"/>, at most
    /// <see cref="MaxEnergyWindows"/>, and not past --max-time once the minimum is reached). Returns one energy per
    /// run per window.
    /// </summary>
    private List<double>? MeasureEnergyWindows(BenchmarkVariant variant, Tensor input)
    {
        TimeSpan window = _meter.CounterPeriod * PeriodsPerWindow;
        var perRun = new List<double>();
        var clock = Stopwatch.StartNew();
        int totalRuns = 0;
        double start = RunUntilUpdate(variant, input, _meter.ReadJoules(), ref totalRuns);
        while (!double.IsNaN(start))
        {
            int before = totalRuns;
            var span = Stopwatch.StartNew();
            while (span.Elapsed < window)
            {
                RunOnce(variant, input);
                totalRuns++;
            }
            double end = RunUntilUpdate(variant, input, _meter.ReadJoules(), ref totalRuns);
            if (double.IsNaN(end)) break;
            perRun.Add((end - start) / (totalRuns - before));
            start = end;
            int n = perRun.Count;
            bool enough = n >= MaxEnergyWindows || (n >= MinEnergyWindows
                && (MeasurementStatistics.Compute(perRun).RelativeError <= _settings.TargetError || clock.Elapsed >= _settings.MaxTime));
            if (!enough) continue;
            _progress?.Invoke(FormattableString.Invariant(
                $"energy: {n} windows of at least {window.TotalMilliseconds:0} ms between {_meter.Name} counter updates, {totalRuns} runs, {clock.Elapsed.TotalSeconds:0.00} s"));
            return perRun;
        }
        _progress?.Invoke(FormattableString.Invariant($"energy: not measured: the {_meter.Name} counter did not advance in {StalledPeriods} counter periods"));
        return null;
    }

    /// <summary>Counter periods without an update after which a coarse meter's energy is reported as not measured.</summary>
    internal const int StalledPeriods = 20;

    // Runs the variant until the meter reads something other than `reading` (its counter advanced); returns the new
    // reading, or NaN when the counter did not advance in StalledPeriods periods.
    private double RunUntilUpdate(BenchmarkVariant variant, Tensor input, double reading, ref int runs)
    {
        double now;
        var waited = Stopwatch.StartNew();
        while ((now = _meter.ReadJoules()) == reading)
        {
            if (waited.Elapsed > _meter.CounterPeriod * StalledPeriods) return double.NaN;
            RunOnce(variant, input);
            runs++;
        }
        return now;
    }

    // elapsed: the variant's time so far, warm-up included.
    private bool ShouldStop(List<double> runTimes, TimeSpan elapsed, out StopReason reason)
    {
        int n = runTimes.Count;
        reason = StopReason.Iterations;
        if (_settings.Iterations is int fixedCount)
        {
            if (n >= fixedCount) return true;
            reason = StopReason.MaxTime;
            return _settings.MaxTimeCapsIterations && n >= MeasureSettings.MinIterations && elapsed >= _settings.MaxTime;
        }
        if (n >= MeasureSettings.MinIterationsForTarget && n >= _nextTargetCheck)
        {
            // Statistics sort all samples: past 100 iterations, check every ~5 % more so a fast variant stays O(n log n).
            _nextTargetCheck = n < 100 ? n + 1 : n + n / 20;
            if (MeasurementStatistics.Compute(runTimes).RelativeError <= _settings.TargetError)
            {
                reason = StopReason.TargetError;
                return true;
            }
        }
        if (n >= MeasureSettings.MinIterations && elapsed >= _settings.MaxTime)
        {
            reason = StopReason.MaxTime;
            return true;
        }
        reason = StopReason.MaxIterations;
        return n >= MeasureSettings.MaxIterations;
    }

    private static void CollectGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private sealed class OpTotals
    {
        private readonly long[] _calls, _f2h, _h2f, _h2d, _d2h;
        private readonly double[] _energy;

        public OpTotals(int count)
        {
            _calls = new long[count];
            _f2h = new long[count];
            _h2f = new long[count];
            _h2d = new long[count];
            _d2h = new long[count];
            _energy = new double[count];
        }

        public void Add(ProfileSession session, List<double>[] samples)
        {
            for (int i = 0; i < _calls.Length; i++)
            {
                int calls = session.Calls(i);
                if (calls == 0) continue;
                samples[i].Add(ProfileSession.ToMilliseconds(session.Ticks(i)) / calls);
                _calls[i] += calls;
                _f2h[i] += session.F2HTicks(i);
                _h2f[i] += session.H2FTicks(i);
                _h2d[i] += session.H2DTicks(i);
                _d2h[i] += session.D2HTicks(i);
                _energy[i] += session.Energy(i);
            }
        }

        public OpMeasurement ToMeasurement(OpDescriptor op, int i, List<double> samples, bool energy, OpFeatures? features)
        {
            long calls = _calls[i];
            double PerCall(long ticks) => calls == 0 ? 0 : ProfileSession.ToMilliseconds(ticks) / calls;
            return new OpMeasurement(op, samples, calls, PerCall(_f2h[i]), PerCall(_h2f[i]),
                energy && calls > 0 ? _energy[i] / calls : null, features, PerCall(_h2d[i]), PerCall(_d2h[i]));
        }
    }
}
