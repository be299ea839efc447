using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

/// <summary>
/// A configuration's accuracy loss predicted by ApproxTuner's additive model: the sum of each node's loss under its knob
/// with only that node approximated, as the variants' profiles record it per node (<c>qos.nodes</c>).
/// </summary>
public sealed class AccuracyPredictionTests
{
    private const string Fp32Line = "conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1";
    private const string Tail = "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n";

    // perf_121 loses 1.5 points on node 1 and 2.25 on node 2; samp_231 0.5 on node 1 and nothing on node 2 (left out: it
    // does not change that node); fp16 has no per-node accuracy when nodes is null.
    private static LookupTable Table(bool fp16Nodes = true)
    {
        var losses = new Dictionary<string, NodeAccuracy[]?>
        {
            ["fp32"] = Array.Empty<NodeAccuracy>(),
            ["fp16"] = fp16Nodes ? new[] { new NodeAccuracy(1, 90, 0.25), new NodeAccuracy(2, 90, 0.25), new NodeAccuracy(3, 90, 0.25), new NodeAccuracy(4, 90, 0.25) } : null,
            ["perf"] = new[] { new NodeAccuracy(1, 88.75, 1.5), new NodeAccuracy(2, 88, 2.25) },
            ["perf_fp16"] = new[] { new NodeAccuracy(1, 88, 2.25) },
            ["samp"] = new[] { new NodeAccuracy(1, 89.75, 0.5) },
        };
        var profiles = SampleTables.Knobs.Select(k =>
        {
            Profile p = SampleTables.Profile(k.Approx, k.Id);
            QosRecord q = p.Qos!;
            var qos = new QosRecord(q.Reference, q.RelL2, q.MaxAbs, q.Psnr, q.Top1, 90.25, 0) { Nodes = losses[k.Approx] };
            return (k.Approx + ".jsonl", new Profile(p.Header, p.Ops, qos, p.Summary));
        });
        return Assert.Single(TableBuilder.Build(profiles).Tables);
    }

    private static IReadOnlyList<ConfigurationPrediction> Simulate(LookupTable table, params string[] node1And2)
    {
        string text = "282.5\n" + string.Concat(node1And2.Select((pair, i) => $"+++++\nconf{i + 1} 1 1 90 0\n{pair}{Tail}-----\n"));
        var simulator = new Simulator(table);
        ConfigurationReadResult read = ConfigurationReader.Parse(text, "confs.txt", simulator.ReaderOptions());
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        SimulationResult result = simulator.Simulate(read.File!, SimulatorTests.GpuOnCpu);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Predictions;
    }

    private static string Nodes(string node1, string node2) => $"1 gpu {node1}\n2 gpu {node2}\n";

    [Fact]
    public void TheLossIsTheSumOfEachApproximatedNodesOwnLoss()
    {
        IReadOnlyList<ConfigurationPrediction> p = Simulate(Table(),
            Nodes(Fp32Line, Fp32Line),
            Nodes("conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1", Fp32Line),
            Nodes("conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1", "conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1"),
            Nodes("conv samp 231 add fp32 1 tanh fp32 1 pool_max fp32 1", "conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1"));

        Assert.Equal(new double?[] { 0, 1.5, 3.75, 2.75 }, p.Select(x => x.PredictedAccuracyLoss));
    }

    [Fact]
    public void AKnobThatDoesNotChangeANodeAddsNothing()
    {
        // samp_231 has an entry for node 1 only.
        IReadOnlyList<ConfigurationPrediction> p = Simulate(Table(),
            Nodes(Fp32Line, "conv samp 231 add fp32 1 tanh fp32 1 pool_max fp32 1"));

        Assert.Equal(0.0, p[0].PredictedAccuracyLoss);
    }

    [Fact]
    public void AKnobWithoutPerNodeAccuracyLeavesTheLossUnpredicted()
    {
        IReadOnlyList<ConfigurationPrediction> p = Simulate(Table(fp16Nodes: false),
            Nodes("conv fp16 12 add fp16 1 tanh fp16 1 pool_max fp16 1", Fp32Line),
            Nodes("conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1", Fp32Line));

        Assert.Null(p[0].PredictedAccuracyLoss);
        Assert.Equal(1.5, p[1].PredictedAccuracyLoss);
    }

    [Fact]
    public void WithoutLabelledInputsNothingIsPredictedNotEvenForFp32()
    {
        IReadOnlyList<ConfigurationPrediction> p = Simulate(SampleTables.Build(), Nodes(Fp32Line, Fp32Line));

        Assert.Null(p[0].PredictedAccuracyLoss);
    }

    [Fact]
    public void ThePredictionIsTheLastColumnOfTheSimulatedCsvAndEmptyWhenNotPredicted()
    {
        var simulator = new Simulator(Table(fp16Nodes: false));
        string text = "282.5\n+++++\nconf1 1 1 90 0\n" + Nodes("conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1", Fp32Line) + Tail + "-----\n"
            + "+++++\nconf2 1 1 90 0\n" + Nodes("conv fp16 12 add fp16 1 tanh fp16 1 pool_max fp16 1", Fp32Line) + Tail + "-----\n";
        SimulationResult result = simulator.Simulate(ConfigurationReader.Parse(text, "c.txt", simulator.ReaderOptions()).File!, SimulatorTests.GpuOnCpu);
        string[] rows = SimulationWriter.ToCsv(result).TrimEnd('\n').Split('\n');

        Assert.EndsWith(",provenance,predicted_accuracy_loss", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",measured,1.5", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",measured,", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void PerNodeAccuracySurvivesTheProfileAndTheJsonTable()
    {
        LookupTable table = Table();
        LookupTable back = TableJsonReader.Parse(TableJsonWriter.ToText(table), "t.json");
        NodeAccuracy[] nodes = back.Knobs[back.KnobIndex("perf_121")].Qos!.Nodes!.ToArray();

        Assert.Equal(new[] { (1, 88.75, 1.5), (2, 88.0, 2.25) }, nodes.Select(n => (n.Node, n.Accuracy, n.AccuracyLoss)));
        Assert.Empty(back.Knobs[back.KnobIndex("fp32")].Qos!.Nodes!);
    }

    [Theory]
    [InlineData("{\"node\":0,\"accuracy\":90,\"accuracyLoss\":0.5}", "node")]
    [InlineData("{\"node\":1,\"accuracy\":101,\"accuracyLoss\":0.5}", "accuracy")]
    [InlineData("{\"node\":1,\"accuracy\":90}", "accuracyLoss")]
    [InlineData("{\"node\":1,\"accuracy\":90,\"accuracyLoss\":0.5},{\"node\":1,\"accuracy\":90,\"accuracyLoss\":0.5}", "node 1 appears twice")]
    public void ABadPerNodeEntryIsAnErrorNamingIt(string entries, string named)
    {
        LookupTable table = Table();
        string json = TableJsonWriter.ToText(table);
        int at = json.IndexOf("\"nodes\": [", StringComparison.Ordinal);
        int end = json.IndexOf(']', at);
        string broken = json.Substring(0, at) + "\"nodes\": [" + entries + "]" + json.Substring(end + 1);

        var e = Assert.Throws<TableFormatException>(() => TableJsonReader.Parse(broken, "t.json"));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
