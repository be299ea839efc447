using System.Collections.Generic;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>One convolution layer of the samples (stride 1, as all of theirs), batch filled in per case.</summary>
internal sealed record ConvLayer(string Network, string Name, int C, int H, int W, int K, int KH, int KW, int Pad, int Groups = 1)
{
    public ConvShape Shape(int batch) => new(batch, C, H, W, K, KH, KW, Pad, Pad, 1, 1, Groups);

    public string Label => $"{Network} {Name}";
}

/// <summary>The samples' convolution layers (as in the CPU kernel benchmark) and the knobs timed on the large ones.</summary>
internal static class Layers
{
    public static IReadOnlyList<ConvLayer> All { get; } =
    [
        new("alexnet", "3x32x32->64 11x11 p5", 3, 32, 32, 64, 11, 11, 5),
        new("alexnet", "64x16x16->192 5x5 p2", 64, 16, 16, 192, 5, 5, 2),
        new("alexnet", "192x8x8->384 3x3 p1", 192, 8, 8, 384, 3, 3, 1),
        new("alexnet", "384x8x8->256 3x3 p1", 384, 8, 8, 256, 3, 3, 1),
        new("alexnet", "256x8x8->256 3x3 p1", 256, 8, 8, 256, 3, 3, 1),
        new("vgg16", "3x32x32->64 3x3 p1", 3, 32, 32, 64, 3, 3, 1),
        new("vgg16", "64x32x32->64 3x3 p1", 64, 32, 32, 64, 3, 3, 1),
        new("vgg16", "128x16x16->128 3x3 p1", 128, 16, 16, 128, 3, 3, 1),
        new("vgg16", "256x8x8->256 3x3 p1", 256, 8, 8, 256, 3, 3, 1),
        new("vgg16", "512x4x4->512 3x3 p1", 512, 4, 4, 512, 3, 3, 1),
        new("resnet18", "16x32x32->16 3x3 p1", 16, 32, 32, 16, 3, 3, 1),
        new("resnet18", "32x16x16->32 3x3 p1", 32, 16, 16, 32, 3, 3, 1),
        new("resnet18", "64x8x8->64 3x3 p1", 64, 8, 8, 64, 3, 3, 1),
        new("mobilenet", "32x32x32 depthwise 3x3 p1", 32, 32, 32, 32, 3, 3, 1, Groups: 32),
        new("mobilenet", "32->64 pointwise 1x1 @32x32", 32, 32, 32, 64, 1, 1, 0),
    ];

    /// <summary>The large layers the approximation knobs are timed on.</summary>
    public static IReadOnlyList<ConvLayer> Large { get; } = [All[1], All[6], All[7]];

    /// <summary>HPVM knobs timed: column, row perforation and filter sampling at rates 2 and 3 (offset 0).</summary>
    public static IReadOnlyList<(int Id, ConvApproxParams Knob)> Knobs { get; } =
    [
        (121, new ConvApproxParams(1, 2, 1, 0)),
        (123, new ConvApproxParams(2, 1, 1, 0)),
        (231, new ConvApproxParams(1, 1, 2, 0)),
        (125, new ConvApproxParams(1, 3, 1, 0)),
        (128, new ConvApproxParams(3, 1, 1, 0)),
        (233, new ConvApproxParams(1, 1, 3, 0)),
    ];

    public static IReadOnlyList<int> Batches { get; } = [16, 128];
}
