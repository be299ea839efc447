using System;

namespace Knobs.Runtime.Measurement;

/// <summary>How long and how precisely to measure one variant.</summary>
/// <param name="Iterations">Fixed number of measured iterations; null = stop on <paramref name="TargetError"/>.</param>
/// <param name="TargetError">Stop when the 99.9 % CI half-width of the mean run time is below this fraction of the mean.</param>
/// <param name="Warmup">Fixed number of warm-up iterations; null = until steady (see <see cref="WarmupDetector"/>).</param>
/// <param name="MaxTime">
/// Cap on measuring one variant, warm-up included: warm-up (fixed or automatic) stops at 30 % of it, and measured
/// iterations stop once the variant's total time reaches it (after <see cref="MinIterations"/>).
/// </param>
/// <param name="Batch">Batch size passed to <c>Input(batch)</c>.</param>
/// <param name="MaxTimeCapsIterations">
/// True when <see cref="MaxTime"/> also stops a fixed <see cref="Iterations"/> count (the user gave both);
/// false keeps a fixed count exact.
/// </param>
public sealed record MeasureSettings(int? Iterations, double TargetError, int? Warmup, TimeSpan MaxTime, int Batch,
    bool MaxTimeCapsIterations = false)
{
    /// <summary>The default relative error target (2 %).</summary>
    public const double DefaultTargetError = 0.02;

    /// <summary>The default cap on measuring one variant (10 s).</summary>
    public static readonly TimeSpan DefaultMaxTime = TimeSpan.FromSeconds(10);

    /// <summary>Measured iterations before the target-error rule may stop (as BenchmarkDotNet's minimum).</summary>
    public const int MinIterationsForTarget = 10;

    /// <summary>Measured iterations always taken, even past <see cref="MaxTime"/>, so statistics exist.</summary>
    public const int MinIterations = 3;

    /// <summary>Upper bound on measured iterations with automatic stopping, and on <c>--iterations</c> and <c>--warmup</c>.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>The largest <c>--max-time</c>, in seconds (one day).</summary>
    public const double MaxTimeLimitSeconds = 86_400;

    /// <summary>The largest batch <c>--batch</c> accepts.</summary>
    public const int MaxBatch = 65_536;

    /// <summary>Share of <see cref="MaxTime"/> warm-up (fixed or automatic) may use.</summary>
    public const double WarmupShareOfMaxTime = 0.3;
}
