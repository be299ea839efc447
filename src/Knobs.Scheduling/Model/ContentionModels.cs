using System;
using System.Collections.Generic;

namespace Knobs.Scheduling.Model;

/// <summary>
/// How much a group slows down when it runs beside the other DNNs of the problem. The solvers here apply the factor
/// unconditionally (to every group whenever the problem has another DNN), as HaX-CoNN does; a factor that depends on
/// which groups actually overlap is not modelled by the solvers.
/// </summary>
public interface IContentionModel
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>The factor (≥ 1) by which <paramref name="option"/> of group <paramref name="group"/> of DNN
    /// <paramref name="dnn"/> is slowed beside the problem's other DNNs.</summary>
    double Slowdown(ScheduleProblem problem, int dnn, int group, GroupOption option);
}

/// <summary>No contention: every factor is 1.</summary>
public sealed class NoContention : IContentionModel
{
    /// <summary>The one instance.</summary>
    public static NoContention Instance { get; } = new();

    private NoContention()
    {
    }

    /// <inheritdoc/>
    public string Name => "none";

    /// <inheritdoc/>
    public double Slowdown(ScheduleProblem problem, int dnn, int group, GroupOption option) => 1.0;
}

/// <summary>A PCCS slowdown curve: factor as a function of a group's memory throughput.</summary>
public enum PccsCurve
{
    /// <summary>HaX-CoNN's Xavier AGX GPU curve (three pieces, a jump at 38.1).</summary>
    XavierGpu,
    /// <summary>HaX-CoNN's Xavier AGX DLA curve (two pieces, split at 27.9).</summary>
    XavierDla,
}

/// <summary>
/// HaX-CoNN's contention model: each device has a PCCS curve (the piecewise formulas its source says were "found by PCCS on
/// Xavier AGX"), evaluated at the option's <see cref="GroupOption.ContentionInput"/>. Copied as data from HaX-CoNN's code, not
/// fitted here; it does not look at what actually runs beside the group.
/// </summary>
public sealed class PccsContention : IContentionModel
{
    private readonly IReadOnlyList<PccsCurve> _curveByDevice;

    /// <summary>One curve per device, in the problem's device order.</summary>
    public PccsContention(IReadOnlyList<PccsCurve> curveByDevice) => _curveByDevice = curveByDevice;

    /// <inheritdoc/>
    public string Name => "pccs-xavier";

    /// <summary>The curves by device.</summary>
    public IReadOnlyList<PccsCurve> Curves => _curveByDevice;

    /// <inheritdoc/>
    public double Slowdown(ScheduleProblem problem, int dnn, int group, GroupOption option)
    {
        if (problem.Dnns.Count < 2) return 1.0;
        if (option.ContentionInput is not double m)
        {
            throw new ScheduleInputException(problem.Source, $"dnns[{dnn}].groups[{group}]",
                $"the PCCS contention model needs the group's memory throughput on device '{problem.Devices[option.Device]}'; give it or use no contention model");
        }
        return Factor(_curveByDevice[option.Device], m);
    }

    /// <summary>The curve's factor at memory throughput <paramref name="m"/>.</summary>
    public static double Factor(PccsCurve curve, double m) => curve switch
    {
        PccsCurve.XavierGpu => m < 38.1 ? 100 / (100 - m * 4.9 / 127.5)
            : m < 96.2 ? 100 / (100 - m)
            : 100 / (100 - (m - 41.9) * 1.11),
        _ => m < 27.9 ? 100 / (100 - m) : 100 / (100 - (m + 49) * 0.35),
    };
}
