using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Knobs.Scheduling.HaxConn;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Benchmarks.Schedule;

/// <summary>
/// <c>schedule [--instances 6] [--time-limit 2] [--workers 1] [--cpsat "PARAMS"]</c>: solves seeded random problems of 4 DNNs × 40 layer groups × 3 devices
/// (Knobs' semantics, PCCS-style contention, 0.01 ms steps; half of them with a faster knob on 30 % of the group/device pairs
/// and a QoS budget per DNN) with CP-SAT (1 worker, fixed seed, deterministic time limit), once to a 1 % gap and once to
/// prove optimality, and prints the wall time, status, makespan and gap of each; then HaX-CoNN's published instance with
/// CP-SAT and Z3. Goal: optimal or gap ≤ 1 % in &lt; 10 s on this 2-core machine.
/// </summary>
public static class ScheduleSuite
{
    public static int Run(string[] args)
    {
        int instances = int.Parse(SuiteArguments.Option(args, "--instances", "6"), CultureInfo.InvariantCulture);
        double limit = double.Parse(SuiteArguments.Option(args, "--time-limit", "2"), CultureInfo.InvariantCulture);
        int workers = int.Parse(SuiteArguments.Option(args, "--workers", "1"), CultureInfo.InvariantCulture);
        string extra = SuiteArguments.Option(args, "--cpsat", "");
        Console.WriteLine($"schedule: CPU {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical cores, load average {MachineInfo.LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine(FormattableString.Invariant($"CP-SAT (OR-Tools 9.15): {workers} worker(s){(workers > 1 ? " interleaved" : "")}, seed 1, deterministic time limit {limit} s{(extra.Length > 0 ? ", " + extra : "")}; time resolution 1 µs; wall times include the relaxation bound, the greedy first schedule and building the model"));
        Console.WriteLine();
        Console.WriteLine($"{"problem",-34} {"target",-8} {"wall s",7} {"status",-9} {"makespan ms",12} {"bound ms",10} {"gap %",7}");
        int met = 0;
        for (int seed = 1; seed <= instances; seed++)
        {
            bool knobs = seed % 2 == 0;
            var shape = new RandomShape(4, 40, 3, ScheduleSemantics.Knobs, knobs ? 0.3 : 0, null, knobs);
            ScheduleProblem p = RandomProblems.Make(seed, shape);
            string name = $"4x40x3 seed {seed}{(knobs ? " +knobs" : "")}";
            bool ok = false;
            foreach (double gap in new[] { 0.01, 0.0 })
            {
                var watch = Stopwatch.StartNew();
                ScheduleResult r = CpSatScheduler.Solve(p, new CpSatSettings(limit, workers, RelativeGapLimit: gap, Extra: extra));
                double wall = watch.Elapsed.TotalSeconds;
                Row(name, gap > 0 ? "gap 1%" : "optimal", wall, r);
                if (gap > 0 && wall < 10 && (r.Status == SolveStatus.Optimal || r.Gap <= 0.01)) ok = true;
            }
            if (ok) met++;
        }
        Console.WriteLine();
        Console.WriteLine($"goal (optimal or gap ≤ 1 % in < 10 s wall): met on {met} of {instances} problems");
        Console.WriteLine();

        string file = Path.Combine(SuiteArguments.RepoRoot(), "tests", "data", "anchors", "haxconn", "instances.json");
        ScheduleProblem published = HaxConnInstanceReader.Load(file);
        var w = Stopwatch.StartNew();
        ScheduleResult cpsat = CpSatScheduler.Solve(published, new CpSatSettings(limit));
        Row("HaX-CoNN published, CP-SAT", "optimal", w.Elapsed.TotalSeconds, cpsat);
        w.Restart();
        ScheduleResult z3 = Z3HaxConnScheduler.Solve(published, 60);
        Row("HaX-CoNN published, Z3", "optimal", w.Elapsed.TotalSeconds, z3);
        Console.WriteLine(FormattableString.Invariant($"HaX-CoNN's optimum (reference data): 4.469125 ms; load average after: {MachineInfo.LoadAverage()}"));
        return 0;
    }

    private static void Row(string name, string target, double wall, ScheduleResult r)
    {
        string gap = r.Gap is double g ? (g * 100).ToString("F3", CultureInfo.InvariantCulture) : "-";
        string bound = r.Objective == ScheduleObjective.Makespan && r.BestBound is double b ? b.ToString("F3", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(FormattableString.Invariant(
            $"{name,-34} {target,-8} {wall,7:F2} {r.Status.ToString().ToLowerInvariant(),-9} {(r.MakespanMs is double m ? m.ToString("F6", CultureInfo.InvariantCulture) : "-"),12} {bound,10} {gap,7}"));
    }
}
