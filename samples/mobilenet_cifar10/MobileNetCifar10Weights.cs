using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>mobilenet_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class MobileNetCifar10Weights : NetworkWeights<MobileNetCifar10Weights>, INetworkWeights<MobileNetCifar10Weights>
{
    private MobileNetCifar10Weights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "mobilenet_cifar10";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 32, 3, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_1", 32),
        WeightSpec.Conv("depthwise_conv2d_1_w", 32, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_2", 32),
        WeightSpec.Conv("conv2d_2_w", 64, 32, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_3", 64),
        WeightSpec.Conv("depthwise_conv2d_2_w", 64, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_4", 64),
        WeightSpec.Conv("conv2d_3_w", 128, 64, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_5", 128),
        WeightSpec.Conv("depthwise_conv2d_3_w", 128, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_6", 128),
        WeightSpec.Conv("conv2d_4_w", 128, 128, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_7", 128),
        WeightSpec.Conv("depthwise_conv2d_4_w", 128, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_8", 128),
        WeightSpec.Conv("conv2d_5_w", 256, 128, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_9", 256),
        WeightSpec.Conv("depthwise_conv2d_5_w", 256, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_10", 256),
        WeightSpec.Conv("conv2d_6_w", 256, 256, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_11", 256),
        WeightSpec.Conv("depthwise_conv2d_6_w", 256, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_12", 256),
        WeightSpec.Conv("conv2d_7_w", 512, 256, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_13", 512),
        WeightSpec.Conv("depthwise_conv2d_7_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_14", 512),
        WeightSpec.Conv("conv2d_8_w", 512, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_15", 512),
        WeightSpec.Conv("depthwise_conv2d_8_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_16", 512),
        WeightSpec.Conv("conv2d_9_w", 512, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_17", 512),
        WeightSpec.Conv("depthwise_conv2d_9_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_18", 512),
        WeightSpec.Conv("conv2d_10_w", 512, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_19", 512),
        WeightSpec.Conv("depthwise_conv2d_10_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_20", 512),
        WeightSpec.Conv("conv2d_11_w", 512, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_21", 512),
        WeightSpec.Conv("depthwise_conv2d_11_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_22", 512),
        WeightSpec.Conv("conv2d_12_w", 512, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_23", 512),
        WeightSpec.Conv("depthwise_conv2d_12_w", 512, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_24", 512),
        WeightSpec.Conv("conv2d_13_w", 1024, 512, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_25", 1024),
        WeightSpec.Conv("depthwise_conv2d_13_w", 1024, 1, 3, 3, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_26", 1024),
        WeightSpec.Conv("conv2d_14_w", 1024, 1024, 1, 1, WeightSpec.ReluGain),
        ..WeightSpec.BatchNorm("batch_normalization_27", 1024),
        WeightSpec.Dense("dense_1_w", 1024, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 10),
    ];

    static MobileNetCifar10Weights INetworkWeights<MobileNetCifar10Weights>.Wrap(WeightSet set) => new(set);

    public Tensor Conv1 => field ??= this["conv2d_1_w"];
    public Tensor Bn1Gamma => field ??= this["batch_normalization_1_gamma"];
    public Tensor Bn1Beta => field ??= this["batch_normalization_1_beta"];
    public Tensor Bn1Mean => field ??= this["batch_normalization_1_mean"];
    public Tensor Bn1Variance => field ??= this["batch_normalization_1_variance"];
    public Tensor Depthwise1 => field ??= this["depthwise_conv2d_1_w"];
    public Tensor Bn2Gamma => field ??= this["batch_normalization_2_gamma"];
    public Tensor Bn2Beta => field ??= this["batch_normalization_2_beta"];
    public Tensor Bn2Mean => field ??= this["batch_normalization_2_mean"];
    public Tensor Bn2Variance => field ??= this["batch_normalization_2_variance"];
    public Tensor Conv2 => field ??= this["conv2d_2_w"];
    public Tensor Bn3Gamma => field ??= this["batch_normalization_3_gamma"];
    public Tensor Bn3Beta => field ??= this["batch_normalization_3_beta"];
    public Tensor Bn3Mean => field ??= this["batch_normalization_3_mean"];
    public Tensor Bn3Variance => field ??= this["batch_normalization_3_variance"];
    public Tensor Depthwise2 => field ??= this["depthwise_conv2d_2_w"];
    public Tensor Bn4Gamma => field ??= this["batch_normalization_4_gamma"];
    public Tensor Bn4Beta => field ??= this["batch_normalization_4_beta"];
    public Tensor Bn4Mean => field ??= this["batch_normalization_4_mean"];
    public Tensor Bn4Variance => field ??= this["batch_normalization_4_variance"];
    public Tensor Conv3 => field ??= this["conv2d_3_w"];
    public Tensor Bn5Gamma => field ??= this["batch_normalization_5_gamma"];
    public Tensor Bn5Beta => field ??= this["batch_normalization_5_beta"];
    public Tensor Bn5Mean => field ??= this["batch_normalization_5_mean"];
    public Tensor Bn5Variance => field ??= this["batch_normalization_5_variance"];
    public Tensor Depthwise3 => field ??= this["depthwise_conv2d_3_w"];
    public Tensor Bn6Gamma => field ??= this["batch_normalization_6_gamma"];
    public Tensor Bn6Beta => field ??= this["batch_normalization_6_beta"];
    public Tensor Bn6Mean => field ??= this["batch_normalization_6_mean"];
    public Tensor Bn6Variance => field ??= this["batch_normalization_6_variance"];
    public Tensor Conv4 => field ??= this["conv2d_4_w"];
    public Tensor Bn7Gamma => field ??= this["batch_normalization_7_gamma"];
    public Tensor Bn7Beta => field ??= this["batch_normalization_7_beta"];
    public Tensor Bn7Mean => field ??= this["batch_normalization_7_mean"];
    public Tensor Bn7Variance => field ??= this["batch_normalization_7_variance"];
    public Tensor Depthwise4 => field ??= this["depthwise_conv2d_4_w"];
    public Tensor Bn8Gamma => field ??= this["batch_normalization_8_gamma"];
    public Tensor Bn8Beta => field ??= this["batch_normalization_8_beta"];
    public Tensor Bn8Mean => field ??= this["batch_normalization_8_mean"];
    public Tensor Bn8Variance => field ??= this["batch_normalization_8_variance"];
    public Tensor Conv5 => field ??= this["conv2d_5_w"];
    public Tensor Bn9Gamma => field ??= this["batch_normalization_9_gamma"];
    public Tensor Bn9Beta => field ??= this["batch_normalization_9_beta"];
    public Tensor Bn9Mean => field ??= this["batch_normalization_9_mean"];
    public Tensor Bn9Variance => field ??= this["batch_normalization_9_variance"];
    public Tensor Depthwise5 => field ??= this["depthwise_conv2d_5_w"];
    public Tensor Bn10Gamma => field ??= this["batch_normalization_10_gamma"];
    public Tensor Bn10Beta => field ??= this["batch_normalization_10_beta"];
    public Tensor Bn10Mean => field ??= this["batch_normalization_10_mean"];
    public Tensor Bn10Variance => field ??= this["batch_normalization_10_variance"];
    public Tensor Conv6 => field ??= this["conv2d_6_w"];
    public Tensor Bn11Gamma => field ??= this["batch_normalization_11_gamma"];
    public Tensor Bn11Beta => field ??= this["batch_normalization_11_beta"];
    public Tensor Bn11Mean => field ??= this["batch_normalization_11_mean"];
    public Tensor Bn11Variance => field ??= this["batch_normalization_11_variance"];
    public Tensor Depthwise6 => field ??= this["depthwise_conv2d_6_w"];
    public Tensor Bn12Gamma => field ??= this["batch_normalization_12_gamma"];
    public Tensor Bn12Beta => field ??= this["batch_normalization_12_beta"];
    public Tensor Bn12Mean => field ??= this["batch_normalization_12_mean"];
    public Tensor Bn12Variance => field ??= this["batch_normalization_12_variance"];
    public Tensor Conv7 => field ??= this["conv2d_7_w"];
    public Tensor Bn13Gamma => field ??= this["batch_normalization_13_gamma"];
    public Tensor Bn13Beta => field ??= this["batch_normalization_13_beta"];
    public Tensor Bn13Mean => field ??= this["batch_normalization_13_mean"];
    public Tensor Bn13Variance => field ??= this["batch_normalization_13_variance"];
    public Tensor Depthwise7 => field ??= this["depthwise_conv2d_7_w"];
    public Tensor Bn14Gamma => field ??= this["batch_normalization_14_gamma"];
    public Tensor Bn14Beta => field ??= this["batch_normalization_14_beta"];
    public Tensor Bn14Mean => field ??= this["batch_normalization_14_mean"];
    public Tensor Bn14Variance => field ??= this["batch_normalization_14_variance"];
    public Tensor Conv8 => field ??= this["conv2d_8_w"];
    public Tensor Bn15Gamma => field ??= this["batch_normalization_15_gamma"];
    public Tensor Bn15Beta => field ??= this["batch_normalization_15_beta"];
    public Tensor Bn15Mean => field ??= this["batch_normalization_15_mean"];
    public Tensor Bn15Variance => field ??= this["batch_normalization_15_variance"];
    public Tensor Depthwise8 => field ??= this["depthwise_conv2d_8_w"];
    public Tensor Bn16Gamma => field ??= this["batch_normalization_16_gamma"];
    public Tensor Bn16Beta => field ??= this["batch_normalization_16_beta"];
    public Tensor Bn16Mean => field ??= this["batch_normalization_16_mean"];
    public Tensor Bn16Variance => field ??= this["batch_normalization_16_variance"];
    public Tensor Conv9 => field ??= this["conv2d_9_w"];
    public Tensor Bn17Gamma => field ??= this["batch_normalization_17_gamma"];
    public Tensor Bn17Beta => field ??= this["batch_normalization_17_beta"];
    public Tensor Bn17Mean => field ??= this["batch_normalization_17_mean"];
    public Tensor Bn17Variance => field ??= this["batch_normalization_17_variance"];
    public Tensor Depthwise9 => field ??= this["depthwise_conv2d_9_w"];
    public Tensor Bn18Gamma => field ??= this["batch_normalization_18_gamma"];
    public Tensor Bn18Beta => field ??= this["batch_normalization_18_beta"];
    public Tensor Bn18Mean => field ??= this["batch_normalization_18_mean"];
    public Tensor Bn18Variance => field ??= this["batch_normalization_18_variance"];
    public Tensor Conv10 => field ??= this["conv2d_10_w"];
    public Tensor Bn19Gamma => field ??= this["batch_normalization_19_gamma"];
    public Tensor Bn19Beta => field ??= this["batch_normalization_19_beta"];
    public Tensor Bn19Mean => field ??= this["batch_normalization_19_mean"];
    public Tensor Bn19Variance => field ??= this["batch_normalization_19_variance"];
    public Tensor Depthwise10 => field ??= this["depthwise_conv2d_10_w"];
    public Tensor Bn20Gamma => field ??= this["batch_normalization_20_gamma"];
    public Tensor Bn20Beta => field ??= this["batch_normalization_20_beta"];
    public Tensor Bn20Mean => field ??= this["batch_normalization_20_mean"];
    public Tensor Bn20Variance => field ??= this["batch_normalization_20_variance"];
    public Tensor Conv11 => field ??= this["conv2d_11_w"];
    public Tensor Bn21Gamma => field ??= this["batch_normalization_21_gamma"];
    public Tensor Bn21Beta => field ??= this["batch_normalization_21_beta"];
    public Tensor Bn21Mean => field ??= this["batch_normalization_21_mean"];
    public Tensor Bn21Variance => field ??= this["batch_normalization_21_variance"];
    public Tensor Depthwise11 => field ??= this["depthwise_conv2d_11_w"];
    public Tensor Bn22Gamma => field ??= this["batch_normalization_22_gamma"];
    public Tensor Bn22Beta => field ??= this["batch_normalization_22_beta"];
    public Tensor Bn22Mean => field ??= this["batch_normalization_22_mean"];
    public Tensor Bn22Variance => field ??= this["batch_normalization_22_variance"];
    public Tensor Conv12 => field ??= this["conv2d_12_w"];
    public Tensor Bn23Gamma => field ??= this["batch_normalization_23_gamma"];
    public Tensor Bn23Beta => field ??= this["batch_normalization_23_beta"];
    public Tensor Bn23Mean => field ??= this["batch_normalization_23_mean"];
    public Tensor Bn23Variance => field ??= this["batch_normalization_23_variance"];
    public Tensor Depthwise12 => field ??= this["depthwise_conv2d_12_w"];
    public Tensor Bn24Gamma => field ??= this["batch_normalization_24_gamma"];
    public Tensor Bn24Beta => field ??= this["batch_normalization_24_beta"];
    public Tensor Bn24Mean => field ??= this["batch_normalization_24_mean"];
    public Tensor Bn24Variance => field ??= this["batch_normalization_24_variance"];
    public Tensor Conv13 => field ??= this["conv2d_13_w"];
    public Tensor Bn25Gamma => field ??= this["batch_normalization_25_gamma"];
    public Tensor Bn25Beta => field ??= this["batch_normalization_25_beta"];
    public Tensor Bn25Mean => field ??= this["batch_normalization_25_mean"];
    public Tensor Bn25Variance => field ??= this["batch_normalization_25_variance"];
    public Tensor Depthwise13 => field ??= this["depthwise_conv2d_13_w"];
    public Tensor Bn26Gamma => field ??= this["batch_normalization_26_gamma"];
    public Tensor Bn26Beta => field ??= this["batch_normalization_26_beta"];
    public Tensor Bn26Mean => field ??= this["batch_normalization_26_mean"];
    public Tensor Bn26Variance => field ??= this["batch_normalization_26_variance"];
    public Tensor Conv14 => field ??= this["conv2d_14_w"];
    public Tensor Bn27Gamma => field ??= this["batch_normalization_27_gamma"];
    public Tensor Bn27Beta => field ??= this["batch_normalization_27_beta"];
    public Tensor Bn27Mean => field ??= this["batch_normalization_27_mean"];
    public Tensor Bn27Variance => field ??= this["batch_normalization_27_variance"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
}
