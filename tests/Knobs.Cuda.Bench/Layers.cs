using System.Collections.Generic;
using Knobs.Benchmarks.Kernels;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>The samples' convolution layers (as in the CPU kernel benchmark) and the knobs timed on the large ones.</summary>
internal static class Layers
{
    /// <summary>The CPU kernel benchmark's layers (the same file, linked).</summary>
    public static IReadOnlyList<ConvLayer> All => KernelLayers.All;

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
