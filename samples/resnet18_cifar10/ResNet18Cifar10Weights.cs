using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>resnet18_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class ResNet18Cifar10Weights : NetworkWeights<ResNet18Cifar10Weights>, INetworkWeights<ResNet18Cifar10Weights>
{
    private ResNet18Cifar10Weights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "resnet18_cifar10";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 16, 3, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_1_b", 16),
        WeightSpec.Conv("conv2d_2_w", 16, 16, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_2_b", 16),
        WeightSpec.Conv("conv2d_3_w", 16, 16, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_3_b", 16),
        WeightSpec.Conv("conv2d_4_w", 16, 16, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_4_b", 16),
        WeightSpec.Conv("conv2d_5_w", 16, 16, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_5_b", 16),
        WeightSpec.Conv("conv2d_6_w", 16, 16, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_6_b", 16),
        WeightSpec.Conv("conv2d_7_w", 16, 16, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_7_b", 16),
        WeightSpec.Conv("conv2d_8_w", 32, 16, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_8_b", 32),
        WeightSpec.Conv("conv2d_9_w", 32, 32, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_9_b", 32),
        WeightSpec.Conv("conv2d_10_w", 32, 16, 1, 1, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_10_b", 32),
        WeightSpec.Conv("conv2d_11_w", 32, 32, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_11_b", 32),
        WeightSpec.Conv("conv2d_12_w", 32, 32, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_12_b", 32),
        WeightSpec.Conv("conv2d_13_w", 32, 32, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_13_b", 32),
        WeightSpec.Conv("conv2d_14_w", 32, 32, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_14_b", 32),
        WeightSpec.Conv("conv2d_15_w", 64, 32, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_15_b", 64),
        WeightSpec.Conv("conv2d_16_w", 64, 64, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_16_b", 64),
        WeightSpec.Conv("conv2d_17_w", 64, 32, 1, 1, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_17_b", 64),
        WeightSpec.Conv("conv2d_18_w", 64, 64, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_18_b", 64),
        WeightSpec.Conv("conv2d_19_w", 64, 64, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_19_b", 64),
        WeightSpec.Conv("conv2d_20_w", 64, 64, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_20_b", 64),
        WeightSpec.Conv("conv2d_21_w", 64, 64, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_21_b", 64),
        WeightSpec.Dense("dense_1_w", 64, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 10),
    ];

    static ResNet18Cifar10Weights INetworkWeights<ResNet18Cifar10Weights>.Wrap(WeightSet set) => new(set);

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
    public Tensor Conv7 => field ??= this["conv2d_7_w"];
    public Tensor Bias7 => field ??= this["conv2d_7_b"];
    public Tensor Conv8 => field ??= this["conv2d_8_w"];
    public Tensor Bias8 => field ??= this["conv2d_8_b"];
    public Tensor Conv9 => field ??= this["conv2d_9_w"];
    public Tensor Bias9 => field ??= this["conv2d_9_b"];
    public Tensor Conv10 => field ??= this["conv2d_10_w"];
    public Tensor Bias10 => field ??= this["conv2d_10_b"];
    public Tensor Conv11 => field ??= this["conv2d_11_w"];
    public Tensor Bias11 => field ??= this["conv2d_11_b"];
    public Tensor Conv12 => field ??= this["conv2d_12_w"];
    public Tensor Bias12 => field ??= this["conv2d_12_b"];
    public Tensor Conv13 => field ??= this["conv2d_13_w"];
    public Tensor Bias13 => field ??= this["conv2d_13_b"];
    public Tensor Conv14 => field ??= this["conv2d_14_w"];
    public Tensor Bias14 => field ??= this["conv2d_14_b"];
    public Tensor Conv15 => field ??= this["conv2d_15_w"];
    public Tensor Bias15 => field ??= this["conv2d_15_b"];
    public Tensor Conv16 => field ??= this["conv2d_16_w"];
    public Tensor Bias16 => field ??= this["conv2d_16_b"];
    public Tensor Conv17 => field ??= this["conv2d_17_w"];
    public Tensor Bias17 => field ??= this["conv2d_17_b"];
    public Tensor Conv18 => field ??= this["conv2d_18_w"];
    public Tensor Bias18 => field ??= this["conv2d_18_b"];
    public Tensor Conv19 => field ??= this["conv2d_19_w"];
    public Tensor Bias19 => field ??= this["conv2d_19_b"];
    public Tensor Conv20 => field ??= this["conv2d_20_w"];
    public Tensor Bias20 => field ??= this["conv2d_20_b"];
    public Tensor Conv21 => field ??= this["conv2d_21_w"];
    public Tensor Bias21 => field ??= this["conv2d_21_b"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
}
