using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Statistics;

/// <summary>
/// Summary statistics of one measured quantity after Tukey outlier removal: mean, median, sample standard
/// deviation, min, max and the Student-t confidence interval of the mean (99.9 % by default).
/// </summary>
public sealed class MeasurementStatistics
{
    /// <summary>The confidence level Knobs reports (99.9 %, like BenchmarkDotNet).</summary>
    public const double DefaultConfidence = 0.999;

    private MeasurementStatistics(int n, double mean, double median, double stdDev, double min, double max,
        double ciLow, double ciHigh, int outliers, double confidence)
    {
        N = n; Mean = mean; Median = median; StdDev = stdDev; Min = min; Max = max;
        CiLow = ciLow; CiHigh = ciHigh; Outliers = outliers; Confidence = confidence;
    }

    /// <summary>Samples kept after outlier removal.</summary>
    public int N { get; }
    /// <summary>Arithmetic mean of the kept samples.</summary>
    public double Mean { get; }
    /// <summary>Median of the kept samples.</summary>
    public double Median { get; }
    /// <summary>Sample standard deviation (n − 1 denominator); 0 for a single sample.</summary>
    public double StdDev { get; }
    /// <summary>Smallest kept sample.</summary>
    public double Min { get; }
    /// <summary>Largest kept sample.</summary>
    public double Max { get; }
    /// <summary>Lower bound of the confidence interval of the mean.</summary>
    public double CiLow { get; }
    /// <summary>Upper bound of the confidence interval of the mean.</summary>
    public double CiHigh { get; }
    /// <summary>Samples removed as outliers.</summary>
    public int Outliers { get; }
    /// <summary>The confidence level of [<see cref="CiLow"/>, <see cref="CiHigh"/>].</summary>
    public double Confidence { get; }

    /// <summary>Half the width of the confidence interval.</summary>
    public double CiHalfWidth => (CiHigh - CiLow) / 2;

    /// <summary>
    /// CI half-width relative to the mean; +∞ when it cannot be established (a single sample, or a zero mean
    /// with spread).
    /// </summary>
    public double RelativeError
    {
        get
        {
            if (N < 2) return double.PositiveInfinity;
            if (CiHalfWidth == 0) return 0;
            return Mean == 0 ? double.PositiveInfinity : CiHalfWidth / Math.Abs(Mean);
        }
    }

    /// <summary>True when <see cref="RelativeError"/> is above <paramref name="targetRelativeError"/>.</summary>
    public bool IsNoisy(double targetRelativeError) => RelativeError > targetRelativeError;

    /// <summary>Filters outliers (Tukey), then summarizes what is left.</summary>
    public static MeasurementStatistics Compute(IEnumerable<double> samples, OutlierMode outliers = OutlierMode.RemoveUpper,
        double confidence = DefaultConfidence)
    {
        TukeyResult filtered = TukeyFilter.Apply(samples, outliers);
        IReadOnlyList<double> kept = filtered.Kept;
        if (kept.Count == 0) throw new ArgumentException("At least one sample is needed.", nameof(samples));
        int n = kept.Count;
        double mean = kept.Average();
        double stdDev = n > 1 ? Math.Sqrt(kept.Sum(x => (x - mean) * (x - mean)) / (n - 1)) : 0;
        double halfWidth = n > 1 ? CriticalValue(confidence, n - 1) * stdDev / Math.Sqrt(n) : 0;
        return new MeasurementStatistics(n, mean, TukeyFilter.Quantile(kept, 0.5), stdDev, kept[0], kept[n - 1],
            mean - halfWidth, mean + halfWidth, filtered.Removed, confidence);
    }

    // The runner re-computes statistics after every iteration: remember critical values per (confidence, df).
    private static readonly Dictionary<(double, int), double> CriticalValues = new();

    private static double CriticalValue(double confidence, int df)
    {
        lock (CriticalValues)
        {
            if (!CriticalValues.TryGetValue((confidence, df), out double t))
            {
                t = StudentT.TwoSidedCriticalValue(confidence, df);
                if (CriticalValues.Count < 100_000) CriticalValues[(confidence, df)] = t;
            }
            return t;
        }
    }
}
