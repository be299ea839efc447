using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>
/// Z3 with HaX-CoNN's own formulation, written out as its script writes it (any number of DNNs and devices): a device
/// variable and a real start per group; chain constraints whose predecessor duration is taken on the successor's device and
/// slowed; pairwise exclusivity between groups of different DNNs on one device with raw times; at most one switch per DNN
/// (once the device changes it stays); minimise the latest raw end. Times are exact rationals of the problem's ms values (no
/// time resolution). The model goes to Z3 as an SMT-LIB2 script (<see cref="Script"/>); the makespan is bisected with plain
/// satisfiability checks (each bound in exact rationals) until a check proves that no schedule is strictly shorter than the best
/// found. Z3's optimiser is not used: HaX-CoNN's reference data records it returning non-optimal values under Z3 4.8.12.
/// </summary>
/// <remarks>
/// The script goes through <c>Z3_eval_smtlib2_string</c> of the Microsoft.Z3 package's native bindings rather than its object
/// API: the object API's context needs a libz3 of 4.12 or later (<c>Z3_enable_concurrent_dec_ref</c>), the package ships no
/// Linux libz3, and Debian's libz3-4 is 4.8.12. The text interface works with either.
/// </remarks>
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
        long timeoutMs = (long)Math.Min(int.MaxValue, Math.Ceiling(timeLimitSeconds * 1000));
        string model = ScriptOf(cp);
        var names = new List<string> { "makespan" };
        for (int k = 0; k < cp.Dnns.Length; k++)
            for (int i = 0; i < cp.Dnns[k].Groups.Length; i++)
            {
                names.Add(Acc(k, i));
                names.Add(Start(k, i));
            }
        string getValues = "(get-value (" + string.Join(" ", names) + "))\n";

        using var z3 = new Z3Text();
        z3.Eval($"(set-option :timeout {timeoutMs})\n" + model);
        // A get-value without a model is an error, and libz3's default error handler ends the process: ask only after sat.
        string verdict = z3.Eval("(check-sat)\n").Trim();
        if (verdict == "unsat") return Empty(cp, SolveStatus.Infeasible);
        if (verdict != "sat") return Empty(cp, SolveStatus.Unknown);
        Dictionary<string, BigRational> best = Z3Text.Values(z3.Eval(getValues));

        // Bisect between a proven lower bound and the best schedule, then prove that nothing is strictly shorter.
        var lower = new BigRational(0, 1);
        var close = BigRational.Parse("0.000000001");
        bool proven = false;
        while (true)
        {
            BigRational upper = best["makespan"];
            bool strict = (upper - lower).CompareTo(close) <= 0;
            BigRational probe = strict ? upper : BigRational.Half(lower + upper);
            string v = z3.Eval($"(push)\n(assert ({(strict ? "<" : "<=")} makespan {probe.ToSmt()}))\n(check-sat)\n").Trim();
            string? values = v == "sat" ? z3.Eval(getValues) : null;
            z3.Eval("(pop)\n");
            if (v == "unsat")
            {
                if (strict)
                {
                    proven = true;
                    break;
                }
                lower = probe;
                continue;
            }
            if (values is null) break;
            best = Z3Text.Values(values);
        }

        var choice = new int[cp.Dnns.Length][];
        var starts = new IReadOnlyList<double>[cp.Dnns.Length];
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            choice[k] = new int[cp.Dnns[k].Groups.Length];
            var s = new double[choice[k].Length];
            for (int i = 0; i < s.Length; i++)
            {
                int d = (int)best[Acc(k, i)].ToDouble();
                choice[k][i] = Array.FindIndex(cp.Dnns[k].Groups[i].Options, o => o.Device == d);
                s[i] = best[Start(k, i)].ToDouble();
            }
            starts[k] = s;
        }
        double value = best["makespan"].ToDouble();
        var order = ScheduleEvaluator.OrderFromStarts(cp, choice, starts);
        return ScheduleEvaluator.Result(cp, "z3", proven ? SolveStatus.Optimal : SolveStatus.Feasible, value, proven ? value : null, choice, order);
    }

    /// <summary>HaX-CoNN's formulation of <paramref name="problem"/> as SMT-LIB2 (declarations and assertions, no objective).</summary>
    public static string Script(ScheduleProblem problem) => ScriptOf(CompiledProblem.Compile(problem));

    private static string Acc(int k, int i) => $"acc_nn{k}_{i}";

    private static string Start(int k, int i) => $"start_nn{k}_{i}";

    internal static string ScriptOf(CompiledProblem cp)
    {
        var s = new StringBuilder();
        int devices = cp.DeviceCount;
        s.Append("(declare-const makespan Real)\n");
        for (int k = 0; k < cp.Dnns.Length; k++)
        {
            CompiledDnn dnn = cp.Dnns[k];
            int n = dnn.Groups.Length;
            s.Append("; ").Append(dnn.Name).Append('\n');
            for (int i = 0; i < n; i++)
            {
                s.Append($"(declare-const {Acc(k, i)} Int)\n(declare-const {Start(k, i)} Real)\n");
                s.Append($"(assert (and (>= {Acc(k, i)} 0) (< {Acc(k, i)} {devices})))\n");
            }
            s.Append($"(assert (>= {Start(k, 0)} 0.0))\n");
            for (int i = 1; i < n; i++)
            {
                // start[i] ≥ start[i−1] + (switch ? trans : 0) + slowed time of group i−1 on the device of group i.
                var terms = new List<string>();
                for (int u = 0; u < devices; u++)
                    for (int v = 0; v < devices; v++)
                        if (u != v && dnn.TransMs[i - 1][u, v] != 0)
                            terms.Add($"(ite (and (= {Acc(k, i - 1)} {u}) (= {Acc(k, i)} {v})) {Dec(dnn.TransMs[i - 1][u, v])} 0.0)");
                foreach (CompiledOption o in dnn.Groups[i].Options)
                    terms.Add($"(ite (= {Acc(k, i)} {o.Device}) {Dec(o.SuccMs)} 0.0)");
                s.Append($"(assert (>= {Start(k, i)} (+ {Start(k, i - 1)} {string.Join(" ", terms)})))\n");
            }
            int maxSwitches = cp.Problem.MaxSwitchesPerDnn ?? 1;
            for (int i = 1; i < n; i++)
            {
                if (maxSwitches == 0)
                {
                    s.Append($"(assert (= {Acc(k, i - 1)} {Acc(k, i)}))\n");
                    continue;
                }
                for (int j = i + 1; j < n; j++)
                    s.Append($"(assert (=> (not (= {Acc(k, i - 1)} {Acc(k, i)})) (= {Acc(k, j)} {Acc(k, i)})))\n");
            }
            int last = n - 1;
            string end = string.Join(" ", dnn.Groups[last].Options.Select(o => $"(ite (= {Acc(k, last)} {o.Device}) {Dec(o.FinishMs)} 0.0)"));
            s.Append($"(assert (>= makespan (+ {Start(k, last)} {end})))\n");
        }
        s.Append("; exclusivity on a device, raw times, between groups of different DNNs\n");
        for (int k1 = 0; k1 < cp.Dnns.Length; k1++)
            for (int k2 = k1 + 1; k2 < cp.Dnns.Length; k2++)
                for (int i = 0; i < cp.Dnns[k1].Groups.Length; i++)
                    for (int j = 0; j < cp.Dnns[k2].Groups.Length; j++)
                        foreach (CompiledOption a in cp.Dnns[k1].Groups[i].Options)
                        {
                            CompiledOption b = Array.Find(cp.Dnns[k2].Groups[j].Options, o => o.Device == a.Device)!;
                            s.Append($"(assert (=> (and (= {Acc(k1, i)} {a.Device}) (= {Acc(k2, j)} {a.Device})) (or (<= (+ {Start(k1, i)} {Dec(a.IntervalMs)}) {Start(k2, j)}) (<= (+ {Start(k2, j)} {Dec(b.IntervalMs)}) {Start(k1, i)}))))\n");
                        }
        return s.ToString();
    }

    private static ScheduleResult Empty(CompiledProblem cp, SolveStatus status)
        => new("z3", status, ScheduleObjective.Makespan, null, null, null, null, null, null, cp.Resolution, Array.Empty<DnnSchedule>());

    // The double's shortest round-trip decimal (SMT-LIB has no exponents), read by Z3 as an exact rational.
    private static string Dec(double ms)
    {
        string s = ms.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal)) s = ((decimal)ms).ToString(CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }
}
