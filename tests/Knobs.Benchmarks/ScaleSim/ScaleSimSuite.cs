using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Accelerators.Systolic;

namespace Knobs.Benchmarks.ScaleSim;

/// <summary>
/// <c>scalesim [--repeat 30]</c>: times the SCALE-Sim-exact systolic model on the six anchor runs
/// (tests/data/anchors/scalesim/reports: arr32_{os,ws,is} × {alexnet_cifar10, lenet_mnist}), whole topology per call
/// (config and topology already read), and compares with SCALE-Sim's recorded wall time for the same run
/// (reports/scalesim-seconds.txt). Prints the first (cold, JIT included) call and the median of the repetitions after a
/// warm-up, and checks that every run's reports are byte-identical to SCALE-Sim's. Goal: ≥ 1000× faster.
/// </summary>
public static class ScaleSimSuite
{
    public static int Run(string[] args)
    {
        int repeat = int.Parse(SuiteArguments.Option(args, "--repeat", "30"), CultureInfo.InvariantCulture);
        string reports = Path.Combine(SuiteArguments.RepoRoot(), "tests", "data", "anchors", "scalesim", "reports");
        Dictionary<string, double> recorded = File.ReadAllLines(Path.Combine(reports, "scalesim-seconds.txt"))
            .Where(l => l.Contains("seconds="))
            .ToDictionary(l => l.Split(' ')[0], l => double.Parse(l.Split("seconds=")[1], CultureInfo.InvariantCulture));

        Console.WriteLine($"scalesim: CPU {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical cores, load average {MachineInfo.LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine($"median of {repeat} repetitions after a warm-up of 1 s; SCALE-Sim's seconds are one run of SCALE-Sim v2 on this machine");
        Console.WriteLine();
        Console.WriteLine($"{"run",-28} {"layers",6} {"first ms",9} {"median ms",10} {"SCALE-Sim s",12} {"speed-up",10}  reports");
        int failures = 0;
        double worst = double.MaxValue;
        foreach (string config in new[] { "arr32_os", "arr32_ws", "arr32_is" })
        {
            foreach (string topology in new[] { "alexnet_cifar10", "lenet_mnist" })
            {
                string run = config + "__" + topology;
                var cfg = ScaleSimConfig.Load(Path.Combine(reports, config + ".cfg"));
                IReadOnlyList<ConvLayer> layers = ScaleSimTopology.Load(Path.Combine(reports, topology + ".csv"), gemm: false);

                var watch = Stopwatch.StartNew();
                List<LayerResult> results = SimulateAll(cfg.Array, layers);
                double firstMs = watch.Elapsed.TotalMilliseconds;

                watch.Restart();
                for (int i = 0; i < 5 || watch.Elapsed.TotalSeconds < 1; i++) SimulateAll(cfg.Array, layers);
                var times = new double[repeat];
                for (int i = 0; i < repeat; i++)
                {
                    watch.Restart();
                    SimulateAll(cfg.Array, layers);
                    times[i] = watch.Elapsed.TotalMilliseconds;
                }
                Array.Sort(times);
                double median = repeat % 2 == 1 ? times[repeat / 2] : (times[repeat / 2 - 1] + times[repeat / 2]) / 2;

                bool identical = ReportsIdentical(reports, run, results);
                if (!identical) failures++;
                double seconds = recorded[run];
                double speedup = seconds * 1000 / median;
                worst = Math.Min(worst, speedup);
                Console.WriteLine(FormattableString.Invariant(
                    $"{run,-28} {layers.Count,6} {firstMs,9:F2} {median,10:F3} {seconds,12:F3} {speedup,9:F0}×  {(identical ? "identical" : "DIFFERENT")}"));
            }
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"smallest speed-up (median): {worst:F0}× (goal ≥ 1000×); load average after: {MachineInfo.LoadAverage()}"));
        return failures == 0 ? 0 : 1;
    }

    private static List<LayerResult> SimulateAll(SystolicArray array, IReadOnlyList<ConvLayer> layers)
    {
        var results = new List<LayerResult>(layers.Count);
        foreach (ConvLayer layer in layers) results.Add(SystolicSimulator.Simulate(array, layer));
        return results;
    }

    private static bool ReportsIdentical(string reports, string run, List<LayerResult> results)
        => ScaleSimReports.ComputeReport(results) == File.ReadAllText(Path.Combine(reports, run, "COMPUTE_REPORT.csv"))
           && ScaleSimReports.BandwidthReport(results) == File.ReadAllText(Path.Combine(reports, run, "BANDWIDTH_REPORT.csv"))
           && ScaleSimReports.DetailedAccessReport(results) == File.ReadAllText(Path.Combine(reports, run, "DETAILED_ACCESS_REPORT.csv"));
}
