namespace Knobs.Profiles;

/// <summary>
/// Statistics of one measured quantity (milliseconds for times) after Tukey outlier removal:
/// the <c>time</c> object of an op or summary record in a profile.
/// </summary>
public sealed class ProfileStatistics
{
    /// <summary>Creates a statistics record; see docs/formats.md for the meaning of each field.</summary>
    public ProfileStatistics(int n, double mean, double median, double stdev, double min, double max,
        double ciLow, double ciHigh, int outliers, bool noisy)
    {
        N = n;
        Mean = mean;
        Median = median;
        Stdev = stdev;
        Min = min;
        Max = max;
        CiLow = ciLow;
        CiHigh = ciHigh;
        Outliers = outliers;
        Noisy = noisy;
    }

    /// <summary>Samples kept after outlier removal.</summary>
    public int N { get; }
    /// <summary>Mean of the kept samples.</summary>
    public double Mean { get; }
    /// <summary>Median of the kept samples.</summary>
    public double Median { get; }
    /// <summary>Sample standard deviation of the kept samples.</summary>
    public double Stdev { get; }
    /// <summary>Smallest kept sample.</summary>
    public double Min { get; }
    /// <summary>Largest kept sample.</summary>
    public double Max { get; }
    /// <summary>Lower bound of the 99.9 % confidence interval of the mean.</summary>
    public double CiLow { get; }
    /// <summary>Upper bound of the 99.9 % confidence interval of the mean.</summary>
    public double CiHigh { get; }
    /// <summary>Samples removed as outliers.</summary>
    public int Outliers { get; }
    /// <summary>True when the CI half-width was above the target relative error when measurement stopped.</summary>
    public bool Noisy { get; }

    /// <summary>Half-width of the confidence interval.</summary>
    public double CiHalfWidth => (CiHigh - CiLow) / 2;

    /// <summary>These statistics with every value multiplied by <paramref name="factor"/> (&gt; 0); counts and flags unchanged.</summary>
    public ProfileStatistics Scaled(double factor) => factor == 1 ? this :
        new(N, Mean * factor, Median * factor, Stdev * factor, Min * factor, Max * factor, CiLow * factor, CiHigh * factor, Outliers, Noisy);
}
