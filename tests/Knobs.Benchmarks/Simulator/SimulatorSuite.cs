using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Knobs.Configurations;
using Knobs.Simulation;
using Knobs.Tables;
using SimulatorEngine = global::Knobs.Simulation.Simulator;

namespace Knobs.Benchmarks.Simulator;

/// <summary>
/// <c>simulator [--network resnet18_cifar10] [--configurations 10000] [--repeat 20]</c>: simulates a generated file of
/// random configurations over a real HPVM network's nodes and prints configurations per second and node-evaluations per
/// second, for the whole pipeline (read + resolve + evaluate) and for its parts. Goal: ≥ 1 million node-evaluations per
/// second end to end (reading the text included).
/// </summary>
public static class SimulatorSuite
{
    // HPVM's tuner files write gpu on every line; the suite predicts them from the CPU table.
    private static readonly SimulationOptions GpuOnCpu = new() { GpuOnCpu = true };

    public static int Run(string[] args)
    {
        string network = SuiteArguments.Option(args, "--network", "resnet18_cifar10");
        int count = int.Parse(SuiteArguments.Option(args, "--configurations", "10000"), CultureInfo.InvariantCulture);
        int repeat = int.Parse(SuiteArguments.Option(args, "--repeat", "20"), CultureInfo.InvariantCulture);
        string confs = Path.Combine(SuiteArguments.RepoRoot(), "tests", "data", "hpvm", "tuner_confs", network + ".txt");
        IReadOnlyList<IReadOnlyList<string>> nodes = SyntheticNetwork.NodesOf(confs);
        LookupTable table = SyntheticNetwork.Table(network, nodes);
        string text = SyntheticNetwork.Configurations(nodes, count, seed: 42);
        var simulator = new SimulatorEngine(table);
        Console.WriteLine(FormattableString.Invariant(
            $"simulator: {network}, {nodes.Count} nodes, {table.Knobs.Count} knobs, {count} configurations ({text.Length / 1024} KiB)"));

        // Whole pipeline, as `-t:Simulate` runs it: parse, resolve, evaluate. The first run in a fresh process includes
        // JIT compilation (tier 0, then tier 1 once methods are hot); the steady state is measured after a warm-up of
        // at least 1 s and 5 runs.
        var watch = Stopwatch.StartNew();
        SimulationResult result = FullPipeline(simulator, text);
        watch.Stop();
        if (result.HasErrors)
        {
            foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
            return 1;
        }
        Report("first run (JIT included)", count, nodes.Count, watch.Elapsed.TotalSeconds);
        watch.Restart();
        for (int i = 0; i < 5 || watch.Elapsed.TotalSeconds < 1; i++) FullPipeline(simulator, text);
        int pipelineRuns = Math.Max(3, repeat / 4);
        watch.Restart();
        for (int i = 0; i < pipelineRuns; i++) FullPipeline(simulator, text);
        watch.Stop();
        double pipelineSeconds = watch.Elapsed.TotalSeconds / pipelineRuns;
        Report("read + resolve + evaluate", count, nodes.Count, pipelineSeconds);

        ConfigurationReaderOptions readerOptions = simulator.ReaderOptions();
        ConfigurationReader.Parse(text, "generated.txt", readerOptions);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        watch.Restart();
        ConfigurationFile file = ConfigurationReader.Parse(text, "generated.txt", readerOptions).File!;
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Report("read", count, nodes.Count, watch.Elapsed.TotalSeconds);
        Console.WriteLine(FormattableString.Invariant(
            $"    read allocated {allocated / 1048576.0:F1} MiB ({allocated / (count * (double)nodes.Count):F0} bytes per node line), {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2 collections"));
        simulator.Simulate(file, GpuOnCpu);
        watch.Restart();
        for (int i = 0; i < repeat; i++) simulator.Simulate(file, GpuOnCpu);
        watch.Stop();
        double simulateSeconds = watch.Elapsed.TotalSeconds / repeat;
        Report("resolve + evaluate", count, nodes.Count, simulateSeconds);

        // Hot path: evaluation of prepared configurations.
        var diagnostics = new List<ConfigurationDiagnostic>();
        PreparedConfigurations prepared = simulator.Prepare(file, diagnostics, GpuOnCpu);
        var results = new Prediction[prepared.Count];
        simulator.Evaluate(prepared, results);
        watch.Restart();
        for (int i = 0; i < repeat; i++) simulator.Evaluate(prepared, results);
        watch.Stop();
        Report("evaluate (prepared)", count, nodes.Count, watch.Elapsed.TotalSeconds / repeat);

        // The goal is end to end: the text of a configuration file in, predictions out.
        double nodeEvalsPerSecond = count * (double)nodes.Count / pipelineSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"goal ≥ 1,000,000 node-evaluations/s end to end (read + resolve + evaluate): {(nodeEvalsPerSecond >= 1e6 ? "met" : "MISSED")} ({nodeEvalsPerSecond:N0}/s)"));
        return nodeEvalsPerSecond >= 1e6 ? 0 : 1;
    }

    private static SimulationResult FullPipeline(SimulatorEngine simulator, string text)
    {
        ConfigurationReadResult read = ConfigurationReader.Parse(text, "generated.txt", simulator.ReaderOptions());
        return simulator.Simulate(read.File ?? throw new InvalidOperationException(string.Join("\n", read.Diagnostics)), GpuOnCpu);
    }

    private static void Report(string what, int count, int nodes, double seconds) =>
        Console.WriteLine(FormattableString.Invariant(
            $"  {what,-26} {seconds * 1000,9:F2} ms per file  {count / seconds,12:N0} configurations/s  {count * (double)nodes / seconds,14:N0} node-evaluations/s"));
}
