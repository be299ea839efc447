using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>vgg16_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class Vgg16Cifar10Weights : NetworkWeights<Vgg16Cifar10Weights>, INetworkWeights<Vgg16Cifar10Weights>
{
    private Vgg16Cifar10Weights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "vgg16_cifar10";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 64, 3, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_1_b", 64),
        WeightSpec.Conv("conv2d_2_w", 64, 64, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_2_b", 64),
        WeightSpec.Conv("conv2d_3_w", 128, 64, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_3_b", 128),
        WeightSpec.Conv("conv2d_4_w", 128, 128, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_4_b", 128),
        WeightSpec.Conv("conv2d_5_w", 256, 128, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_5_b", 256),
        WeightSpec.Conv("conv2d_6_w", 256, 256, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_6_b", 256),
        WeightSpec.Conv("conv2d_7_w", 256, 256, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_7_b", 256),
        WeightSpec.Conv("conv2d_8_w", 512, 256, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_8_b", 512),
        WeightSpec.Conv("conv2d_9_w", 512, 512, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_9_b", 512),
        WeightSpec.Conv("conv2d_10_w", 512, 512, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_10_b", 512),
        WeightSpec.Conv("conv2d_11_w", 512, 512, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_11_b", 512),
        WeightSpec.Conv("conv2d_12_w", 512, 512, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_12_b", 512),
        WeightSpec.Conv("conv2d_13_w", 512, 512, 3, 3, WeightSpec.ReluGain),
        WeightSpec.Bias("conv2d_13_b", 512),
        WeightSpec.Dense("dense_1_w", 512, 512, WeightSpec.ReluGain),
        WeightSpec.Bias("dense_1_b", 512),
        WeightSpec.Dense("dense_2_w", 512, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_2_b", 10),
    ];

    static Vgg16Cifar10Weights INetworkWeights<Vgg16Cifar10Weights>.Wrap(WeightSet set) => new(set);

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
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
    public Tensor Dense2 => field ??= this["dense_2_w"];
    public Tensor DenseBias2 => field ??= this["dense_2_b"];
}
