using System;

namespace Knobs.Runtime.Measurement;

/// <summary>How long and how precisely to measure one variant.</summary>
/// <param name="Iterations">Fixed number of measured iterations; null = stop on <paramref name="TargetError"/>.</param>
/// <param name="TargetError">Stop when the 99.9 % CI half-width of the mean run time is below this fraction of the mean.</param>
/// <param name="Warmup">Fixed number of warm-up iterations; null = until steady (see <see cref="WarmupDetector"/>).</param>
/// <param name="MaxTime">Cap on the measured phase; automatic warm-up is capped at 30 % of it.</param>
/// <param name="Batch">Batch size passed to <c>Input(batch)</c>.</param>
public sealed record MeasureSettings(int? Iterations, double TargetError, int? Warmup, TimeSpan MaxTime, int Batch)
{
    /// <summary>The default relative error target (2 %).</summary>
    public const double DefaultTargetError = 0.02;

    /// <summary>The default cap on measuring one variant (10 s).</summary>
    public static readonly TimeSpan DefaultMaxTime = TimeSpan.FromSeconds(10);

    /// <summary>Measured iterations before the target-error rule may stop (as BenchmarkDotNet's minimum).</summary>
    public const int MinIterationsForTarget = 10;

    /// <summary>Measured iterations always taken, even past <see cref="MaxTime"/>, so statistics exist.</summary>
    public const int MinIterations = 3;

    /// <summary>Upper bound on measured iterations with automatic stopping.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>Share of <see cref="MaxTime"/> automatic warm-up may use.</summary>
    public const double WarmupShareOfMaxTime = 0.3;
}
