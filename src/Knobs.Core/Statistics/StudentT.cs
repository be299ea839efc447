using System;

namespace Knobs.Statistics;

/// <summary>
/// Student's t distribution: CDF and quantiles for any degrees of freedom, including
/// <see cref="double.PositiveInfinity"/> (the standard normal).
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) for T ~ t(df).</summary>
    public static double Cdf(double t, double df)
    {
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (double.IsPositiveInfinity(df)) return 0.5 * SpecialFunctions.Erfc(-t / Math.Sqrt(2));
        double tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/> for T ~ t(df), 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be in (0, 1).");
        if (p < 0.5) return -Quantile(1 - p, df);
        if (p == 0.5) return 0;
        // The CDF is monotone: bracket the quantile, then bisect to machine precision.
        double lo = 0, hi = 1;
        while (Cdf(hi, df) < p) { lo = hi; hi *= 2; }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Cdf(mid, df) < p) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// The critical value of a two-sided confidence interval: for confidence 0.999 and df = 10 this is the
    /// 0.9995 quantile, 4.5869.
    /// </summary>
    public static double TwoSidedCriticalValue(double confidence, double df)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        return Quantile(1 - (1 - confidence) / 2, df);
    }
}
