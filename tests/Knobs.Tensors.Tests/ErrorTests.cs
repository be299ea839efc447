using System;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors.Tests;

/// <summary>Invalid arguments raise one exception type naming the op and the offending values.</summary>
public sealed class ErrorTests
{
    private static TensorOpException Fails(Func<Tensor> op, string expectedOp, params string[] mentions)
    {
        var e = Assert.Throws<TensorOpException>(() => op());
        Assert.Equal(expectedOp, e.Op);
        Assert.StartsWith($"Ops.{expectedOp}: ", e.Message);
        foreach (string m in mentions) Assert.Contains(m, e.Message);
        return e;
    }

    [Fact]
    public void MismatchedChannelsNameBothShapes()
    {
        using Tensor x = Tensor.Zeros(1, 3, 5, 5), w = Tensor.Zeros(2, 4, 3, 3);
        Fails(() => Ops.Convolution(x, w, 1, 1, 1, 1), "Convolution", "3 channels", "expects 4", "Float32[1,3,5,5]", "Float32[2,4,3,3]");
    }

    [Fact]
    public void ZeroStrideIsRejected()
    {
        using Tensor x = Tensor.Zeros(1, 3, 5, 5), w = Tensor.Zeros(2, 3, 3, 3);
        Fails(() => Ops.Convolution(x, w, 1, 1, 0, 1), "Convolution", "strideH=0");
        Fails(() => Ops.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 1, 0), "Pooling", "strideW=0");
    }

    [Fact]
    public void NegativePaddingIsRejected()
    {
        using Tensor x = Tensor.Zeros(1, 3, 5, 5), w = Tensor.Zeros(2, 3, 3, 3);
        Fails(() => Ops.Convolution(x, w, -1, 0, 1, 1), "Convolution", "padH=-1");
    }

    [Fact]
    public void KernelLargerThanPaddedInputIsRejected()
    {
        using Tensor x = Tensor.Zeros(1, 3, 5, 5), w = Tensor.Zeros(2, 3, 11, 11);
        Fails(() => Ops.Convolution(x, w, 2, 2, 1, 1), "Convolution", "11×11", "9×9");
    }

    [Fact]
    public void NonRank4ConvolutionInputIsRejected()
    {
        using Tensor x = Tensor.Zeros(3, 5, 5), w = Tensor.Zeros(2, 3, 3, 3);
        Fails(() => Ops.Convolution(x, w, 1, 1, 1, 1), "Convolution", "rank 4", "Float32[3,5,5]");
    }

    [Fact]
    public void PerforationThatComputesNoLineIsRejected()
    {
        // A 1-row output with row perforation at offset 0 would skip its only row.
        using Tensor x = Tensor.Zeros(1, 2, 3, 6), w = Tensor.Zeros(1, 2, 3, 3);
        Fails(() => Ops.ConvApprox(x, w, 0, 1, 1, 1, 2, 1, 1, 0), "ConvApprox", "row perforation", "rate 2", "offset 0", "computes no row");
        using Tensor x2 = Tensor.Zeros(1, 2, 6, 3);
        Fails(() => Ops.ConvApproxHalf(x2, w, 1, 0, 1, 1, 1, 3, 1, 0), "ConvApproxHalf", "column perforation", "computes no column");
    }

    [Fact]
    public void SamplingThatDropsEveryWeightIsRejected()
    {
        using Tensor x = Tensor.Zeros(1, 1, 4, 4), w = Tensor.Zeros(1, 1, 1, 1);
        Fails(() => Ops.ConvApprox(x, w, 0, 0, 1, 1, 1, 1, 2, 0), "ConvApprox", "skipEvery 2", "drops every weight");
    }

    [Fact]
    public void ZeroOrNegativeKnobParametersAreRejected()
    {
        using Tensor x = Tensor.Zeros(1, 2, 5, 5), w = Tensor.Zeros(1, 2, 3, 3);
        Fails(() => Ops.ConvApprox(x, w, 1, 1, 1, 1, 0, 1, 1, 0), "ConvApprox", "row=0");
        Fails(() => Ops.ConvApprox(x, w, 1, 1, 1, 1, 2, 1, 1, -1), "ConvApprox", "offset", "-1");
    }

    [Fact]
    public void GroupsThatDoNotDivideChannelsAreRejected()
    {
        using Tensor x = Tensor.Zeros(1, 6, 5, 5), w = Tensor.Zeros(6, 1, 3, 3);
        Fails(() => Ops.GroupConvolution(x, w, 1, 1, 1, 1, 4), "GroupConvolution", "groups=4", "(6)");
        Fails(() => Ops.GroupConvolution(x, w, 1, 1, 1, 1, 0), "GroupConvolution", "groups", "0");
        Fails(() => Ops.GroupConvolution(x, w, 1, 1, 1, 1, 3), "GroupConvolution", "per group", "3 groups");
    }

    [Fact]
    public void BadBiasShapeNamesBothShapes()
    {
        using Tensor x = Tensor.Zeros(2, 3, 4, 4), b = Tensor.Zeros(1, 4, 1, 1);
        Fails(() => Ops.Add(x, b), "Add", "Float32[2,3,4,4]", "Float32[1,4,1,1]");
    }

    [Fact]
    public void GemmWithWrongInnerDimensionIsRejected()
    {
        using Tensor x = Tensor.Zeros(2, 3, 2, 2), w = Tensor.Zeros(1, 1, 10, 5);
        Fails(() => Ops.Gemm(x, w), "Gemm", "12 features", "expect 10");
        using Tensor bad = Tensor.Zeros(2, 1, 12, 5);
        Fails(() => Ops.HalfGemm(x, bad), "HalfGemm", "[1, 1, in, out]");
    }

    [Fact]
    public void PoolingPaddingMustBeSmallerThanWindow()
    {
        using Tensor x = Tensor.Zeros(1, 1, 4, 4);
        Fails(() => Ops.Pooling(x, PoolKind.Max, 2, 2, 2, 0, 2, 2), "Pooling", "padH=2", "2×2 window");
        Fails(() => Ops.HalfPooling(x, (PoolKind)7, 2, 2, 0, 0, 2, 2), "HalfPooling", "unknown pool kind 7");
    }

    [Fact]
    public void BatchNormParametersMustMatchChannels()
    {
        using Tensor x = Tensor.Zeros(1, 3, 2, 2), ok = Tensor.Zeros(1, 3, 1, 1), bad = Tensor.Zeros(4);
        Fails(() => Ops.BatchNorm(x, ok, ok, bad, ok, 1e-3), "BatchNorm", "mean", "(3)", "Float32[4]");
        Fails(() => Ops.BatchNorm(x, ok, ok, ok, ok, double.NaN), "BatchNorm", "eps", "NaN");
    }

    [Fact]
    public void ClippedReluNeedsANonNegativeCeiling()
    {
        using Tensor x = Tensor.Zeros(4);
        Fails(() => Ops.ClippedRelu(x, -1f), "ClippedRelu", "-1");
        Fails(() => Ops.HalfClippedRelu(x, float.NaN), "HalfClippedRelu", "NaN");
    }

    [Fact]
    public void DisposedTensorIsRejected()
    {
        Tensor x = Tensor.Zeros(1, 2, 3, 3);
        x.Dispose();
        Fails(() => Ops.Relu(x), "Relu", "disposed");
        Assert.Throws<ObjectDisposedException>(() => x.ToArray());
    }

    [Fact]
    public void ApproximationOfAGroupedConvolutionIsRejectedByTheContract()
    {
        var s = new ConvShape(1, 4, 5, 5, 4, 3, 3, 1, 1, 1, 1, Groups: 4);
        var e = Assert.Throws<TensorOpException>(() => ConvValidation.Approximation("GroupConvolution", s, new ConvApproxParams(2, 1, 1, 0)));
        Assert.Contains("groups=4", e.Message);
    }

    [Fact]
    public void FromArrayWithWrongElementCountIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("[2,3]", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 0, 3));
    }
}
