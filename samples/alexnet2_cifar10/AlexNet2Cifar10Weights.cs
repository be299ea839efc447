using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>alexnet2_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class AlexNet2Cifar10Weights : NetworkWeights<AlexNet2Cifar10Weights>, INetworkWeights<AlexNet2Cifar10Weights>
{
    private AlexNet2Cifar10Weights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "alexnet2_cifar10";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 32, 3, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_1_b", 32),
        WeightSpec.Conv("conv2d_2_w", 32, 32, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_2_b", 32),
        WeightSpec.Conv("conv2d_3_w", 64, 32, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_3_b", 64),
        WeightSpec.Conv("conv2d_4_w", 64, 64, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_4_b", 64),
        WeightSpec.Conv("conv2d_5_w", 128, 64, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_5_b", 128),
        WeightSpec.Conv("conv2d_6_w", 128, 128, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_6_b", 128),
        WeightSpec.Dense("dense_1_w", 2048, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 10),
    ];

    static AlexNet2Cifar10Weights INetworkWeights<AlexNet2Cifar10Weights>.Wrap(WeightSet set) => new(set);

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
    public Tensor Conv6 => field ??= this["conv2d_6_w"];
    public Tensor Bias6 => field ??= this["conv2d_6_b"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
}
