using System;
using System.Diagnostics;
using Knobs.Runtime.Energy;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime;

/// <summary>
/// Collects per-op samples for one variant run. The runner owns it and enters it into the tensor context
/// (<see cref="Activate"/>); hooks write into the session of the current context.
/// Per call it accumulates the op's ticks, the precision-conversion ticks that happened inside the op
/// (<see cref="ConversionCounters"/> deltas, on the calling thread), the copies between storages
/// (<see cref="TransferCounters"/> deltas) and, with a measuring meter, the energy. An op's time excludes its conversions
/// and copies: those are reported in their own f2h/h2f and h2d/d2h columns, as HPVM does for conversions.
/// </summary>
public sealed class ProfileSession
{
    private readonly long[] _ticks;
    private readonly int[] _calls;
    private readonly long[] _f2hTicks;
    private readonly long[] _h2fTicks;
    private readonly long[] _h2dTicks;
    private readonly long[] _d2hTicks;
    private readonly double[] _energy;
    private readonly IEnergyMeter? _meter;
    private long _lastF2H;
    private long _lastH2F;
    private long _lastH2D;
    private long _lastD2H;
    private double _opEnergyStart;

    /// <summary>A session without per-op energy.</summary>
    public ProfileSession(int opCount) : this(opCount, null) { }

    /// <summary>A session that also reads <paramref name="meter"/> around every op when it measures.</summary>
    public ProfileSession(int opCount, IEnergyMeter? meter)
    {
        if (opCount < 0) throw new ArgumentOutOfRangeException(nameof(opCount));
        _ticks = new long[opCount];
        _calls = new int[opCount];
        _f2hTicks = new long[opCount];
        _h2fTicks = new long[opCount];
        _h2dTicks = new long[opCount];
        _d2hTicks = new long[opCount];
        _energy = new double[opCount];
        _meter = meter is { IsMeasuring: true } ? meter : null;
        SyncConversionCounters();
    }

    /// <summary>The session the hooks write into: the current tensor context's, or null.</summary>
    public static ProfileSession? Current => TensorContext.Current.Session as ProfileSession;

    /// <summary>
    /// Makes this session the one the hooks write into, in the current tensor context (same backend and fusion), until
    /// the returned scope is disposed.
    /// </summary>
    public TensorContext.Scope Activate()
    {
        SyncConversionCounters();
        return TensorContext.Enter(TensorContext.Current.WithSession(this));
    }

    /// <summary>Op call sites this session has slots for.</summary>
    public int OpCount => _ticks.Length;

    /// <summary>True when per-op energy is read.</summary>
    public bool MeasuresEnergy => _meter is not null;

    private OpFeatureLog.Recording? _recording;
    private OpFeatures?[]? _features;

    /// <summary>
    /// Starts handing each op call site the <see cref="OpFeatures"/> its op recorded (one run is enough: features depend
    /// on shapes and knob only); <see cref="StopFeatureCapture"/> returns them by op index.
    /// </summary>
    internal void StartFeatureCapture()
    {
        _features = new OpFeatures?[_ticks.Length];
        _recording = OpFeatureLog.Open();
    }

    /// <summary>Ends the capture; the features of each op call site (null where its op recorded none).</summary>
    internal OpFeatures?[] StopFeatureCapture()
    {
        _recording?.Dispose();
        _recording = null;
        OpFeatures?[] features = _features ?? new OpFeatures?[_ticks.Length];
        _features = null;
        return features;
    }

    /// <summary>Records one call of op <paramref name="opIndex"/> that took <paramref name="ticks"/> Stopwatch ticks.</summary>
    public void Record(int opIndex, long ticks)
    {
        _ticks[opIndex] += ticks - TakeDeltas(opIndex);
        _calls[opIndex]++;
    }

    private readonly System.Collections.Generic.List<(int Op, long Token, long Excluded)> _pending = [];
    private OpTimer? _pendingTimer;

    /// <summary>
    /// Records one call of op <paramref name="opIndex"/> whose time <paramref name="timer"/> (one that
    /// <see cref="OpTimer.Defers"/>) knows only once the device has run it: the conversions, copies and energy are taken
    /// now, the time by <see cref="ResolvePending"/>.
    /// </summary>
    public void RecordDeferred(int opIndex, long token, OpTimer timer)
    {
        _pendingTimer = timer;
        long excluded = TakeDeltas(opIndex);
        _pending.Add((opIndex, token, excluded));
        _calls[opIndex]++;
    }

    /// <summary>
    /// Adds the times of every deferred call to their ops (waiting for the device where it is not done yet). The runner
    /// calls it at the end of each run, after the device has been synchronised and the run's clock read.
    /// </summary>
    public void ResolvePending()
    {
        if (_pendingTimer is not { } timer) return;
        foreach ((int op, long token, long excluded) in _pending) _ticks[op] += timer.Resolve(token) - excluded;
        _pending.Clear();
    }

    // Conversion, copy and energy deltas since the last hook, added to the op's columns; returns the ticks to take off its time.
    private long TakeDeltas(int opIndex)
    {
        if (_recording is not null && _recording.Take() is { } features) _features![opIndex] ??= features;
        if (_meter is not null) _energy[opIndex] += _meter.ReadJoules() - _opEnergyStart;
        long f2h = ConversionCounters.F2HTicks, h2f = ConversionCounters.H2FTicks;
        long f2hDelta = f2h - _lastF2H, h2fDelta = h2f - _lastH2F;
        _lastF2H = f2h;
        _lastH2F = h2f;
        _f2hTicks[opIndex] += f2hDelta;
        _h2fTicks[opIndex] += h2fDelta;
        long h2d = TransferCounters.H2DTicks, d2h = TransferCounters.D2HTicks;
        long h2dDelta = h2d - _lastH2D, d2hDelta = d2h - _lastD2H;
        _lastH2D = h2d;
        _lastD2H = d2h;
        _h2dTicks[opIndex] += h2dDelta;
        _d2hTicks[opIndex] += d2hDelta;
        return f2hDelta + h2fDelta + h2dDelta + d2hDelta;
    }

    internal void BeginOpEnergy() => _opEnergyStart = _meter!.ReadJoules();

    /// <summary>Ticks accumulated for an op since the last <see cref="Reset"/>, conversions excluded.</summary>
    public long Ticks(int opIndex) => _ticks[opIndex];

    /// <summary>Calls of an op since the last <see cref="Reset"/>.</summary>
    public int Calls(int opIndex) => _calls[opIndex];

    /// <summary>fp32→fp16 conversion ticks inside an op since the last <see cref="Reset"/>.</summary>
    public long F2HTicks(int opIndex) => _f2hTicks[opIndex];

    /// <summary>fp16→fp32 conversion ticks inside an op since the last <see cref="Reset"/>.</summary>
    public long H2FTicks(int opIndex) => _h2fTicks[opIndex];

    /// <summary>Copy ticks into a non-host storage inside an op since the last <see cref="Reset"/>.</summary>
    public long H2DTicks(int opIndex) => _h2dTicks[opIndex];

    /// <summary>Copy ticks out of a non-host storage inside an op since the last <see cref="Reset"/>.</summary>
    public long D2HTicks(int opIndex) => _d2hTicks[opIndex];

    /// <summary>Joules read inside an op since the last <see cref="Reset"/> (0 without a measuring meter).</summary>
    public double Energy(int opIndex) => _energy[opIndex];

    /// <summary>Clears all counters.</summary>
    public void Reset()
    {
        if (_pendingTimer is { } timer)
        {
            foreach ((_, long token, _) in _pending) timer.Drop(token);
        }
        _pending.Clear();
        Array.Clear(_ticks);
        Array.Clear(_calls);
        Array.Clear(_f2hTicks);
        Array.Clear(_h2fTicks);
        Array.Clear(_h2dTicks);
        Array.Clear(_d2hTicks);
        Array.Clear(_energy);
        SyncConversionCounters();
    }

    // Conversions are attributed as "since the last hook": re-base on the thread that runs the variant.
    private void SyncConversionCounters()
    {
        _lastF2H = ConversionCounters.F2HTicks;
        _lastH2F = ConversionCounters.H2FTicks;
        _lastH2D = TransferCounters.H2DTicks;
        _lastD2H = TransferCounters.D2HTicks;
    }

    /// <summary>Milliseconds of <paramref name="ticks"/> Stopwatch ticks.</summary>
    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
