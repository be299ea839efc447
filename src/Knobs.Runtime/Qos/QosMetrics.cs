using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Runtime.Qos;

/// <summary>Output quality of a variant against the fp32 reference on the same input.</summary>
/// <param name="RelL2">‖a − r‖₂ / ‖r‖₂.</param>
/// <param name="MaxAbs">max |a − r|.</param>
/// <param name="Psnr">10·log10(peak² / MSE) in dB with peak = max(r) − min(r); null when the outputs are identical (infinite).</param>
/// <param name="Top1">Fraction of batch rows whose arg-max class agrees; null for non-classifiers.</param>
public sealed record QosMetrics(double RelL2, double MaxAbs, double? Psnr, double? Top1)
{
    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="reference"/> (same shape). For a classifier the first
    /// dimension is the batch and each row's arg-max is its class. Throws <see cref="ArgumentException"/> with the reason
    /// when the outputs cannot be compared (shapes differ, NaN/∞ in an output, an all-zero reference that differs).
    /// </summary>
    public static QosMetrics Compare(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference, IReadOnlyList<int> actualShape,
        IReadOnlyList<int> referenceShape, bool classifier)
    {
        if (!actualShape.SequenceEqual(referenceShape))
        {
            throw new ArgumentException($"output shape [{string.Join(",", actualShape)}] differs from the reference's [{string.Join(",", referenceShape)}]");
        }
        if (actual.Length != reference.Length) throw new ArgumentException($"output has {actual.Length} values, the reference {reference.Length}");
        if (actual.Length == 0) throw new ArgumentException("outputs are empty");
        double diff2 = 0, ref2 = 0, maxAbs = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < actual.Length; i++)
        {
            double a = actual[i], r = reference[i];
            if (!double.IsFinite(a)) throw new ArgumentException($"output value {i} is {a.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (!double.IsFinite(r)) throw new ArgumentException($"reference value {i} is {r.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            double d = a - r;
            diff2 += d * d;
            ref2 += r * r;
            maxAbs = Math.Max(maxAbs, Math.Abs(d));
            lo = Math.Min(lo, r);
            hi = Math.Max(hi, r);
        }
        double relL2;
        if (diff2 == 0) relL2 = 0;
        else if (ref2 == 0) throw new ArgumentException("the reference output is all zeros, so a relative error is undefined");
        else relL2 = Math.Sqrt(diff2 / ref2);
        double? psnr = null;
        if (diff2 > 0)
        {
            double peak = hi - lo;
            if (peak == 0) peak = Math.Max(Math.Abs(hi), Math.Abs(lo));
            double mse = diff2 / actual.Length;
            psnr = peak > 0 ? 10 * Math.Log10(peak * peak / mse) : null;
        }
        return new QosMetrics(relL2, maxAbs, psnr, classifier ? Top1Agreement(actual, reference, actualShape) : null);
    }

    /// <summary>Fraction of rows (first dimension) whose arg-max agrees; ties resolve to the lowest index.</summary>
    public static double Top1Agreement(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference, IReadOnlyList<int> shape)
    {
        int rows = shape.Count >= 2 ? shape[0] : 1;
        if (rows <= 0 || actual.Length % rows != 0) throw new ArgumentException($"cannot split {actual.Length} values into {rows} rows");
        int cols = actual.Length / rows, agree = 0;
        for (int row = 0; row < rows; row++)
        {
            if (ArgMax(actual.Slice(row * cols, cols)) == ArgMax(reference.Slice(row * cols, cols))) agree++;
        }
        return (double)agree / rows;
    }

    /// <summary>The index of the largest value; ties resolve to the lowest index.</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
