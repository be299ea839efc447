using System;
using System.Collections.Generic;

namespace Knobs.Runtime.Measurement;

/// <summary>Why measuring stopped.</summary>
public enum StopReason
{
    /// <summary>The requested number of iterations ran.</summary>
    Iterations,
    /// <summary>The CI half-width fell below the target relative error.</summary>
    TargetError,
    /// <summary>The time cap was reached.</summary>
    MaxTime,
    /// <summary>The iteration cap was reached.</summary>
    MaxIterations,
}

/// <summary>Everything measured for one variant: raw per-iteration samples, before statistics.</summary>
public sealed class VariantMeasurement
{
    internal VariantMeasurement(IReadOnlyList<double> runTimes, IReadOnlyList<double>? runEnergies,
        IReadOnlyList<OpMeasurement> ops, int warmupIterations, bool? warmupSteady, StopReason stop, TimeSpan elapsed, long jitDuringMeasurement)
    {
        WarmupSteady = warmupSteady;
        RunTimes = runTimes;
        RunEnergies = runEnergies;
        Ops = ops;
        WarmupIterations = warmupIterations;
        Stop = stop;
        Elapsed = elapsed;
        JitDuringMeasurement = jitDuringMeasurement;
    }

    /// <summary>Milliseconds of each measured whole run.</summary>
    public IReadOnlyList<double> RunTimes { get; }

    /// <summary>Joules of each measured whole run, or null when no meter measured.</summary>
    public IReadOnlyList<double>? RunEnergies { get; }

    /// <summary>Per op call site (same order as the variant's ops).</summary>
    public IReadOnlyList<OpMeasurement> Ops { get; }

    /// <summary>Warm-up iterations run before measuring.</summary>
    public int WarmupIterations { get; }

    /// <summary>Whether automatic warm-up reached a steady state (null when a <c>--warmup</c> count ran in full; false when warm-up was cut at its cap).</summary>
    public bool? WarmupSteady { get; }

    /// <summary>Why measuring stopped.</summary>
    public StopReason Stop { get; }

    /// <summary>Wall time of the measured phase.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Methods the JIT compiled on the measuring thread inside measured runs (0 when warm-up settled the JIT).</summary>
    public long JitDuringMeasurement { get; }
}

/// <summary>The samples of one op call site.</summary>
public sealed class OpMeasurement
{
    internal OpMeasurement(OpDescriptor op, IReadOnlyList<double> timePerCall, long calls, double f2hMsPerCall,
        double h2fMsPerCall, double? energyPerCall, Knobs.Tensors.OpFeatures? features = null, double h2dMsPerCall = 0,
        double d2hMsPerCall = 0)
    {
        H2DPerCall = h2dMsPerCall;
        D2HPerCall = d2hMsPerCall;
        Features = features;
        Op = op;
        TimePerCall = timePerCall;
        Calls = calls;
        F2HPerCall = f2hMsPerCall;
        H2FPerCall = h2fMsPerCall;
        EnergyPerCall = energyPerCall;
    }

    /// <summary>The call site.</summary>
    public OpDescriptor Op { get; }

    /// <summary>Milliseconds per call, one sample per measured iteration that called the op (conversions excluded).</summary>
    public IReadOnlyList<double> TimePerCall { get; }

    /// <summary>Calls over the measured phase (0: the op never ran, e.g. Total profiling or a branch not taken).</summary>
    public long Calls { get; }

    /// <summary>fp32→fp16 conversion milliseconds per call.</summary>
    public double F2HPerCall { get; }

    /// <summary>fp16→fp32 conversion milliseconds per call.</summary>
    public double H2FPerCall { get; }

    /// <summary>Milliseconds per call copying operands into a non-host storage (0: no copy).</summary>
    public double H2DPerCall { get; }

    /// <summary>Milliseconds per call copying operands out of a non-host storage (0: no copy).</summary>
    public double D2HPerCall { get; }

    /// <summary>Joules per call (counter deltas accumulated over all iterations / calls), or null when not measured.</summary>
    public double? EnergyPerCall { get; }

    /// <summary>What the op computes at this call site (shapes, FLOPs, bytes), or null when it recorded none.</summary>
    public Knobs.Tensors.OpFeatures? Features { get; }
}
