using System.Collections.Generic;
using Knobs.Tensors.Backends;

namespace Knobs.Benchmarks.Approx;

/// <summary>One ungrouped convolution of a sample network (the only kind perforation and sampling apply to).</summary>
internal sealed record SampleConv(string Network, int C, int H, int W, int K, int Kernel, int Pad, int Stride, int Count = 1)
{
    public ConvShape Shape(int batch) => new(batch, C, H, W, K, Kernel, Kernel, Pad, Pad, Stride, Stride);

    /// <summary>"64x32x32->64 3x3 p1" (and " s2" when strided).</summary>
    public string Name => $"{C}x{H}x{W}->{K} {Kernel}x{Kernel} p{Pad}" + (Stride > 1 ? $" s{Stride}" : "");
}

/// <summary>
/// The ungrouped convolutions of the six HPVM sample networks (samples/*: lenet_mnist, alexnet_cifar10,
/// alexnet2_cifar10, vgg16_cifar10, resnet18_cifar10, mobilenet_cifar10), each distinct shape once per network with
/// the number of layers that have it. Depthwise convolutions are grouped and are never approximated.
/// </summary>
internal static class SampleLayers
{
    public static IReadOnlyList<SampleConv> All { get; } =
    [
        new("lenet_mnist", 1, 28, 28, 32, 5, 2, 1),
        new("lenet_mnist", 32, 14, 14, 64, 5, 2, 1),
        new("alexnet_cifar10", 3, 32, 32, 64, 11, 5, 1),
        new("alexnet_cifar10", 64, 16, 16, 192, 5, 2, 1),
        new("alexnet_cifar10", 192, 8, 8, 384, 3, 1, 1),
        new("alexnet_cifar10", 384, 8, 8, 256, 3, 1, 1),
        new("alexnet_cifar10", 256, 8, 8, 256, 3, 1, 1),
        new("alexnet2_cifar10", 3, 32, 32, 32, 3, 1, 1),
        new("alexnet2_cifar10", 32, 32, 32, 32, 3, 1, 1),
        new("alexnet2_cifar10", 32, 16, 16, 64, 3, 1, 1),
        new("alexnet2_cifar10", 64, 16, 16, 64, 3, 1, 1),
        new("alexnet2_cifar10", 64, 8, 8, 128, 3, 1, 1),
        new("alexnet2_cifar10", 128, 8, 8, 128, 3, 1, 1),
        new("vgg16_cifar10", 3, 32, 32, 64, 3, 1, 1),
        new("vgg16_cifar10", 64, 32, 32, 64, 3, 1, 1),
        new("vgg16_cifar10", 64, 16, 16, 128, 3, 1, 1),
        new("vgg16_cifar10", 128, 16, 16, 128, 3, 1, 1),
        new("vgg16_cifar10", 128, 8, 8, 256, 3, 1, 1),
        new("vgg16_cifar10", 256, 8, 8, 256, 3, 1, 1, Count: 2),
        new("vgg16_cifar10", 256, 4, 4, 512, 3, 1, 1),
        new("vgg16_cifar10", 512, 4, 4, 512, 3, 1, 1, Count: 2),
        new("vgg16_cifar10", 512, 2, 2, 512, 3, 1, 1, Count: 3),
        new("resnet18_cifar10", 3, 32, 32, 16, 3, 1, 1),
        new("resnet18_cifar10", 16, 32, 32, 16, 3, 1, 1, Count: 6),
        new("resnet18_cifar10", 16, 32, 32, 32, 3, 1, 2),
        new("resnet18_cifar10", 16, 32, 32, 32, 1, 0, 2),
        new("resnet18_cifar10", 32, 16, 16, 32, 3, 1, 1, Count: 5),
        new("resnet18_cifar10", 32, 16, 16, 64, 3, 1, 2),
        new("resnet18_cifar10", 32, 16, 16, 64, 1, 0, 2),
        new("resnet18_cifar10", 64, 8, 8, 64, 3, 1, 1, Count: 5),
        new("mobilenet_cifar10", 3, 32, 32, 32, 3, 1, 1),
        new("mobilenet_cifar10", 32, 32, 32, 64, 1, 0, 1),
        new("mobilenet_cifar10", 64, 16, 16, 128, 1, 0, 1),
        new("mobilenet_cifar10", 128, 16, 16, 128, 1, 0, 1),
        new("mobilenet_cifar10", 128, 8, 8, 256, 1, 0, 1),
        new("mobilenet_cifar10", 256, 8, 8, 256, 1, 0, 1),
        new("mobilenet_cifar10", 256, 4, 4, 512, 1, 0, 1),
        new("mobilenet_cifar10", 512, 4, 4, 512, 1, 0, 1, Count: 5),
        new("mobilenet_cifar10", 512, 2, 2, 1024, 1, 0, 1),
        new("mobilenet_cifar10", 1024, 2, 2, 1024, 1, 0, 1),
    ];

    /// <summary>The fp32 perforation (121–138) and sampling (231–239) knobs of HPVM's table: id and parameters (row, col, skip, offset).</summary>
    public static IReadOnlyList<(int Id, ConvApproxParams Params)> Knobs { get; } = BuildKnobs();

    private static List<(int, ConvApproxParams)> BuildKnobs()
    {
        var knobs = new List<(int, ConvApproxParams)>();
        int id = 121;
        foreach (int rate in new[] { 2, 3, 4 })
        {
            for (int o = 0; o < rate; o++) knobs.Add((id++, new ConvApproxParams(1, rate, 1, o)));
            for (int o = 0; o < rate; o++) knobs.Add((id++, new ConvApproxParams(rate, 1, 1, o)));
        }
        id = 231;
        foreach (int rate in new[] { 2, 3, 4 })
            for (int o = 0; o < rate; o++) knobs.Add((id++, new ConvApproxParams(1, 1, rate, o)));
        return knobs;
    }
}
