using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Scheduling.Model;
using Microsoft.Z3;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// Z3 with HaX-CoNN's own formulation, written out as its script writes it (any number of DNNs and devices): a device
/// variable and a real start per group; chain constraints whose predecessor duration is taken on the successor's device and
/// slowed; pairwise exclusivity between groups of different DNNs on one device with raw times; at most one switch per DNN;
/// minimise the latest raw end. Times are exact rationals of the problem's ms values (no time resolution). Z3's Optimize
/// gives a schedule; then a plain Solver proves it optimal by showing that no schedule is shorter, improving the schedule
/// while it finds one (HaX-CoNN's reference data records Optimize returning non-optimal values under Z3 4.8.12).
/// </summary>
public static class Z3HaxConnScheduler
{
    /// <summary>Solves <paramref name="problem"/>, which must use <see cref="ScheduleSemantics.HaxConn"/> and minimise the makespan.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="timeLimitSeconds">Z3's timeout for each check, in seconds (wall clock).</param>
    public static ScheduleResult Solve(ScheduleProblem problem, double timeLimitSeconds = 60)
    {
        if (problem.Semantics != ScheduleSemantics.HaxConn)
            throw new ScheduleInputException(problem.Source, "semantics", "the Z3 solver reproduces HaX-CoNN's own formulation only; use CP-SAT for Knobs' semantics");
        if (problem.Objective != ScheduleObjective.Makespan)
            throw new ScheduleInputException(problem.Source, "objective", "HaX-CoNN's formulation minimises the makespan; use CP-SAT to minimise energy");
        if (!(timeLimitSeconds > 0)) throw new ScheduleInputException(problem.Source, "time_limit", "the time limit must be a positive number of seconds");
        var cp = CompiledProblem.Compile(problem);
        try
        {
            return SolveCompiled(cp, timeLimitSeconds);
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("Z3's native library (libz3) was not found: the Microsoft.Z3 package ships none for Linux, so install it " +
                "(Debian/Ubuntu: apt-get install libz3-4) or put libz3.so on the library path. " + e.Message, e);
        }
    }

    private static ScheduleResult SolveCompiled(CompiledProblem cp, double timeLimitSeconds)
    {
        using var ctx = new Context(new Dictionary<string, string> { ["model"] = "true" });
        uint timeoutMs = (uint)Math.Min(uint.MaxValue, Math.Ceiling(timeLimitSeconds * 1000));
        int devices = cp.DeviceCount;
        var dev = new IntExpr[cp.Dnns.Length][];
        var start = new ArithExpr[cp.Dnns.Length][];
        var constraints = new List<BoolExpr>();
        RealExpr makespan = ctx.MkRealConst("makespan");
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            int n = dnn.Groups.Length;
            dev[k] = new IntExpr[n];
            start[k] = new ArithExpr[n];
            for (int i = 0; i < n; i++)
            {
                dev[k][i] = ctx.MkIntConst($"acc_nn{k}_{i}");
                start[k][i] = ctx.MkRealConst($"start_nn{k}_{i}");
                constraints.Add(ctx.MkAnd(ctx.MkGe(dev[k][i], ctx.MkInt(0)), ctx.MkLt(dev[k][i], ctx.MkInt(devices))));
            }
            constraints.Add(ctx.MkGe(start[k][0], ctx.MkReal(0)));
            for (int i = 1; i < n; i++)
            {
                // start[i] ≥ start[i−1] + (switch ? trans : 0) + slowed time of i−1 on the device of i.
                ArithExpr gap = ctx.MkReal(0);
                for (int u = 0; u < devices; u++)
                    for (int v = 0; v < devices; v++)
                        if (u != v && dnn.TransMs[i - 1][u, v] != 0)
                            gap = ctx.MkAdd(gap, (ArithExpr)ctx.MkITE(ctx.MkAnd(ctx.MkEq(dev[k][i - 1], ctx.MkInt(u)), ctx.MkEq(dev[k][i], ctx.MkInt(v))), Real(ctx, dnn.TransMs[i - 1][u, v]), ctx.MkReal(0)));
                foreach (CompiledOption o in dnn.Groups[i].Options)
                    gap = ctx.MkAdd(gap, (ArithExpr)ctx.MkITE(ctx.MkEq(dev[k][i], ctx.MkInt(o.Device)), Real(ctx, o.SuccMs), ctx.MkReal(0)));
                constraints.Add(ctx.MkGe(start[k][i], ctx.MkAdd(start[k][i - 1], gap)));
            }
            // At most one switch (or none): once the device changes it stays.
            int maxSwitches = cp.Problem.MaxSwitchesPerDnn ?? 1;
            for (int i = 1; i < n; i++)
            {
                BoolExpr switched = ctx.MkNot(ctx.MkEq(dev[k][i - 1], dev[k][i]));
                if (maxSwitches == 0) constraints.Add(ctx.MkNot(switched));
                else
                    for (int j = i + 1; j < n; j++) constraints.Add(ctx.MkImplies(switched, ctx.MkEq(dev[k][j], dev[k][i])));
            }
            int last = n - 1;
            ArithExpr end = start[k][last];
            foreach (CompiledOption o in dnn.Groups[last].Options)
                end = ctx.MkAdd(end, (ArithExpr)ctx.MkITE(ctx.MkEq(dev[k][last], ctx.MkInt(o.Device)), Real(ctx, o.FinishMs), ctx.MkReal(0)));
            constraints.Add(ctx.MkGe(makespan, end));
        }
        // Exclusivity with raw times, between groups of different DNNs on the same device.
        for (int k1 = 0; k1 < cp.Dnns.Length; k1++)
            for (int k2 = k1 + 1; k2 < cp.Dnns.Length; k2++)
                for (int i = 0; i < cp.Dnns[k1].Groups.Length; i++)
                    for (int j = 0; j < cp.Dnns[k2].Groups.Length; j++)
                        foreach (CompiledOption a in cp.Dnns[k1].Groups[i].Options)
                        {
                            CompiledOption b = Array.Find(cp.Dnns[k2].Groups[j].Options, o => o.Device == a.Device)!;
                            constraints.Add(ctx.MkImplies(
                                ctx.MkAnd(ctx.MkEq(dev[k1][i], ctx.MkInt(a.Device)), ctx.MkEq(dev[k2][j], ctx.MkInt(a.Device))),
                                ctx.MkOr(ctx.MkLe(ctx.MkAdd(start[k1][i], Real(ctx, a.IntervalMs)), start[k2][j]),
                                         ctx.MkLe(ctx.MkAdd(start[k2][j], Real(ctx, b.IntervalMs)), start[k1][i]))));
                        }

        var opt = ctx.MkOptimize();
        Params p = ctx.MkParams();
        p.Add("timeout", timeoutMs);
        opt.Parameters = p;
        opt.Assert(constraints.ToArray());
        opt.MkMinimize(makespan);
        Status status = opt.Check();
        if (status == Status.UNSATISFIABLE) return Empty(cp, SolveStatus.Infeasible);
        if (status != Status.SATISFIABLE) return Empty(cp, SolveStatus.Unknown);
        Microsoft.Z3.Model best = opt.Model;

        // Prove it: is there a schedule strictly shorter? Improve while there is.
        var check = ctx.MkSolver();
        Params sp = ctx.MkParams();
        sp.Add("timeout", timeoutMs);
        check.Parameters = sp;
        check.Assert(constraints.ToArray());
        bool proven = false;
        while (true)
        {
            RatNum bestValue = (RatNum)best.Evaluate(makespan, true);
            Status s = check.Check(ctx.MkLt(makespan, bestValue));
            if (s == Status.UNSATISFIABLE)
            {
                proven = true;
                break;
            }
            if (s != Status.SATISFIABLE) break;
            best = check.Model;
        }

        var choice = new int[cp.Dnns.Length][];
        var starts = new IReadOnlyList<double>[cp.Dnns.Length];
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            choice[k] = new int[cp.Dnns[k].Groups.Length];
            var s = new double[choice[k].Length];
            for (int i = 0; i < s.Length; i++)
            {
                int d = ((IntNum)best.Evaluate(dev[k][i], true)).Int;
                choice[k][i] = Array.FindIndex(cp.Dnns[k].Groups[i].Options, o => o.Device == d);
                s[i] = ToDouble((RatNum)best.Evaluate(start[k][i], true));
            }
            starts[k] = s;
        }
        double value = ToDouble((RatNum)best.Evaluate(makespan, true));
        var order = ScheduleEvaluator.OrderFromStarts(cp, choice, starts);
        return ScheduleEvaluator.Result(cp, "z3", proven ? SolveStatus.Optimal : SolveStatus.Feasible, value, proven ? value : null, choice, order);
    }

    private static ScheduleResult Empty(CompiledProblem cp, SolveStatus status)
        => new("z3", status, ScheduleObjective.Makespan, null, null, null, null, null, null, cp.Resolution, Array.Empty<DnnSchedule>());

    // The double's shortest round-trip decimal as an exact rational (Z3 reads decimals, not exponents).
    private static RatNum Real(Context ctx, double ms)
    {
        string s = ms.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal)) s = ((decimal)ms).ToString(CultureInfo.InvariantCulture);
        return ctx.MkReal(s);
    }

    private static double ToDouble(RatNum r)
        => (double)r.BigIntNumerator / (double)r.BigIntDenominator;
}
