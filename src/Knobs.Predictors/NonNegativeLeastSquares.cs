using System;
using System.Collections.Generic;

namespace Knobs.Predictors;

/// <summary>
/// Least squares with non-negative coefficients for the few-term models of this assembly (priors, conversions, runs):
/// every subset of the terms is solved exactly and the best feasible one kept, which is the non-negative optimum for
/// up to a handful of terms.
/// </summary>
public static class NonNegativeLeastSquares
{
    /// <summary>The most terms a model may have (2^terms subsets are solved).</summary>
    public const int MaxTerms = 6;

    /// <summary>
    /// Minimises Σ ((x·c − y) / y)² over c ≥ 0 (relative error, so small and large values count alike); null when no
    /// subset gives a solution. <paramref name="y"/> must be positive.
    /// </summary>
    public static double[]? FitRelative(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        if (x.Count == 0 || x.Count != y.Count) throw new ArgumentException("one row of terms per value, at least one");
        int terms = x[0].Length;
        if (terms < 1 || terms > MaxTerms) throw new ArgumentException($"1 to {MaxTerms} terms");
        double[]? best = null;
        double bestError = double.PositiveInfinity;
        for (int mask = 1; mask < 1 << terms; mask++)
        {
            double[]? c = Solve(x, y, mask, terms);
            if (c is null) continue;
            double error = 0;
            for (int i = 0; i < x.Count; i++)
            {
                double p = 0;
                for (int k = 0; k < terms; k++) p += x[i][k] * c[k];
                double r = (p - y[i]) / y[i];
                error += r * r;
            }
            if (best is null || error < bestError - 1e-15 * bestError)
            {
                bestError = error;
                best = c;
            }
        }
        return best;
    }

    private static double[]? Solve(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int mask, int terms)
    {
        var used = new List<int>();
        for (int k = 0; k < terms; k++) if ((mask & (1 << k)) != 0) used.Add(k);
        int m = used.Count;
        var a = new double[m, m];
        var b = new double[m];
        for (int r = 0; r < x.Count; r++)
        {
            double w = 1 / (y[r] * y[r]);
            for (int i = 0; i < m; i++)
            {
                b[i] += w * x[r][used[i]] * y[r];
                for (int j = 0; j < m; j++) a[i, j] += w * x[r][used[i]] * x[r][used[j]];
            }
        }
        double[]? solved = Gauss(a, b);
        if (solved is null) return null;
        var c = new double[terms];
        for (int i = 0; i < m; i++)
        {
            if (!(solved[i] >= 0) || double.IsInfinity(solved[i])) return null;
            c[used[i]] = solved[i];
        }
        return c;
    }

    // Solves a·x = b for a symmetric positive semi-definite a, scaled to a unit diagonal first (the terms have very
    // different units); null when singular.
    private static double[]? Gauss(double[,] a, double[] b)
    {
        int n = b.Length;
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(a[i, i] > 0)) return null;
            d[i] = Math.Sqrt(a[i, i]);
        }
        for (int i = 0; i < n; i++)
        {
            b[i] /= d[i];
            for (int j = 0; j < n; j++) a[i, j] /= d[i] * d[j];
        }
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) <= 1e-12) return null;
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < n; k++) a[r, k] -= f * a[col, k];
                b[r] -= f * b[col];
            }
        }
        var result = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= a[i, k] * result[k];
            result[i] = s / a[i, i];
        }
        for (int i = 0; i < n; i++) result[i] /= d[i];
        return result;
    }
}
