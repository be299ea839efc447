using System;
using System.Collections.Generic;
using Knobs.Profiles;

namespace Knobs.Predictors;

/// <summary>
/// The analytic prior under a family's trees: <c>time = fixed + effective GFLOP · msPerGflop + MB moved · msPerMegabyte</c>
/// (ms), all three non-negative, fitted by least squares on relative error. Work and traffic scale it, so a prediction
/// far outside the sampled shapes follows the op's size instead of the nearest leaf.
/// </summary>
public sealed class RooflinePrior
{
    /// <summary>Creates a prior.</summary>
    public RooflinePrior(double fixedMs, double msPerGflop, double msPerMegabyte)
    {
        if (!(fixedMs >= 0) || !(msPerGflop >= 0) || !(msPerMegabyte >= 0) || double.IsInfinity(fixedMs) || double.IsInfinity(msPerGflop) || double.IsInfinity(msPerMegabyte))
            throw new ArgumentOutOfRangeException(nameof(fixedMs), "a roofline prior's coefficients are finite and non-negative");
        FixedMs = fixedMs;
        MsPerGflop = msPerGflop;
        MsPerMegabyte = msPerMegabyte;
    }

    /// <summary>Time every call costs (ms).</summary>
    public double FixedMs { get; }
    /// <summary>ms per 10⁹ effective FLOPs.</summary>
    public double MsPerGflop { get; }
    /// <summary>ms per 10⁶ bytes read or written.</summary>
    public double MsPerMegabyte { get; }

    /// <summary>The smallest time the prior gives (ms): a floor so the trees' ratio stays defined.</summary>
    public const double Floor = 1e-6;

    /// <summary>The prior's time (ms) for <paramref name="f"/>.</summary>
    public double Time(OpFeatureRecord f) => Math.Max(Floor, FixedMs + Gflop(f) * MsPerGflop + Megabytes(f) * MsPerMegabyte);

    internal static double Gflop(OpFeatureRecord f) => f.EffectiveFlops / 1e9;
    internal static double Megabytes(OpFeatureRecord f) => (f.BytesRead + f.BytesWritten) / 1e6;

    /// <summary>
    /// Fits the prior on (features, time) pairs by <see cref="NonNegativeLeastSquares"/> on relative error (weight
    /// 1/time², so every op counts by its relative error); the median time alone when no fit exists.
    /// </summary>
    public static RooflinePrior Fit(IReadOnlyList<(OpFeatureRecord Features, double Time)> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var x = new double[samples.Count][];
        var y = new double[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            x[i] = new[] { 1, Gflop(samples[i].Features), Megabytes(samples[i].Features) };
            y[i] = samples[i].Time;
        }
        double[]? c = NonNegativeLeastSquares.FitRelative(x, y);
        return c is null ? new RooflinePrior(Median(y), 0, 0) : new RooflinePrior(c[0], c[1], c[2]);
    }

    internal static double Median(double[] values)
    {
        var t = (double[])values.Clone();
        Array.Sort(t);
        return t[t.Length / 2];
    }
}
