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
        // The CDF is monotone: bracket the quantile, then Newton steps on the density, falling back to bisection
        // whenever a step leaves the bracket (converges in a handful of CDF evaluations).
        double lo = 0, hi = 1;
        while (Cdf(hi, df) < p) { lo = hi; hi *= 2; }
        double x = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++)
        {
            double f = Cdf(x, df) - p;
            if (f < 0) lo = x; else hi = x;
            double next = x - f / Density(x, df);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - x) <= 1e-15 * Math.Max(1, Math.Abs(x)) || hi - lo <= 1e-15 * hi) return next;
            x = next;
        }
        return x;
    }

    /// <summary>The probability density of t(df) at <paramref name="t"/>.</summary>
    public static double Density(double t, double df)
    {
        if (double.IsPositiveInfinity(df)) return Math.Exp(-t * t / 2) / Math.Sqrt(2 * Math.PI);
        double logC = SpecialFunctions.LogGamma((df + 1) / 2) - SpecialFunctions.LogGamma(df / 2) - 0.5 * Math.Log(df * Math.PI);
        return Math.Exp(logC - (df + 1) / 2 * Math.Log(1 + t * t / df));
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
