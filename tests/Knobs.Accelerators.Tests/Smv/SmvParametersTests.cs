using System;
using Knobs.Accelerators.Smv;

namespace Knobs.Accelerators.Tests.Smv;

public class SmvParametersTests
{
    [Fact]
    public void The_defaults_are_SMAUGs_SMV()
    {
        var p = SmvParameters.Default;
        Assert.Equal(32 * 1024, p.ScratchpadBytes);
        Assert.Equal(2, p.ElementBytes);
        Assert.Equal(16384, p.MaxTileElements);
        Assert.Equal(8, p.Alignment);
        Assert.Equal((8, 32, 8), (p.NumPEs, p.MacsPerPE, p.VectorWidth));
    }

    [Fact]
    public void Storage_pads_the_innermost_dimension_to_the_alignment()
    {
        Assert.Equal(40L * 7 * 7 * 8, SmvShape.Nhwc(40, 7, 7, 3).StorageSize);
        Assert.Equal(40L * 7 * 7 * 3, SmvShape.Nhwc(40, 7, 7, 3).ElementCount);
        Assert.Equal(1024L, SmvShape.Nc(1, 1020).StorageSize);
    }

    [Fact]
    public void A_larger_scratchpad_needs_fewer_tiles()
    {
        var op = new SmvConvolution(1, 32, 64, 16, 3, 3, 8);
        Assert.Equal(3, SmvTiling.Convolution(op).Inputs.Tiles.Count);
        var big = SmvTiling.Convolution(op, new SmvParameters(scratchpadBytes: 64 * 1024));
        Assert.Equal(1, big.Inputs.Tiles.Count);
        Assert.Equal(TilingDims.None, big.Inputs.Strategy);
    }

    [Fact]
    public void A_layer_nothing_can_fit_throws_naming_the_tensor_its_shape_the_scratchpad_and_the_remedy()
    {
        // 8 filters of 11×11×32 (the smallest weight tile SMV allows) need 30976 elements, more than 16384.
        var op = new SmvConvolution(1, 24, 24, 64, 11, 11, 96);
        var ex = Assert.Throws<SmvTilingException>(() => SmvTiling.Convolution(op));
        Assert.Equal("weights", ex.TensorName);
        Assert.Contains("weights", ex.Message);
        Assert.Contains("[96, 11, 11, 64]", ex.Message);
        Assert.Contains("32768", ex.Message);
        Assert.Contains("larger scratchpad", ex.Message);
        Assert.Equal(32768, ex.ScratchpadBytes);

        var fits = SmvTiling.Convolution(op, new SmvParameters(scratchpadBytes: 64 * 1024));
        Assert.Equal(TilingDims.DimNC, fits.Weights!.Strategy);
    }

    [Fact]
    public void Find_best_tiling_dims_prefers_fewer_tiled_dimensions()
    {
        var p = SmvParameters.Default;
        Assert.Equal(TilingDims.None, SmvTiling.FindBestTilingDims(SmvShape.Nhwc(1, 32, 32, 16), new[] { 1, 1, 1, 8 }, p));
        Assert.Equal(TilingDims.DimN, SmvTiling.FindBestTilingDims(SmvShape.Nhwc(2, 32, 32, 16), new[] { 1, 1, 1, 8 }, p));
        Assert.Equal(TilingDims.DimNC, SmvTiling.FindBestTilingDims(SmvShape.Nhwc(1, 32, 32, 32), new[] { 1, 1, 1, 8 }, p));
        Assert.Equal(TilingDims.DimNH, SmvTiling.FindBestTilingDims(SmvShape.Nhwc(1, 32, 32, 32), new[] { 1, 1, 1, 32 }, p));
        Assert.Throws<SmvTilingException>(() => SmvTiling.FindBestTilingDims(SmvShape.Nhwc(1, 256, 256, 64), new[] { 1, 256, 256, 64 }, p));
    }

    [Fact]
    public void Invalid_parameters_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmvParameters(scratchpadBytes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmvParameters(scratchpadBytes: 1, elementBytes: 2));
        Assert.Throws<ArgumentException>(() => new SmvShape(new[] { 1, 2, 3 }, SmvLayout.NHWC, 8));
    }
}
