using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Google.OrTools.Sat;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>Settings of a CP-SAT solve.</summary>
/// <param name="TimeLimitSeconds">CP-SAT's deterministic time limit (its own work measure, roughly seconds on a current CPU):
/// a deterministic limit keeps the answer identical from run to run, which a wall-clock limit would not.</param>
/// <param name="Workers">Search workers; above 1, the workers are interleaved deterministically.</param>
/// <param name="Seed">CP-SAT's random seed.</param>
/// <param name="RelativeGapLimit">Stop once (objective − bound) / objective is at most this (0: prove optimality).</param>
/// <param name="Extra">More CP-SAT parameters in its text format (for experiments).</param>
public sealed record CpSatSettings(double TimeLimitSeconds = 10, int Workers = 1, int Seed = 1, double RelativeGapLimit = 0, string Extra = "")
{
    internal string Parameters()
    {
        string p = string.Format(CultureInfo.InvariantCulture, "max_deterministic_time:{0} num_workers:{1} random_seed:{2} relative_gap_limit:{3} log_search_progress:false",
            TimeLimitSeconds, Workers, Seed, RelativeGapLimit);
        return (Workers > 1 ? p + " interleave_search:true" : p) + (Extra.Length > 0 ? " " + Extra : "");
    }
}

/// <summary>
/// Google OR-Tools CP-SAT: one Boolean per group option (exactly one per group), an integer start per group, an optional
/// interval per option on its device with one no-overlap constraint per device, one linear chain constraint per group
/// boundary (switch Booleans carry the transition costs), QoS budgets and switch limits as linear constraints, and the
/// makespan (or energy) as the objective. Times are integer ticks of the problem's time resolution.
/// </summary>
public static class CpSatScheduler
{
    /// <summary>Solves <paramref name="problem"/>.</summary>
    public static ScheduleResult Solve(ScheduleProblem problem, CpSatSettings? settings = null)
    {
        settings ??= new CpSatSettings();
        if (!(settings.TimeLimitSeconds > 0)) throw new ScheduleInputException(problem.Source, "time_limit", "the time limit must be a positive number of seconds");
        if (settings.Workers < 1) throw new ScheduleInputException(problem.Source, "workers", "CP-SAT needs at least one worker");
        var cp = CompiledProblem.Compile(problem);
        var model = new CpModel();
        long h = cp.HorizonTicks;
        var starts = new IntVar[cp.Dnns.Length][];
        var picks = new BoolVar[cp.Dnns.Length][][];
        var onDevice = new List<IntervalVar>[cp.DeviceCount];
        for (int d = 0; d < cp.DeviceCount; d++) onDevice[d] = new List<IntervalVar>();
        var makespan = model.NewIntVar(0, h, "makespan");
        var qosTerms = new List<(BoolVar, long)>();
        var energyTerms = LinearExpr.NewBuilder();
        var load = new LinearExprBuilder[cp.DeviceCount];
        for (int d = 0; d < cp.DeviceCount; d++) load[d] = LinearExpr.NewBuilder();

        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            starts[k] = new IntVar[dnn.Groups.Length];
            picks[k] = new BoolVar[dnn.Groups.Length][];
            var deviceOf = new ILiteral?[dnn.Groups.Length][];
            var switches = new List<BoolVar>();
            var qos = LinearExpr.NewBuilder();
            for (int i = 0; i < dnn.Groups.Length; i++)
            {
                CompiledGroup g = dnn.Groups[i];
                starts[k][i] = model.NewIntVar(0, h, $"s_{k}_{i}");
                picks[k][i] = new BoolVar[g.Options.Length];
                for (int o = 0; o < g.Options.Length; o++)
                {
                    CompiledOption opt = g.Options[o];
                    var x = model.NewBoolVar($"x_{k}_{i}_{o}");
                    picks[k][i][o] = x;
                    onDevice[opt.Device].Add(model.NewOptionalFixedSizeIntervalVar(starts[k][i], opt.IntervalTicks, x, $"iv_{k}_{i}_{o}"));
                    load[opt.Device].AddTerm(x, opt.IntervalTicks);
                    if (opt.QosUnits != 0) qos.AddTerm(x, opt.QosUnits);
                    if (opt.EnergyUnits != 0) energyTerms.AddTerm(x, opt.EnergyUnits);
                }
                model.AddExactlyOne(picks[k][i]);
                deviceOf[i] = DeviceLiterals(model, g, picks[k][i], cp.DeviceCount, k, i);

                if (i > 0)
                {
                    // start[i] − start[i−1] ≥ Σ pred·x(i−1) + Σ succ·x(i) + Σ trans·z(u→v)
                    var gap = LinearExpr.NewBuilder().Add(starts[k][i]).AddTerm(starts[k][i - 1], -1);
                    CompiledGroup prev = dnn.Groups[i - 1];
                    for (int o = 0; o < prev.Options.Length; o++) gap.AddTerm(picks[k][i - 1][o], -prev.Options[o].PredTicks);
                    for (int o = 0; o < g.Options.Length; o++) gap.AddTerm(picks[k][i][o], -g.Options[o].SuccTicks);
                    for (int u = 0; u < cp.DeviceCount; u++)
                        for (int v = 0; v < cp.DeviceCount; v++)
                        {
                            if (u == v || deviceOf[i - 1][u] is not ILiteral du || deviceOf[i][v] is not ILiteral dv) continue;
                            long cost = dnn.TransTicks[i - 1][u, v];
                            if (cost == 0 && problem.MaxSwitchesPerDnn is null) continue;
                            var z = model.NewBoolVar($"z_{k}_{i}_{u}_{v}");
                            model.AddBoolOr(new[] { du.Not(), dv.Not(), z });
                            model.AddImplication(z, du);
                            model.AddImplication(z, dv);
                            switches.Add(z);
                            if (cost != 0) gap.AddTerm(z, -cost);
                        }
                    model.Add(gap >= 0);
                }
            }
            if (problem.MaxSwitchesPerDnn is int max && switches.Count > 0) model.Add(LinearExpr.Sum(switches) <= max);
            if (dnn.QosBudgetUnits is long budget) model.Add(qos <= budget);
            int last = dnn.Groups.Length - 1;
            var end = LinearExpr.NewBuilder().Add(starts[k][last]);
            for (int o = 0; o < dnn.Groups[last].Options.Length; o++) end.AddTerm(picks[k][last][o], dnn.Groups[last].Options[o].FinishTicks);
            model.Add(makespan >= end);
        }
        for (int d = 0; d < cp.DeviceCount; d++)
        {
            if (onDevice[d].Count > 1) model.AddNoOverlap(onDevice[d]);
            // Redundant: a device's busy time fits before the makespan (gives the LP a load-balancing bound).
            if (onDevice[d].Count > 1) model.Add(load[d] <= makespan);
        }

        bool energy = problem.Objective == ScheduleObjective.Energy;
        if (energy)
        {
            if (cp.DeadlineTicks is long dl) model.Add(makespan <= dl);
            model.Minimize(energyTerms);
        }
        else
        {
            // The relaxation's bound, as a constraint: CP-SAT then proves a schedule that reaches it optimal, and its gap
            // is measured against it.
            long[][][] tails = ListScheduler.Tails(cp);
            long bound = Math.Max(MakespanBound.Ticks(cp), ListScheduler.ChainBound(tails));
            if (bound > 0) model.Add(makespan >= bound);
            // A greedy schedule as CP-SAT's first solution: its search then starts from a good makespan.
            if (ListScheduler.Solve(cp, tails) is TickSchedule first)
            {
                for (int k = 0; k < cp.Dnns.Length; k++)
                    for (int i = 0; i < cp.Dnns[k].Groups.Length; i++)
                    {
                        model.AddHint(starts[k][i], first.Starts[k][i]);
                        for (int o = 0; o < picks[k][i].Length; o++) model.AddHint(picks[k][i][o], o == first.Choice[k][i]);
                    }
                model.AddHint(makespan, first.MakespanTicks);
            }
            model.Minimize(makespan);
        }

        var solver = new CpSolver { StringParameters = settings.Parameters() };
        CpSolverStatus status = solver.Solve(model);
        if (status == CpSolverStatus.ModelInvalid) throw new InvalidOperationException("CP-SAT rejected the model: " + model.Validate());
        if (status is CpSolverStatus.Infeasible or CpSolverStatus.Unknown)
        {
            return new ScheduleResult("cpsat", status == CpSolverStatus.Infeasible ? SolveStatus.Infeasible : SolveStatus.Unknown, problem.Objective,
                null, status == CpSolverStatus.Unknown ? Scale(solver.BestObjectiveBound, energy, cp) : null, null, null, null, null, cp.Resolution, Array.Empty<DnnSchedule>());
        }
        var choice = new int[cp.Dnns.Length][];
        var startTicks = new IReadOnlyList<double>[cp.Dnns.Length];
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            choice[k] = new int[cp.Dnns[k].Groups.Length];
            var s = new double[choice[k].Length];
            for (int i = 0; i < choice[k].Length; i++)
            {
                choice[k][i] = Array.FindIndex(picks[k][i], x => solver.BooleanValue(x));
                s[i] = solver.Value(starts[k][i]);
            }
            startTicks[k] = s;
        }
        var order = ScheduleEvaluator.OrderFromStarts(cp, choice, startTicks);
        return ScheduleEvaluator.Result(cp, "cpsat", status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible,
            Scale(solver.ObjectiveValue, energy, cp), Scale(solver.BestObjectiveBound, energy, cp), choice, order);
    }

    private static double Scale(double value, bool energy, CompiledProblem cp) => energy ? value * ScheduleProblem.EnergyResolutionJ : value * cp.Resolution;

    // One literal per device saying "this group runs there" (null when it has no option there).
    private static ILiteral?[] DeviceLiterals(CpModel model, CompiledGroup g, BoolVar[] picks, int devices, int k, int i)
    {
        var result = new ILiteral?[devices];
        for (int d = 0; d < devices; d++)
        {
            var on = Enumerable.Range(0, g.Options.Length).Where(o => g.Options[o].Device == d).ToArray();
            if (on.Length == 1) result[d] = picks[on[0]];
            else if (on.Length > 1)
            {
                var b = model.NewBoolVar($"dev_{k}_{i}_{d}");
                model.Add(LinearExpr.Sum(on.Select(o => picks[o])) == b);
                result[d] = b;
            }
        }
        return result;
    }
}
