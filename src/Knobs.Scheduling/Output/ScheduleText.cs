using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Output;

/// <summary>A schedule as text for people: status, makespan, and per group the device, knob and times. Culture-invariant.</summary>
public static class ScheduleText
{
    /// <summary>Formats <paramref name="result"/> of <paramref name="problem"/>.</summary>
    public static string Write(ScheduleProblem problem, ScheduleResult result)
    {
        var s = new StringBuilder();
        void Line(FormattableString f) => s.Append(FormattableString.Invariant(f)).Append('\n');
        Line($"instance: {problem.Source}");
        Line($"model: {Semantics(problem)}; {problem.Dnns.Count} DNN(s), {problem.GroupCount} group(s), devices {string.Join(", ", problem.Devices)}; contention {problem.Contention.Name}; switches per DNN {(problem.MaxSwitchesPerDnn is int m ? m.ToString(CultureInfo.InvariantCulture) : "unlimited")}");
        Line($"solver: {result.Solver}; time resolution {result.TimeResolutionMs.ToString("G", CultureInfo.InvariantCulture)} ms");
        string unit = result.Objective == ScheduleObjective.Energy ? "J" : "ms";
        switch (result.Status)
        {
            case SolveStatus.Infeasible:
                Line($"status: infeasible (no schedule meets the QoS budgets, switch limits and deadline)");
                return s.ToString();
            case SolveStatus.Unknown:
                Line($"status: no schedule found within the time limit{(result.BestBound is double b0 ? FormattableString.Invariant($" (best bound {b0:F6} {unit})") : "")}");
                return s.ToString();
            case SolveStatus.Optimal:
                Line($"status: optimal");
                break;
            default:
                Line($"status: feasible, not proven optimal; gap {(result.Gap is double g ? (g * 100).ToString("F3", CultureInfo.InvariantCulture) + " %" : "unknown")}{(result.BestBound is double b1 ? FormattableString.Invariant($" (best bound {b1:F6} {unit})") : "")}");
                break;
        }
        Line($"makespan: {result.MakespanMs:F6} ms");
        if (result.Objective == ScheduleObjective.Energy) Line($"energy: {result.EnergyJ:F6} J (objective)");
        else if (result.EnergyJ is double e) Line($"energy: {e:F6} J");
        foreach (DnnSchedule d in result.Dnns)
        {
            DnnChain chain = problem.Dnns.First(c => c.Name == d.Name);
            Line($"{d.Name}: ends {d.EndMs:F6} ms; {d.Switches} switch(es); QoS loss {d.QosLoss:0.######}{(chain.QosBudget is double qb ? FormattableString.Invariant($" of budget {qb:0.######}") : "")}");
            int width = Math.Max(5, d.Groups.Max(g => g.Group.Length));
            int devWidth = Math.Max(6, d.Groups.Max(g => g.Device.Length));
            int knobWidth = Math.Max(4, d.Groups.Max(g => g.Knob.Length));
            s.Append("  ").Append("group".PadRight(width)).Append("  ").Append("device".PadRight(devWidth)).Append("  ").Append("knob".PadRight(knobWidth)).Append("      start ms        end ms\n");
            foreach (GroupPlacement g in d.Groups)
            {
                s.Append("  ").Append(g.Group.PadRight(width)).Append("  ").Append(g.Device.PadRight(devWidth)).Append("  ").Append(g.Knob.PadRight(knobWidth))
                    .Append(g.StartMs.ToString("F6", CultureInfo.InvariantCulture).PadLeft(14)).Append(g.EndMs.ToString("F6", CultureInfo.InvariantCulture).PadLeft(14)).Append('\n');
            }
        }
        return s.ToString();
    }

    internal static string Semantics(ScheduleProblem p) => p.Semantics == ScheduleSemantics.HaxConn ? "HaX-CoNN's formulation" : "Knobs' semantics";
}
