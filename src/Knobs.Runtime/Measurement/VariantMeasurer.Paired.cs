using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Knobs.Tensors;

namespace Knobs.Runtime.Measurement;

public sealed partial class VariantMeasurer
{
    /// <summary>
    /// Warms up and measures <paramref name="variant"/> (A) interleaved with <paramref name="baseline"/> (B) on
    /// <paramref name="input"/>, in pairs of one run each in ABBA order (AB, BA, AB, …) so a drift of the machine's
    /// speed weighs on both alike. The stopping rule of the settings (iterations = pairs, or the target error) applies
    /// to the per-pair speedups, and <see cref="MeasureSettings.MaxTime"/> caps the whole, both variants. Only the
    /// variant's ops are recorded; the baseline's hooks write into a session of their own that is never read.
    /// </summary>
    public PairedMeasurement MeasurePaired(BenchmarkVariant variant, BenchmarkVariant baseline, Tensor input)
    {
        var session = new ProfileSession(variant.Ops.Count, CoarseMeter ? null : _meter);
        var baselineSession = new ProfileSession(baseline.Ops.Count);
        using (TensorContext.Enter(TensorContext.Current.WithFusion(false)))
        {
            var total = Stopwatch.StartNew();
            using (session.Activate()) CaptureFeatures(session, variant, input);
            long RunA()
            {
                using (session.Activate()) return RunOnce(variant, input);
            }
            long RunB()
            {
                using (baselineSession.Activate()) return RunOnce(baseline, input);
            }
            RunB();
            (int warmup, bool? steady) = WarmUpPair(RunA, RunB, total);
            CollectGarbage();
            session.Reset();
            return MeasureOutsideSpells(variant, baseline.Name, input, session, RunB, warmup, steady, total);
        }
    }

    /// <summary>Measurements taken in all before one is kept: the first and, while each ran in a spell, up to two more.</summary>
    public const int MaxSpellAttempts = 3;

    private PairedMeasurement MeasureOutsideSpells(BenchmarkVariant variant, string baselineName, Tensor input, ProfileSession session,
        Func<long> runB, int warmup, bool? steady, Stopwatch total)
    {
        int attempt = 0;
        return KeepOutsideSpells(baselineName,
            () => MeasurePairs(variant, input, session, runB, warmup, steady, ++attempt == 1 ? total : Stopwatch.StartNew()),
            () => new StealClock(), _progress);
    }

    /// <summary>
    /// Takes measurements with <paramref name="measure"/> until one is not in a spell (<see cref="SpellCheck"/>), at most
    /// <see cref="MaxSpellAttempts"/>: the first without a spell is kept, with why each one before it was discarded;
    /// when every one was in a spell, the one whose baseline drifted least is kept, marked with its spell.
    /// <paramref name="clock"/> starts the stolen-time count of each attempt.
    /// </summary>
    internal static PairedMeasurement KeepOutsideSpells(string baselineName, Func<PairedMeasurement> measure, Func<StealClock> clock, Action<string>? progress)
    {
        var notes = new List<string>();
        PairedMeasurement? best = null;
        int bestAttempt = 0;
        double bestDrift = double.PositiveInfinity;
        for (int attempt = 1; attempt <= MaxSpellAttempts; attempt++)
        {
            StealClock steal = clock();
            PairedMeasurement m = measure();
            string? spell = SpellCheck.Describe(baselineName, m.BaselineTimes, steal.Share());
            if (spell is null) return new PairedMeasurement(m.Variant, m.BaselineTimes, m.Speedups) { Discarded = notes };
            progress?.Invoke(FormattableString.Invariant($"spell (attempt {attempt} of {MaxSpellAttempts}): {spell}"));
            notes.Add(FormattableString.Invariant($"attempt {attempt}: {spell}"));
            double drift = SpellCheck.Drift(m.BaselineTimes) ?? double.PositiveInfinity;
            if (best is null || drift < bestDrift)
            {
                (best, bestAttempt, bestDrift) = (new PairedMeasurement(m.Variant, m.BaselineTimes, m.Speedups) { Spell = spell }, attempt, drift);
            }
        }
        // Every attempt ran in a spell: the steadiest is kept and says so; the others are the discarded ones.
        notes.RemoveAt(bestAttempt - 1);
        return new PairedMeasurement(best!.Variant, best.BaselineTimes, best.Speedups) { Spell = best.Spell, Discarded = notes };
    }

    // Both variants warm up in turns, so neither is measured cold after the other's warm-up; steady when both are.
    private (int Iterations, bool? Steady) WarmUpPair(Func<long> runA, Func<long> runB, Stopwatch clock)
    {
        TimeSpan cap = TimeSpan.FromTicks((long)(_settings.MaxTime.Ticks * MeasureSettings.WarmupShareOfMaxTime));
        if (_settings.Warmup is int fixedCount)
        {
            int done = 0;
            while (done < fixedCount && clock.Elapsed < cap)
            {
                runA();
                runB();
                done++;
            }
            if (done == fixedCount) return (fixedCount, null);
            _progress?.Invoke(FormattableString.Invariant($"warm-up (paired): stopped after {done} of {fixedCount} pairs ({clock.Elapsed.TotalSeconds:0.00} s, cap reached)"));
            return (done, false);
        }
        var a = new WarmupDetector();
        var b = new WarmupDetector();
        while (!(a.IsSteady && b.IsSteady) && clock.Elapsed < cap && a.Count < MeasureSettings.MaxIterations)
        {
            a.Add(ProfileSession.ToMilliseconds(runA()), System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false), clock.Elapsed);
            b.Add(ProfileSession.ToMilliseconds(runB()), System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false), clock.Elapsed);
        }
        bool steady = a.IsSteady && b.IsSteady;
        _progress?.Invoke(steady
            ? FormattableString.Invariant($"warm-up (paired): both steady after {a.Count} pairs ({clock.Elapsed.TotalSeconds:0.00} s)")
            : FormattableString.Invariant($"warm-up (paired): not steady after {a.Count} pairs ({clock.Elapsed.TotalSeconds:0.00} s, cap reached)"));
        return (a.Count, steady);
    }

    private PairedMeasurement MeasurePairs(BenchmarkVariant variant, Tensor input, ProfileSession session, Func<long> runB, int warmup, bool? steady, Stopwatch total)
    {
        int opCount = variant.Ops.Count;
        var runTimes = new List<double>();
        var baselineTimes = new List<double>();
        var speedups = new List<double>();
        // A coarse meter cannot be read per run: paired runs report no energy (profile the variant unpaired for it).
        List<double>? runEnergies = _meter.IsMeasuring && !CoarseMeter ? new List<double>() : null;
        var opSamples = new List<double>[opCount];
        for (int i = 0; i < opCount; i++) opSamples[i] = new List<double>();
        var totals = new OpTotals(opCount);
        long jit = 0;
        var clock = Stopwatch.StartNew();
        _nextTargetCheck = 0;
        StopReason stop;
        double RunA()
        {
            session.Reset();
            double e0 = runEnergies is null ? 0 : _meter.ReadJoules();
            long ticks;
            using (session.Activate()) ticks = RunOnce(variant, input);
            if (runEnergies is not null) runEnergies.Add(_meter.ReadJoules() - e0);
            totals.Add(session, opSamples);
            double ms = ProfileSession.ToMilliseconds(ticks);
            runTimes.Add(ms);
            return ms;
        }
        while (true)
        {
            // Pair k runs AB when k is even and BA when it is odd: a linear drift over two pairs cancels.
            long jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
            double timeA, timeB;
            if (speedups.Count % 2 == 0)
            {
                timeA = RunA();
                timeB = ProfileSession.ToMilliseconds(runB());
            }
            else
            {
                timeB = ProfileSession.ToMilliseconds(runB());
                timeA = RunA();
            }
            jit += System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false) - jitBefore;
            baselineTimes.Add(timeB);
            speedups.Add(timeB / timeA);
            if (ShouldStop(speedups, total.Elapsed, out stop)) break;
        }
        _progress?.Invoke(FormattableString.Invariant($"measured {speedups.Count} ABBA pairs in {clock.Elapsed.TotalSeconds:0.00} s (stopped: {stop})"));
        OpMeasurement[] ops = OpMeasurements(variant, totals, opSamples, runEnergies is not null);
        var measurement = new VariantMeasurement(runTimes, runEnergies, ops, warmup, steady, stop, clock.Elapsed, jit);
        return new PairedMeasurement(measurement, baselineTimes, speedups);
    }
}
