using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

/// <summary>
/// The runner's accuracy on labelled inputs, with a template whose output is a fixed function of its input, so every
/// accuracy is known exactly: fp32_11 predicts the class written in each image's first pixel, perf_121 always predicts 0.
/// </summary>
public class AccuracyRunTests
{
    private static readonly float[] Predicted = { 0, 1, 2, 3, 0, 1, 2, 3 };
    // fp32 is right on images 0..5 (6 of 8 = 75 %); class 0 is the label of images 0, 4, 6, 7 (4 of 8 = 50 %).
    private static readonly int[] Labels = { 0, 1, 2, 3, 0, 1, 0, 0 };

    private static string[] Fast(string outDir) =>
        new[] { "--iterations", "3", "--warmup", "1", "--meter", "none", "--quiet", "--batch", "3", "--out", outDir };

    [Fact]
    public void EveryVariantRecordsItsAccuracyAndItsLossAgainstFp32()
    {
        using var dir = new TempDir();
        var registry = new FixedRegistry(WriteHpvmFiles(dir));
        RunOutcome r = RunOutcome.Of(registry, new[] { "run" }.Concat(Fast(dir.Combine("out"))).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);

        QosRecord fp32 = ProfileReader.Read(Path.Combine(dir.Combine("out"), "Fixed.fp32_11.profile.jsonl")).Qos!;
        QosRecord perf = ProfileReader.Read(Path.Combine(dir.Combine("out"), "Fixed.perf_121.profile.jsonl")).Qos!;
        Assert.Equal(75.0, fp32.Accuracy);
        Assert.Equal(0.0, fp32.AccuracyLoss);
        Assert.Equal(50.0, perf.Accuracy);
        Assert.Equal(25.0, perf.AccuracyLoss);
        // Per node, with only that node approximated: perf_121 changes the one node; fp32 changes none.
        NodeAccuracy node = Assert.Single(perf.Nodes!);
        Assert.Equal((1, 50.0, 25.0), (node.Node, node.Accuracy, node.AccuracyLoss));
        Assert.Empty(fp32.Nodes!);
        // The class scores behind those accuracies: the reference's, with the labels, in its own record; the node's, with
        // perf_121 on node 1 alone (one-hot class 0 for every image), in perf_121's.
        LabelledOutputs labelled = fp32.Labelled!;
        Assert.Equal(4, labelled.Classes);
        Assert.Equal(Labels, labelled.Labels);
        Assert.Equal(Predicted.SelectMany(c => Enumerable.Range(0, 4).Select(k => k == c ? 1f : 0f)), labelled.Scores);
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(_ => new[] { 1f, 0f, 0f, 0f }), node.Scores!);
        Assert.Null(perf.Labelled);
        // Batches of 3 over 8 images: 3, 3 and a last one of 2, for the baseline once and each variant once, on top of
        // the measured runs (batch 3 too).
        Assert.Contains(2, registry.Batches);
    }

    [Fact]
    public void ConfigurationRunRecordsAccuracy()
    {
        using var dir = new TempDir();
        string confs = dir.Combine("fixed_confs.txt");
        File.WriteAllText(confs, "1\n+++++\nconf1 1 1 50 25\n1 cpu conv perf 121\n-----\n");
        RunOutcome r = RunOutcome.Of(new FixedRegistry(WriteHpvmFiles(dir)), new[] { "run", "--config", confs }.Concat(Fast(dir.Combine("out"))).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        QosRecord qos = ProfileReader.Read(Assert.Single(Directory.GetFiles(dir.Combine("out")))).Qos!;
        Assert.Equal((50.0, 25.0), (qos.Accuracy, qos.AccuracyLoss));
        Assert.Null(qos.Nodes);
        Assert.Null(qos.Labelled);
    }

    [Fact]
    public void WithoutLabelledInputsTheFieldsAreAbsent()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new FixedRegistry(null), new[] { "run", "--variant", "perf_121" }.Concat(Fast(dir.Path)).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        string path = dir.Combine("Fixed.perf_121.profile.jsonl");
        QosRecord qos = ProfileReader.Read(path).Qos!;
        Assert.Null(qos.Accuracy);
        Assert.Null(qos.AccuracyLoss);
        Assert.Null(qos.Nodes);
        Assert.DoesNotContain("accuracy", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void LabelBeyondTheClassesWarnsAndLeavesAccuracyOut()
    {
        using var dir = new TempDir();
        (string images, string labels) = WriteHpvmFiles(dir);
        File.WriteAllBytes(labels, Labels.Select(l => l == 3 ? 7 : l).SelectMany(BitConverter.GetBytes).ToArray());
        RunOutcome r = RunOutcome.Of(new FixedRegistry((images, labels)), new[] { "run", "--variant", "perf_121" }.Concat(Fast(dir.Path)).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Fixed: accuracy not measured", r.Error);
        Assert.Contains("label 7 of labelled image 3 is beyond the output's 4 classes", r.Error);
        QosRecord qos = ProfileReader.Read(dir.Combine("Fixed.perf_121.profile.jsonl")).Qos!;
        Assert.Null(qos.Accuracy);
        Assert.Null(qos.AccuracyLoss);
        // The rest of QoS is measured as without labels (random inputs in [-1, 1): both variants predict class 0).
        Assert.Equal((0.0, 1.0), (qos.RelL2, qos.Top1));
    }

    private static (string Images, string Labels) WriteHpvmFiles(TempDir dir)
    {
        string images = dir.Combine("test_input.bin"), labels = dir.Combine("test_labels.bin");
        // 8 images of 1x2x2: the first pixel is the class fp32 predicts, the others are noise below 1.
        var values = new List<float>();
        for (int i = 0; i < Predicted.Length; i++) values.AddRange(new[] { Predicted[i] + 0.25f, 0.5f, 0.75f, 0.125f });
        File.WriteAllBytes(images, values.SelectMany(BitConverter.GetBytes).ToArray());
        File.WriteAllBytes(labels, Labels.SelectMany(BitConverter.GetBytes).ToArray());
        return (images, labels);
    }

    /// <summary>The template: Run returns one-hot scores over 4 classes (fp32: the first pixel's class; perf: class 0).</summary>
    private sealed class Fixed
    {
        public Tensor Input(int batch) => Tensor.Random(new[] { batch, 1, 2, 2 }, seed: 3);

        public Tensor Run(Tensor x, RunChoices choices, List<int> batches)
        {
            int n = x.Shape[0];
            batches.Add(n);
            float[] pixels = x.ToArray();
            var scores = new float[n * 4];
            for (int row = 0; row < n; row++)
            {
                int cls = choices.Calls[0] == 0 ? Math.Clamp((int)pixels[row * 4], 0, 3) : 0;
                scores[row * 4 + cls] = 1;
            }
            return Tensor.FromArray(scores, n, 4);
        }
    }

    private sealed class FixedRegistry : IBenchmarkRegistry
    {
        public FixedRegistry((string Images, string Labels)? files)
        {
            var knobs = new[]
            {
                new KnobInfo(11, "fp32_11", "fp32", Array.Empty<string>(), 1.0),
                new KnobInfo(121, "perf_121", "perf", new[] { "2", "1", "0" }, 1.5),
            };
            var template = new SwitchedTemplate<Fixed>("Fixed", true, new[] { new NodeDescriptor(1, "node1", new[] { "conv" }) }, knobs,
                new[] { "fp32_11", "perf_121" }, new[] { new OpDescriptor(0, 1, "node1", "conv", "Convolution", "Fixed.cs", 1) },
                new[] { new[] { "Convolution", "ConvApprox" } }, new[] { new[] { 0 }, new[] { 1 } },
                () => new Fixed(), (t, batch) => t.Input(batch), (t, x, choices) => t.Run(x, choices, Batches),
                files is { } f ? _ => LabelledSet.LoadHpvm(f.Images, f.Labels, 1, 2, 2) : null);
            Benchmarks = new[] { template.Descriptor };
        }

        public List<int> Batches { get; } = new();

        public IReadOnlyList<BenchmarkDescriptor> Benchmarks { get; }
    }
}
