using System;
using System.Collections.Generic;
using Google.OrTools.LinearSolver;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// A lower bound on the makespan from a linear relaxation (Google OR-Tools GLOP): every group picks its options
/// fractionally (shares summing to 1, QoS budgets kept); the makespan is at least every device's busy time and every
/// DNN's chain length (transitions, switch limits and waiting left out, as they only lengthen a schedule). The chain
/// of one DNN and the work all DNNs put on a device are what bound these problems; CP-SAT's own relaxation, which
/// sees the no-overlap constraints one interval at a time, finds only the first of the two.
/// </summary>
internal static class MakespanBound
{
    /// <summary>The bound in ticks (0 when the relaxation cannot be solved, which never makes it wrong).</summary>
    public static long Ticks(CompiledProblem cp)
    {
        using Solver lp = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools' GLOP solver is not available");
        Variable t = lp.MakeNumVar(0, double.PositiveInfinity, "T");
        var load = new Constraint[cp.DeviceCount];
        for (int d = 0; d < cp.DeviceCount; d++)
        {
            load[d] = lp.MakeConstraint(double.NegativeInfinity, 0, $"load_{d}");
            load[d].SetCoefficient(t, -1);
        }
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            Constraint chain = lp.MakeConstraint(double.NegativeInfinity, 0, $"chain_{k}");
            chain.SetCoefficient(t, -1);
            Constraint? qos = dnn.QosBudgetUnits is long b ? lp.MakeConstraint(double.NegativeInfinity, b, $"qos_{k}") : null;
            int last = dnn.Groups.Length - 1;
            // Chain weight of an option: its Pred toward the next group, its Succ from the previous one, Finish if last.
            for (int i = 0; i <= last; i++)
            {
                CompiledOption[] options = dnn.Groups[i].Options;
                Constraint one = lp.MakeConstraint(1, 1, $"one_{k}_{i}");
                for (int o = 0; o < options.Length; o++)
                {
                    CompiledOption opt = options[o];
                    Variable x = lp.MakeNumVar(0, 1, $"x_{k}_{i}_{o}");
                    one.SetCoefficient(x, 1);
                    load[opt.Device].SetCoefficient(x, opt.IntervalTicks);
                    double w = (i < last ? opt.PredTicks : opt.FinishTicks) + (i > 0 ? opt.SuccTicks : 0);
                    chain.SetCoefficient(x, w);
                    if (qos is not null && opt.QosUnits != 0) qos.SetCoefficient(x, opt.QosUnits);
                }
            }
        }
        Objective objective = lp.Objective();
        objective.SetCoefficient(t, 1);
        objective.SetMinimization();
        if (lp.Solve() != Solver.ResultStatus.OPTIMAL) return 0;
        // GLOP works to a tolerance: give away a millionth before rounding up to whole ticks.
        return Math.Max(0, (long)Math.Ceiling(objective.Value() * (1 - 1e-6) - 1e-6));
    }
}
