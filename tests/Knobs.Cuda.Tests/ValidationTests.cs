using System;
using Knobs.Cuda.Convolution;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Tests;

public sealed class ValidationTests
{
    private static readonly ConvShape Vgg = new(16, 64, 32, 32, 64, 3, 3, 1, 1, 1, 1);

    [Theory]
    [InlineData(1, 1, 1, 0)]
    [InlineData(2, 1, 1, 0)]
    [InlineData(1, 3, 1, 2)]
    [InlineData(1, 1, 4, 3)]
    public void HpvmKnobsOnASampleLayerAreAccepted(int row, int col, int skip, int offset) =>
        CudaConvolution.Validate(Vgg, new ConvApproxParams(row, col, skip, offset));

    [Fact]
    public void APerforationThatComputesNoLineIsRejected()
    {
        var one = new ConvShape(1, 1, 1, 3, 1, 1, 1, 0, 0, 1, 1);
        var e = Assert.Throws<ArgumentException>(() => CudaConvolution.Validate(one, new ConvApproxParams(2, 1, 1, 0)));
        Assert.Contains("would compute none of the 1 output rows", e.Message);
    }

    [Fact]
    public void ApproximatingAGroupedConvolutionIsRejected()
    {
        var depthwise = new ConvShape(1, 32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 32);
        CudaConvolution.Validate(depthwise, ConvApproxParams.Exact);
        var e = Assert.Throws<ArgumentException>(() => CudaConvolution.Validate(depthwise, new ConvApproxParams(1, 1, 2, 0)));
        Assert.Contains("groups=32", e.Message);
    }

    [Theory]
    [InlineData(0, 1, 1, 0)]
    [InlineData(1, 1, 0, 0)]
    [InlineData(1, 1, 1, -1)]
    public void NonsenseKnobParametersAreRejected(int row, int col, int skip, int offset) =>
        Assert.Throws<ArgumentException>(() => CudaConvolution.Validate(Vgg, new ConvApproxParams(row, col, skip, offset)));

    [Fact]
    public void AFilterLargerThanThePaddedInputIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => CudaConvolution.Validate(new ConvShape(1, 1, 2, 2, 1, 5, 5, 1, 1, 1, 1), ConvApproxParams.Exact));
        Assert.Contains("larger than the padded", e.Message);
    }

    [Fact]
    public void ChannelsThatDoNotDivideIntoGroupsAreRejected() =>
        Assert.Throws<ArgumentException>(() => CudaConvolution.Validate(new ConvShape(1, 6, 8, 8, 4, 3, 3, 1, 1, 1, 1, 4), ConvApproxParams.Exact));
}
