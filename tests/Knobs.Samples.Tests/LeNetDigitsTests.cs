using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Runtime;
using Knobs.Runtime.Qos;
using Knobs.Testing;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

/// <summary>
/// lenet_digits runs the weights its train.py trained on scikit-learn's digits, over the 360 test images train.py held
/// out: its fp32 accuracy is what PyTorch measured, and the runner scores every variant on the same images.
/// </summary>
public class LeNetDigitsTests
{
    private static readonly BenchmarkDescriptor Descriptor = GeneratedRegistry.For(typeof(LeNetDigits));

    // Measured as the runner measures it: the labelled set in batches of the samples' default batch.
    private static double Accuracy(string variant) =>
        new LabelledAccuracy(Descriptor.Labelled!(), batch: 16).Measure(Descriptor.CreateVariant(variant));

    private static double PyTorchAccuracy() => double.Parse(
        File.ReadAllText(RepoPaths.Combine("samples", "lenet_digits", "data", "accuracy.txt")).Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public void Fp32AccuracyOnTheTestSetIsWhatPyTorchMeasuredWithinHalfAPoint()
    {
        double expected = PyTorchAccuracy(), actual = Accuracy("fp32_11");

        Assert.True(Math.Abs(actual - expected) <= 0.5, $"fp32_11 accuracy {actual} %, PyTorch (data/accuracy.txt) {expected} %");
    }

    [Fact]
    public void Fp16LosesLessThanTwoPoints()
    {
        double fp32 = Accuracy("fp32_11"), fp16 = Accuracy("fp16_12");

        Assert.True(fp32 - fp16 < 2, $"fp32_11 {fp32} %, fp16_12 {fp16} %");
    }

    [Fact]
    public void LabelledSetIsTheHeldOutTestSetWithTenClasses()
    {
        LabelledSet set = Descriptor.Labelled!();

        Assert.Equal([360, 1, 8, 8], set.Images.Shape);
        Assert.Equal(Enumerable.Range(0, 10), set.Labels.ToArray().Distinct().Order());
        Assert.All(set.Images.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void InputIsTheFirstTestImagesStartingOverAfterTheLast()
    {
        float[] test = Descriptor.Labelled!().Images.ToArray();
        const int Image = 64;

        using Tensor three = new LeNetDigits().Input(3);
        using Tensor wrapped = new LeNetDigits().Input(362);

        Assert.Equal([3, 1, 8, 8], three.Shape);
        Assert.Equal(test.AsSpan(0, 3 * Image).ToArray(), three.ToArray());
        Assert.Equal(test.AsSpan(0, 2 * Image).ToArray(), wrapped.ToArray().AsSpan(360 * Image, 2 * Image).ToArray());
    }

    [Fact]
    public void NodesFollowLeNetsPattern()
    {
        var nodes = Descriptor.Nodes.Select(n => (n.Id, string.Join(' ', n.OpKinds)));

        Assert.Equal(
            [(1, "conv add tanh pool_max"), (2, "conv add tanh pool_max"), (3, "mul add tanh"), (4, "mul add"), (5, "softmax")],
            nodes);
    }
}
