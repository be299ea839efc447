using System.Collections.Generic;
using Knobs.Tensors.Backends;

namespace Knobs.Benchmarks.Kernels;

/// <summary>One convolution layer of the comparison (batch filled in per row).</summary>
internal sealed record ConvLayer(string Network, string Name, int C, int H, int W, int K, int KH, int KW, int Pad, int Groups = 1)
{
    public ConvShape Shape(int batch) => new(batch, C, H, W, K, KH, KW, Pad, Pad, 1, 1, Groups);

    /// <summary>"network layer", for tables.</summary>
    public string Label => $"{Network} {Name}";

    /// <summary>Floating-point operations of one call (2 per multiply-add).</summary>
    public double Flops(int batch)
    {
        ConvShape s = Shape(batch);
        return 2.0 * s.N * s.K * s.OutH * s.OutW * s.CPerGroup * s.KH * s.KW;
    }
}

/// <summary>The layers the kernel-speed goals are stated on: AlexNet-CIFAR10, VGG16, ResNet18-CIFAR, MobileNet.</summary>
internal static class KernelLayers
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

    /// <summary>The layer the approximation speedups are measured on (the goals' layer: vgg 64×32×32→64, batch 16).</summary>
    public static ConvLayer ApproxLayer => All[6];

    /// <summary>Knobs of the HPVM table on that layer: id, parameters (row, col, skip, offset), goal speedup vs exact.</summary>
    public static IReadOnlyList<(int Id, ConvApproxParams Params, double Goal)> ApproxKnobs { get; } =
    [
        (121, new ConvApproxParams(1, 2, 1, 0), 1.7),
        (123, new ConvApproxParams(2, 1, 1, 0), 1.7),
        (231, new ConvApproxParams(1, 1, 2, 0), 1.7),
        (125, new ConvApproxParams(1, 3, 1, 0), 1.35),
        (128, new ConvApproxParams(3, 1, 1, 0), 1.35),
        (233, new ConvApproxParams(1, 1, 3, 0), 1.35),
    ];

    public static IReadOnlyList<int> GemmSizes { get; } = [256, 512, 1024, 2048];
}
