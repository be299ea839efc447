using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>alexnet_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class AlexNetCifar10Weights : NetworkWeights<AlexNetCifar10Weights>, INetworkWeights<AlexNetCifar10Weights>
{
    private AlexNetCifar10Weights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "alexnet_cifar10";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 64, 3, 11, 11, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_1_b", 64),
        WeightSpec.Conv("conv2d_2_w", 192, 64, 5, 5, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_2_b", 192),
        WeightSpec.Conv("conv2d_3_w", 384, 192, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_3_b", 384),
        WeightSpec.Conv("conv2d_4_w", 256, 384, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_4_b", 256),
        WeightSpec.Conv("conv2d_5_w", 256, 256, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_5_b", 256),
        WeightSpec.Dense("dense_1_w", 4096, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 10),
    ];

    static AlexNetCifar10Weights INetworkWeights<AlexNetCifar10Weights>.Wrap(WeightSet set) => new(set);

    public Tensor Conv1 => field ??= this["conv2d_1_w"];
    public Tensor Bias1 => field ??= this["conv2d_1_b"];
    public Tensor Conv2 => field ??= this["conv2d_2_w"];
    public Tensor Bias2 => field ??= this["conv2d_2_b"];
    public Tensor Conv3 => field ??= this["conv2d_3_w"];
    public Tensor Bias3 => field ??= this["conv2d_3_b"];
    public Tensor Conv4 => field ??= this["conv2d_4_w"];
    public Tensor Bias4 => field ??= this["conv2d_4_b"];
    public Tensor Conv5 => field ??= this["conv2d_5_w"];
    public Tensor Bias5 => field ??= this["conv2d_5_b"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
}
