using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Statistics;

/// <summary>Which Tukey fences remove samples.</summary>
public enum OutlierMode
{
    /// <summary>Drop samples above Q3 + 1.5 IQR only (the default for timings: a fast sample is not noise).</summary>
    RemoveUpper,
    /// <summary>Drop samples outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR].</summary>
    RemoveBoth,
    /// <summary>Keep everything.</summary>
    KeepAll,
}

/// <summary>The result of Tukey's outlier filter: the kept samples (sorted ascending) and the fences used.</summary>
public sealed class TukeyResult
{
    internal TukeyResult(double[] kept, int removed, double lowerFence, double upperFence)
    {
        Kept = kept;
        Removed = removed;
        LowerFence = lowerFence;
        UpperFence = upperFence;
    }

    /// <summary>The samples kept, sorted ascending.</summary>
    public IReadOnlyList<double> Kept { get; }

    /// <summary>How many samples were removed.</summary>
    public int Removed { get; }

    /// <summary>Q1 − 1.5 IQR.</summary>
    public double LowerFence { get; }

    /// <summary>Q3 + 1.5 IQR.</summary>
    public double UpperFence { get; }
}

/// <summary>Tukey's fences (quartiles by linear interpolation, Hyndman–Fan type 7, like R and Excel QUARTILE.INC).</summary>
public static class TukeyFilter
{
    /// <summary>Filters <paramref name="samples"/> with fences at 1.5 IQR beyond the quartiles.</summary>
    public static TukeyResult Apply(IEnumerable<double> samples, OutlierMode mode = OutlierMode.RemoveUpper)
    {
        if (samples is null) throw new ArgumentNullException(nameof(samples));
        double[] sorted = samples.ToArray();
        if (sorted.Any(double.IsNaN)) throw new ArgumentException("Samples contain NaN.", nameof(samples));
        Array.Sort(sorted);
        if (sorted.Length == 0) return new TukeyResult(sorted, 0, double.NaN, double.NaN);
        double q1 = Quantile(sorted, 0.25), q3 = Quantile(sorted, 0.75), iqr = q3 - q1;
        double lower = q1 - 1.5 * iqr, upper = q3 + 1.5 * iqr;
        double[] kept = mode switch
        {
            OutlierMode.KeepAll => sorted,
            OutlierMode.RemoveUpper => sorted.Where(x => x <= upper).ToArray(),
            _ => sorted.Where(x => x >= lower && x <= upper).ToArray(),
        };
        return new TukeyResult(kept, sorted.Length - kept.Length, lower, upper);
    }

    /// <summary>The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> by linear interpolation (type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted is null) throw new ArgumentNullException(nameof(sorted));
        if (sorted.Count == 0) throw new ArgumentException("No samples.", nameof(sorted));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Quantile must be in [0, 1].");
        double h = (sorted.Count - 1) * p;
        int i = (int)Math.Floor(h);
        if (i >= sorted.Count - 1) return sorted[sorted.Count - 1];
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }
}
