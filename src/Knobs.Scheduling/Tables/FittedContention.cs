using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Tables;

/// <summary>
/// A contention model fitted on measured co-runs (HaX-CoNN's PCCS idea, measured here): a node slows beside another DNN in
/// proportion to its own memory traffic rate times the other DNN's,
/// <c>slowdown = 1 + β · (node bytes / node time) · (other DNN's bytes / its time)</c> (rates in GB/s), with β fitted by
/// least squares over every measured node beside every other benchmark, each weighted by its time alone (β ≥ 0). In a
/// problem, a group's co-runner is the most memory-hungry of the other DNNs, and the factor applies whether or not it
/// actually overlaps (the solvers' assumption).
/// </summary>
public sealed class FittedContention : IContentionModel
{
    private readonly IReadOnlyDictionary<string, double> _rate;

    /// <param name="beta">The fitted coefficient (per (GB/s)²).</param>
    /// <param name="rateByDnn">Each DNN's traffic rate (GB/s) as the co-runner of others.</param>
    /// <param name="points">The measurements the fit used.</param>
    public FittedContention(double beta, IReadOnlyDictionary<string, double> rateByDnn, IReadOnlyList<ContentionPoint> points)
    {
        Beta = beta;
        _rate = rateByDnn;
        Points = points;
    }

    /// <inheritdoc/>
    public string Name => "fitted";

    /// <summary>The fitted coefficient.</summary>
    public double Beta { get; }

    /// <summary>The measurements the fit used, each with the model's prediction.</summary>
    public IReadOnlyList<ContentionPoint> Points { get; }

    /// <summary>The model's factor for a node of traffic rate <paramref name="rate"/> beside a DNN of rate <paramref name="coRate"/>.</summary>
    public double Factor(double rate, double coRate) => 1 + Beta * rate * coRate;

    /// <inheritdoc/>
    public double Slowdown(ScheduleProblem problem, int dnn, int group, GroupOption option)
    {
        if (problem.Dnns.Count < 2) return 1.0;
        double co = 0;
        for (int k = 0; k < problem.Dnns.Count; k++)
        {
            if (k != dnn && _rate.TryGetValue(problem.Dnns[k].Name, out double r)) co = Math.Max(co, r);
        }
        return Factor(option.ContentionInput ?? 0, co);
    }

    /// <summary>
    /// Fits β on <paramref name="points"/> (each with its node's rate, the co-runner's rate, the measured factor and the
    /// node's time alone as weight).
    /// </summary>
    public static FittedContention Fit(IReadOnlyList<ContentionPoint> points, IReadOnlyDictionary<string, double> rateByDnn)
    {
        double num = 0, den = 0;
        foreach (ContentionPoint p in points)
        {
            double f = p.Rate * p.CoRate;
            num += p.AloneMs * f * (p.Measured - 1);
            den += p.AloneMs * f * f;
        }
        double beta = den > 0 ? Math.Max(0, num / den) : 0;
        var model = new FittedContention(beta, rateByDnn, Array.Empty<ContentionPoint>());
        return new FittedContention(beta, rateByDnn, points.Select(p => p with { Predicted = model.Factor(p.Rate, p.CoRate) }).ToArray());
    }
}

/// <summary>One measured node beside one co-runner.</summary>
/// <param name="Dnn">The node's benchmark.</param>
/// <param name="Node">The node id.</param>
/// <param name="CoRunner">The benchmark running beside it.</param>
/// <param name="AloneMs">Its time alone (ms).</param>
/// <param name="BesideMs">Its time beside the co-runner (ms).</param>
/// <param name="Rate">Its memory traffic rate alone (GB/s).</param>
/// <param name="CoRate">The co-runner's traffic rate (GB/s).</param>
/// <param name="Predicted">The fitted model's factor (0 before the fit).</param>
public sealed record ContentionPoint(string Dnn, int Node, string CoRunner, double AloneMs, double BesideMs, double Rate, double CoRate, double Predicted = 0)
{
    /// <summary>The measured factor: time beside over time alone.</summary>
    public double Measured => BesideMs / AloneMs;
}
