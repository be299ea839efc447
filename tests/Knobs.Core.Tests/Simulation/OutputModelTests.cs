using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

/// <summary>
/// A configuration's accuracy loss predicted by the output model, beside the additive one: the reference's class scores
/// on the labelled inputs plus each approximated node's change to them (with that node alone approximated), scored
/// against the labels.
/// </summary>
public sealed class OutputModelTests
{
    private const string Fp32Line = "conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1";
    private const string Perf = "conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1";
    private const string Samp = "conv samp 231 add fp32 1 tanh fp32 1 pool_max fp32 1";
    private const string Tail = "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n";

    // Four images of two classes, labels 0 1 0 1; the reference gets all four right (100 %).
    private static readonly int[] Labels = { 0, 1, 0, 1 };
    private static readonly float[] Reference = { 0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f, 0.4f, 0.6f };

    // perf_121 on node 1 or node 2 alone pushes image 0 to 0.45/0.55 (wrong: 25 points each); samp_231 on node 1 pushes
    // image 2 to 0.6/0.4 (still right: 0 points). Both perf nodes together move the same image twice, so it is still
    // one image wrong (25 points) where the additive model says 50.
    private static float[] Moved(int image, float zero, float one)
    {
        var s = (float[])Reference.Clone();
        s[2 * image] = zero;
        s[2 * image + 1] = one;
        return s;
    }

    private static LookupTable Table(bool withScores = true, bool withReference = true, int[]? shortNode = null, NodeAccuracy? perfNode2 = null)
    {
        float[]? Scores(float[] s) => withScores ? s : null;
        var nodes = new Dictionary<string, NodeAccuracy[]?>
        {
            ["fp32"] = Array.Empty<NodeAccuracy>(),
            ["fp16"] = null,
            ["perf"] = new[] { new NodeAccuracy(1, 75, 25, Scores(Moved(0, 0.45f, 0.55f))), perfNode2 ?? new NodeAccuracy(2, 75, 25, Scores(shortNode is null ? Moved(0, 0.45f, 0.55f) : new float[] { 1, 0 })) },
            ["perf_fp16"] = null,
            ["samp"] = new[] { new NodeAccuracy(1, 100, 0, Scores(Moved(2, 0.6f, 0.4f))) },
        };
        var profiles = SampleTables.Knobs.Select(k =>
        {
            Profile p = SampleTables.Profile(k.Approx, k.Id);
            QosRecord q = p.Qos!;
            var qos = new QosRecord(q.Reference, q.RelL2, q.MaxAbs, q.Psnr, q.Top1, 100, 0)
            {
                Nodes = nodes[k.Approx],
                Labelled = k.Approx == "fp32" && withReference ? new LabelledOutputs(2, Labels, Reference) : null,
            };
            return (k.Approx + ".jsonl", new Profile(p.Header, p.Ops, qos, p.Summary));
        });
        return Assert.Single(TableBuilder.Build(profiles).Tables);
    }

    private static IReadOnlyList<ConfigurationPrediction> Simulate(LookupTable table, params (string Node1, string Node2)[] configurations)
    {
        string text = "282.5\n" + string.Concat(configurations.Select((c, i) => $"+++++\nconf{i + 1} 1 1 90 0\n1 gpu {c.Node1}\n2 gpu {c.Node2}\n{Tail}-----\n"));
        var simulator = new Simulator(table);
        ConfigurationReadResult read = ConfigurationReader.Parse(text, "confs.txt", simulator.ReaderOptions());
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        SimulationResult result = simulator.Simulate(read.File!, SimulatorTests.GpuOnCpu);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Predictions;
    }

    [Fact]
    public void TwoNodesThatHurtTheSameImageLoseItOnceWhereTheAdditiveModelCountsItTwice()
    {
        IReadOnlyList<ConfigurationPrediction> p = Simulate(Table(), (Fp32Line, Fp32Line), (Perf, Fp32Line), (Perf, Perf), (Samp, Perf));

        Assert.Equal(new double?[] { 0, 25, 25, 25 }, p.Select(x => x.OutputModelAccuracyLoss));
        Assert.Equal(new double?[] { 0, 25, 50, 25 }, p.Select(x => x.PredictedAccuracyLoss));
    }

    [Fact]
    public void ChangesThatAreHarmlessAloneCanAddUpToAWrongClass()
    {
        // samp_231 on node 1 moves image 2 from 0.7/0.3 to 0.6/0.4, perf_121 on node 2 to 0.55/0.45: each alone keeps it
        // right (0 points, and 0 added up), together they move it to 0.45/0.55.
        LookupTable table = Table(perfNode2: new NodeAccuracy(2, 100, 0, Moved(2, 0.55f, 0.45f)));
        ConfigurationPrediction p = Simulate(table, (Samp, Perf))[0];

        Assert.Equal(25.0, p.OutputModelAccuracyLoss!.Value, 9);
        Assert.Equal(0.0, p.PredictedAccuracyLoss);
    }

    [Fact]
    public void WithoutTheReferencesScoresOnlyTheAdditiveModelPredicts()
    {
        ConfigurationPrediction p = Simulate(Table(withReference: false), (Perf, Perf))[0];

        Assert.Equal(50.0, p.PredictedAccuracyLoss);
        Assert.Null(p.OutputModelAccuracyLoss);
    }

    [Fact]
    public void AUsedNodeWithoutScoresOrWithScoresOfAnotherSizeLeavesTheOutputModelOut()
    {
        Assert.Null(Simulate(Table(withScores: false), (Perf, Fp32Line))[0].OutputModelAccuracyLoss);
        IReadOnlyList<ConfigurationPrediction> p = Simulate(Table(shortNode: new int[0]), (Perf, Fp32Line), (Perf, Perf));
        Assert.Equal(25.0, p[0].OutputModelAccuracyLoss);
        Assert.Null(p[1].OutputModelAccuracyLoss);
        Assert.Equal(50.0, p[1].PredictedAccuracyLoss);
    }

    [Fact]
    public void ValidationGivesTheAdditiveModelsFiguresThenTheOutputModels()
    {
        LookupTable table = Table();
        string text = "282.5\n+++++\nconf1 1 1 90 0\n1 gpu " + Perf + "\n2 gpu " + Fp32Line + "\n" + Tail + "-----\n"
            + "+++++\nconf2 1 1 90 0\n1 gpu " + Samp + "\n2 gpu " + Fp32Line + "\n" + Tail + "-----\n";
        var simulator = new Simulator(table);
        SimulationResult sim = simulator.Simulate(ConfigurationReader.Parse(text, "c.txt", simulator.ReaderOptions()).File!, SimulatorTests.GpuOnCpu);
        (string, Profile) Measured(string name, int index, string knob, int id, double loss)
        {
            (string path, Profile p) = ValidationTests.Measured(name, index, knob, id, 28.0);
            return (path, new Profile(p.Header, p.Ops, new QosRecord("fp32_11", 0.01, 0.01, null, null, 100 - loss, loss), p.Summary));
        }
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf1", 1, "perf", 121, 25), Measured("conf2", 2, "samp", 231, 2.5) });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));

        Assert.Equal("accuracy loss (additive model): predicted within 1 percentage point for 1 of 2 configuration(s) (50 %); mean |error| 1.25, max 2.50 points (conf2)"
            + "; the output model: predicted within 1 percentage point for 1 of 2 configuration(s) (50 %); mean |error| 1.25, max 2.50 points (conf2)",
            report.DescribeAccuracy());
    }

    [Fact]
    public void ScoresAndLabelsSurviveTheProfileAndTheJsonTableBitForBit()
    {
        LookupTable table = Table();
        string json = TableJsonWriter.ToText(table);
        LookupTable back = TableJsonReader.Parse(json, "t.json");
        LabelledOutputs labelled = back.Knobs[back.KnobIndex("fp32")].Qos!.Labelled!;

        Assert.Equal(2, labelled.Classes);
        Assert.Equal(Labels, labelled.Labels);
        Assert.Equal(Reference, labelled.Scores);
        Assert.Equal(new[] { 0.45f, 0.55f }, back.Knobs[back.KnobIndex("perf_121")].Qos!.Nodes![0].Scores!.Take(2));
        Assert.Null(back.Knobs[back.KnobIndex("perf_121")].Qos!.Labelled);
        Assert.Equal(json, TableJsonWriter.ToText(back));
    }

    private static string ProfileText()
    {
        Profile p = SampleTables.Profile("fp32", 11);
        QosRecord q = p.Qos!;
        var qos = new QosRecord(q.Reference, q.RelL2, q.MaxAbs, q.Psnr, q.Top1, 100, 0)
        {
            Nodes = new[] { new NodeAccuracy(1, 75, 25, new[] { 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f }) },
            Labelled = new LabelledOutputs(2, Labels, Reference),
        };
        return ProfileWriter.ToText(new Profile(p.Header, p.Ops, qos, p.Summary));
    }

    [Theory]
    [InlineData("classes", "0", "field 'labelled.classes' is 0, but a count of classes must be from 1")]
    [InlineData("classes", "1", "label 1 of image 1 is not a class 0–0")]
    [InlineData("labels", "\"!\"", "'labelled.labels' is not base64 text")]
    [InlineData("labels", "\"\"", "'labelled.labels' is empty")]
    [InlineData("labels", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", "holds 8 scores, not 6 images × 2 classes")]
    [InlineData("scores", "\"AAA=\"", "decodes to 2 bytes, not a whole number of 4-byte values")]
    [InlineData("scores", "\"AADAfw==\"", "value 0 is NaN; scores are finite numbers")]
    public void ABrokenLabelledRecordNamesItsFieldAndWhatIsWrong(string field, string value, string message)
    {
        string text = ProfileText();
        int labelled = text.IndexOf("\"labelled\":{", StringComparison.Ordinal);
        int at = text.IndexOf("\"" + field + "\":", labelled, StringComparison.Ordinal) + field.Length + 3;
        int end = at;
        while (text[end] != ',' && text[end] != '}') end++;
        string broken = text[..at] + value + text[end..];
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(broken), "p.profile.jsonl"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ANodesScoresThatAreNotBase64NameTheField()
    {
        string text = ProfileText();
        int at = text.IndexOf("\"scores\":\"", StringComparison.Ordinal) + 10;
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(text[..at] + "#" + text[(at + 1)..]), "p.profile.jsonl"));
        Assert.Contains("'nodes[0].scores' is not base64 text", e.Message);
    }
}
