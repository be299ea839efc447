using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>mobilenet_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md).
/// <see cref="Create"/> draws them from a seed; <see cref="Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class MobileNetCifar10Weights
{
    /// <summary>The HPVM network name (also the weight sub-folder name).</summary>
    public const string Network = "mobilenet_cifar10";

    /// <summary>Every weight tensor, in HPVM's order.</summary>
    public static readonly IReadOnlyList<WeightSpec> Specs =
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

    private MobileNetCifar10Weights(WeightSet set)
    {
        Set = set;
        Conv1 = set["conv2d_1_w"];
        Bn1Gamma = set["batch_normalization_1_gamma"];
        Bn1Beta = set["batch_normalization_1_beta"];
        Bn1Mean = set["batch_normalization_1_mean"];
        Bn1Variance = set["batch_normalization_1_variance"];
        Depthwise1 = set["depthwise_conv2d_1_w"];
        Bn2Gamma = set["batch_normalization_2_gamma"];
        Bn2Beta = set["batch_normalization_2_beta"];
        Bn2Mean = set["batch_normalization_2_mean"];
        Bn2Variance = set["batch_normalization_2_variance"];
        Conv2 = set["conv2d_2_w"];
        Bn3Gamma = set["batch_normalization_3_gamma"];
        Bn3Beta = set["batch_normalization_3_beta"];
        Bn3Mean = set["batch_normalization_3_mean"];
        Bn3Variance = set["batch_normalization_3_variance"];
        Depthwise2 = set["depthwise_conv2d_2_w"];
        Bn4Gamma = set["batch_normalization_4_gamma"];
        Bn4Beta = set["batch_normalization_4_beta"];
        Bn4Mean = set["batch_normalization_4_mean"];
        Bn4Variance = set["batch_normalization_4_variance"];
        Conv3 = set["conv2d_3_w"];
        Bn5Gamma = set["batch_normalization_5_gamma"];
        Bn5Beta = set["batch_normalization_5_beta"];
        Bn5Mean = set["batch_normalization_5_mean"];
        Bn5Variance = set["batch_normalization_5_variance"];
        Depthwise3 = set["depthwise_conv2d_3_w"];
        Bn6Gamma = set["batch_normalization_6_gamma"];
        Bn6Beta = set["batch_normalization_6_beta"];
        Bn6Mean = set["batch_normalization_6_mean"];
        Bn6Variance = set["batch_normalization_6_variance"];
        Conv4 = set["conv2d_4_w"];
        Bn7Gamma = set["batch_normalization_7_gamma"];
        Bn7Beta = set["batch_normalization_7_beta"];
        Bn7Mean = set["batch_normalization_7_mean"];
        Bn7Variance = set["batch_normalization_7_variance"];
        Depthwise4 = set["depthwise_conv2d_4_w"];
        Bn8Gamma = set["batch_normalization_8_gamma"];
        Bn8Beta = set["batch_normalization_8_beta"];
        Bn8Mean = set["batch_normalization_8_mean"];
        Bn8Variance = set["batch_normalization_8_variance"];
        Conv5 = set["conv2d_5_w"];
        Bn9Gamma = set["batch_normalization_9_gamma"];
        Bn9Beta = set["batch_normalization_9_beta"];
        Bn9Mean = set["batch_normalization_9_mean"];
        Bn9Variance = set["batch_normalization_9_variance"];
        Depthwise5 = set["depthwise_conv2d_5_w"];
        Bn10Gamma = set["batch_normalization_10_gamma"];
        Bn10Beta = set["batch_normalization_10_beta"];
        Bn10Mean = set["batch_normalization_10_mean"];
        Bn10Variance = set["batch_normalization_10_variance"];
        Conv6 = set["conv2d_6_w"];
        Bn11Gamma = set["batch_normalization_11_gamma"];
        Bn11Beta = set["batch_normalization_11_beta"];
        Bn11Mean = set["batch_normalization_11_mean"];
        Bn11Variance = set["batch_normalization_11_variance"];
        Depthwise6 = set["depthwise_conv2d_6_w"];
        Bn12Gamma = set["batch_normalization_12_gamma"];
        Bn12Beta = set["batch_normalization_12_beta"];
        Bn12Mean = set["batch_normalization_12_mean"];
        Bn12Variance = set["batch_normalization_12_variance"];
        Conv7 = set["conv2d_7_w"];
        Bn13Gamma = set["batch_normalization_13_gamma"];
        Bn13Beta = set["batch_normalization_13_beta"];
        Bn13Mean = set["batch_normalization_13_mean"];
        Bn13Variance = set["batch_normalization_13_variance"];
        Depthwise7 = set["depthwise_conv2d_7_w"];
        Bn14Gamma = set["batch_normalization_14_gamma"];
        Bn14Beta = set["batch_normalization_14_beta"];
        Bn14Mean = set["batch_normalization_14_mean"];
        Bn14Variance = set["batch_normalization_14_variance"];
        Conv8 = set["conv2d_8_w"];
        Bn15Gamma = set["batch_normalization_15_gamma"];
        Bn15Beta = set["batch_normalization_15_beta"];
        Bn15Mean = set["batch_normalization_15_mean"];
        Bn15Variance = set["batch_normalization_15_variance"];
        Depthwise8 = set["depthwise_conv2d_8_w"];
        Bn16Gamma = set["batch_normalization_16_gamma"];
        Bn16Beta = set["batch_normalization_16_beta"];
        Bn16Mean = set["batch_normalization_16_mean"];
        Bn16Variance = set["batch_normalization_16_variance"];
        Conv9 = set["conv2d_9_w"];
        Bn17Gamma = set["batch_normalization_17_gamma"];
        Bn17Beta = set["batch_normalization_17_beta"];
        Bn17Mean = set["batch_normalization_17_mean"];
        Bn17Variance = set["batch_normalization_17_variance"];
        Depthwise9 = set["depthwise_conv2d_9_w"];
        Bn18Gamma = set["batch_normalization_18_gamma"];
        Bn18Beta = set["batch_normalization_18_beta"];
        Bn18Mean = set["batch_normalization_18_mean"];
        Bn18Variance = set["batch_normalization_18_variance"];
        Conv10 = set["conv2d_10_w"];
        Bn19Gamma = set["batch_normalization_19_gamma"];
        Bn19Beta = set["batch_normalization_19_beta"];
        Bn19Mean = set["batch_normalization_19_mean"];
        Bn19Variance = set["batch_normalization_19_variance"];
        Depthwise10 = set["depthwise_conv2d_10_w"];
        Bn20Gamma = set["batch_normalization_20_gamma"];
        Bn20Beta = set["batch_normalization_20_beta"];
        Bn20Mean = set["batch_normalization_20_mean"];
        Bn20Variance = set["batch_normalization_20_variance"];
        Conv11 = set["conv2d_11_w"];
        Bn21Gamma = set["batch_normalization_21_gamma"];
        Bn21Beta = set["batch_normalization_21_beta"];
        Bn21Mean = set["batch_normalization_21_mean"];
        Bn21Variance = set["batch_normalization_21_variance"];
        Depthwise11 = set["depthwise_conv2d_11_w"];
        Bn22Gamma = set["batch_normalization_22_gamma"];
        Bn22Beta = set["batch_normalization_22_beta"];
        Bn22Mean = set["batch_normalization_22_mean"];
        Bn22Variance = set["batch_normalization_22_variance"];
        Conv12 = set["conv2d_12_w"];
        Bn23Gamma = set["batch_normalization_23_gamma"];
        Bn23Beta = set["batch_normalization_23_beta"];
        Bn23Mean = set["batch_normalization_23_mean"];
        Bn23Variance = set["batch_normalization_23_variance"];
        Depthwise12 = set["depthwise_conv2d_12_w"];
        Bn24Gamma = set["batch_normalization_24_gamma"];
        Bn24Beta = set["batch_normalization_24_beta"];
        Bn24Mean = set["batch_normalization_24_mean"];
        Bn24Variance = set["batch_normalization_24_variance"];
        Conv13 = set["conv2d_13_w"];
        Bn25Gamma = set["batch_normalization_25_gamma"];
        Bn25Beta = set["batch_normalization_25_beta"];
        Bn25Mean = set["batch_normalization_25_mean"];
        Bn25Variance = set["batch_normalization_25_variance"];
        Depthwise13 = set["depthwise_conv2d_13_w"];
        Bn26Gamma = set["batch_normalization_26_gamma"];
        Bn26Beta = set["batch_normalization_26_beta"];
        Bn26Mean = set["batch_normalization_26_mean"];
        Bn26Variance = set["batch_normalization_26_variance"];
        Conv14 = set["conv2d_14_w"];
        Bn27Gamma = set["batch_normalization_27_gamma"];
        Bn27Beta = set["batch_normalization_27_beta"];
        Bn27Mean = set["batch_normalization_27_mean"];
        Bn27Variance = set["batch_normalization_27_variance"];
        Dense1 = set["dense_1_w"];
        DenseBias1 = set["dense_1_b"];
    }

    /// <summary>The tensors by HPVM file name (for export and inspection).</summary>
    public WeightSet Set { get; }

    /// <summary><c>conv2d_1_w</c>.</summary>
    public Tensor Conv1 { get; }

    /// <summary><c>batch_normalization_1_gamma</c>.</summary>
    public Tensor Bn1Gamma { get; }

    /// <summary><c>batch_normalization_1_beta</c>.</summary>
    public Tensor Bn1Beta { get; }

    /// <summary><c>batch_normalization_1_mean</c>.</summary>
    public Tensor Bn1Mean { get; }

    /// <summary><c>batch_normalization_1_variance</c>.</summary>
    public Tensor Bn1Variance { get; }

    /// <summary><c>depthwise_conv2d_1_w</c>.</summary>
    public Tensor Depthwise1 { get; }

    /// <summary><c>batch_normalization_2_gamma</c>.</summary>
    public Tensor Bn2Gamma { get; }

    /// <summary><c>batch_normalization_2_beta</c>.</summary>
    public Tensor Bn2Beta { get; }

    /// <summary><c>batch_normalization_2_mean</c>.</summary>
    public Tensor Bn2Mean { get; }

    /// <summary><c>batch_normalization_2_variance</c>.</summary>
    public Tensor Bn2Variance { get; }

    /// <summary><c>conv2d_2_w</c>.</summary>
    public Tensor Conv2 { get; }

    /// <summary><c>batch_normalization_3_gamma</c>.</summary>
    public Tensor Bn3Gamma { get; }

    /// <summary><c>batch_normalization_3_beta</c>.</summary>
    public Tensor Bn3Beta { get; }

    /// <summary><c>batch_normalization_3_mean</c>.</summary>
    public Tensor Bn3Mean { get; }

    /// <summary><c>batch_normalization_3_variance</c>.</summary>
    public Tensor Bn3Variance { get; }

    /// <summary><c>depthwise_conv2d_2_w</c>.</summary>
    public Tensor Depthwise2 { get; }

    /// <summary><c>batch_normalization_4_gamma</c>.</summary>
    public Tensor Bn4Gamma { get; }

    /// <summary><c>batch_normalization_4_beta</c>.</summary>
    public Tensor Bn4Beta { get; }

    /// <summary><c>batch_normalization_4_mean</c>.</summary>
    public Tensor Bn4Mean { get; }

    /// <summary><c>batch_normalization_4_variance</c>.</summary>
    public Tensor Bn4Variance { get; }

    /// <summary><c>conv2d_3_w</c>.</summary>
    public Tensor Conv3 { get; }

    /// <summary><c>batch_normalization_5_gamma</c>.</summary>
    public Tensor Bn5Gamma { get; }

    /// <summary><c>batch_normalization_5_beta</c>.</summary>
    public Tensor Bn5Beta { get; }

    /// <summary><c>batch_normalization_5_mean</c>.</summary>
    public Tensor Bn5Mean { get; }

    /// <summary><c>batch_normalization_5_variance</c>.</summary>
    public Tensor Bn5Variance { get; }

    /// <summary><c>depthwise_conv2d_3_w</c>.</summary>
    public Tensor Depthwise3 { get; }

    /// <summary><c>batch_normalization_6_gamma</c>.</summary>
    public Tensor Bn6Gamma { get; }

    /// <summary><c>batch_normalization_6_beta</c>.</summary>
    public Tensor Bn6Beta { get; }

    /// <summary><c>batch_normalization_6_mean</c>.</summary>
    public Tensor Bn6Mean { get; }

    /// <summary><c>batch_normalization_6_variance</c>.</summary>
    public Tensor Bn6Variance { get; }

    /// <summary><c>conv2d_4_w</c>.</summary>
    public Tensor Conv4 { get; }

    /// <summary><c>batch_normalization_7_gamma</c>.</summary>
    public Tensor Bn7Gamma { get; }

    /// <summary><c>batch_normalization_7_beta</c>.</summary>
    public Tensor Bn7Beta { get; }

    /// <summary><c>batch_normalization_7_mean</c>.</summary>
    public Tensor Bn7Mean { get; }

    /// <summary><c>batch_normalization_7_variance</c>.</summary>
    public Tensor Bn7Variance { get; }

    /// <summary><c>depthwise_conv2d_4_w</c>.</summary>
    public Tensor Depthwise4 { get; }

    /// <summary><c>batch_normalization_8_gamma</c>.</summary>
    public Tensor Bn8Gamma { get; }

    /// <summary><c>batch_normalization_8_beta</c>.</summary>
    public Tensor Bn8Beta { get; }

    /// <summary><c>batch_normalization_8_mean</c>.</summary>
    public Tensor Bn8Mean { get; }

    /// <summary><c>batch_normalization_8_variance</c>.</summary>
    public Tensor Bn8Variance { get; }

    /// <summary><c>conv2d_5_w</c>.</summary>
    public Tensor Conv5 { get; }

    /// <summary><c>batch_normalization_9_gamma</c>.</summary>
    public Tensor Bn9Gamma { get; }

    /// <summary><c>batch_normalization_9_beta</c>.</summary>
    public Tensor Bn9Beta { get; }

    /// <summary><c>batch_normalization_9_mean</c>.</summary>
    public Tensor Bn9Mean { get; }

    /// <summary><c>batch_normalization_9_variance</c>.</summary>
    public Tensor Bn9Variance { get; }

    /// <summary><c>depthwise_conv2d_5_w</c>.</summary>
    public Tensor Depthwise5 { get; }

    /// <summary><c>batch_normalization_10_gamma</c>.</summary>
    public Tensor Bn10Gamma { get; }

    /// <summary><c>batch_normalization_10_beta</c>.</summary>
    public Tensor Bn10Beta { get; }

    /// <summary><c>batch_normalization_10_mean</c>.</summary>
    public Tensor Bn10Mean { get; }

    /// <summary><c>batch_normalization_10_variance</c>.</summary>
    public Tensor Bn10Variance { get; }

    /// <summary><c>conv2d_6_w</c>.</summary>
    public Tensor Conv6 { get; }

    /// <summary><c>batch_normalization_11_gamma</c>.</summary>
    public Tensor Bn11Gamma { get; }

    /// <summary><c>batch_normalization_11_beta</c>.</summary>
    public Tensor Bn11Beta { get; }

    /// <summary><c>batch_normalization_11_mean</c>.</summary>
    public Tensor Bn11Mean { get; }

    /// <summary><c>batch_normalization_11_variance</c>.</summary>
    public Tensor Bn11Variance { get; }

    /// <summary><c>depthwise_conv2d_6_w</c>.</summary>
    public Tensor Depthwise6 { get; }

    /// <summary><c>batch_normalization_12_gamma</c>.</summary>
    public Tensor Bn12Gamma { get; }

    /// <summary><c>batch_normalization_12_beta</c>.</summary>
    public Tensor Bn12Beta { get; }

    /// <summary><c>batch_normalization_12_mean</c>.</summary>
    public Tensor Bn12Mean { get; }

    /// <summary><c>batch_normalization_12_variance</c>.</summary>
    public Tensor Bn12Variance { get; }

    /// <summary><c>conv2d_7_w</c>.</summary>
    public Tensor Conv7 { get; }

    /// <summary><c>batch_normalization_13_gamma</c>.</summary>
    public Tensor Bn13Gamma { get; }

    /// <summary><c>batch_normalization_13_beta</c>.</summary>
    public Tensor Bn13Beta { get; }

    /// <summary><c>batch_normalization_13_mean</c>.</summary>
    public Tensor Bn13Mean { get; }

    /// <summary><c>batch_normalization_13_variance</c>.</summary>
    public Tensor Bn13Variance { get; }

    /// <summary><c>depthwise_conv2d_7_w</c>.</summary>
    public Tensor Depthwise7 { get; }

    /// <summary><c>batch_normalization_14_gamma</c>.</summary>
    public Tensor Bn14Gamma { get; }

    /// <summary><c>batch_normalization_14_beta</c>.</summary>
    public Tensor Bn14Beta { get; }

    /// <summary><c>batch_normalization_14_mean</c>.</summary>
    public Tensor Bn14Mean { get; }

    /// <summary><c>batch_normalization_14_variance</c>.</summary>
    public Tensor Bn14Variance { get; }

    /// <summary><c>conv2d_8_w</c>.</summary>
    public Tensor Conv8 { get; }

    /// <summary><c>batch_normalization_15_gamma</c>.</summary>
    public Tensor Bn15Gamma { get; }

    /// <summary><c>batch_normalization_15_beta</c>.</summary>
    public Tensor Bn15Beta { get; }

    /// <summary><c>batch_normalization_15_mean</c>.</summary>
    public Tensor Bn15Mean { get; }

    /// <summary><c>batch_normalization_15_variance</c>.</summary>
    public Tensor Bn15Variance { get; }

    /// <summary><c>depthwise_conv2d_8_w</c>.</summary>
    public Tensor Depthwise8 { get; }

    /// <summary><c>batch_normalization_16_gamma</c>.</summary>
    public Tensor Bn16Gamma { get; }

    /// <summary><c>batch_normalization_16_beta</c>.</summary>
    public Tensor Bn16Beta { get; }

    /// <summary><c>batch_normalization_16_mean</c>.</summary>
    public Tensor Bn16Mean { get; }

    /// <summary><c>batch_normalization_16_variance</c>.</summary>
    public Tensor Bn16Variance { get; }

    /// <summary><c>conv2d_9_w</c>.</summary>
    public Tensor Conv9 { get; }

    /// <summary><c>batch_normalization_17_gamma</c>.</summary>
    public Tensor Bn17Gamma { get; }

    /// <summary><c>batch_normalization_17_beta</c>.</summary>
    public Tensor Bn17Beta { get; }

    /// <summary><c>batch_normalization_17_mean</c>.</summary>
    public Tensor Bn17Mean { get; }

    /// <summary><c>batch_normalization_17_variance</c>.</summary>
    public Tensor Bn17Variance { get; }

    /// <summary><c>depthwise_conv2d_9_w</c>.</summary>
    public Tensor Depthwise9 { get; }

    /// <summary><c>batch_normalization_18_gamma</c>.</summary>
    public Tensor Bn18Gamma { get; }

    /// <summary><c>batch_normalization_18_beta</c>.</summary>
    public Tensor Bn18Beta { get; }

    /// <summary><c>batch_normalization_18_mean</c>.</summary>
    public Tensor Bn18Mean { get; }

    /// <summary><c>batch_normalization_18_variance</c>.</summary>
    public Tensor Bn18Variance { get; }

    /// <summary><c>conv2d_10_w</c>.</summary>
    public Tensor Conv10 { get; }

    /// <summary><c>batch_normalization_19_gamma</c>.</summary>
    public Tensor Bn19Gamma { get; }

    /// <summary><c>batch_normalization_19_beta</c>.</summary>
    public Tensor Bn19Beta { get; }

    /// <summary><c>batch_normalization_19_mean</c>.</summary>
    public Tensor Bn19Mean { get; }

    /// <summary><c>batch_normalization_19_variance</c>.</summary>
    public Tensor Bn19Variance { get; }

    /// <summary><c>depthwise_conv2d_10_w</c>.</summary>
    public Tensor Depthwise10 { get; }

    /// <summary><c>batch_normalization_20_gamma</c>.</summary>
    public Tensor Bn20Gamma { get; }

    /// <summary><c>batch_normalization_20_beta</c>.</summary>
    public Tensor Bn20Beta { get; }

    /// <summary><c>batch_normalization_20_mean</c>.</summary>
    public Tensor Bn20Mean { get; }

    /// <summary><c>batch_normalization_20_variance</c>.</summary>
    public Tensor Bn20Variance { get; }

    /// <summary><c>conv2d_11_w</c>.</summary>
    public Tensor Conv11 { get; }

    /// <summary><c>batch_normalization_21_gamma</c>.</summary>
    public Tensor Bn21Gamma { get; }

    /// <summary><c>batch_normalization_21_beta</c>.</summary>
    public Tensor Bn21Beta { get; }

    /// <summary><c>batch_normalization_21_mean</c>.</summary>
    public Tensor Bn21Mean { get; }

    /// <summary><c>batch_normalization_21_variance</c>.</summary>
    public Tensor Bn21Variance { get; }

    /// <summary><c>depthwise_conv2d_11_w</c>.</summary>
    public Tensor Depthwise11 { get; }

    /// <summary><c>batch_normalization_22_gamma</c>.</summary>
    public Tensor Bn22Gamma { get; }

    /// <summary><c>batch_normalization_22_beta</c>.</summary>
    public Tensor Bn22Beta { get; }

    /// <summary><c>batch_normalization_22_mean</c>.</summary>
    public Tensor Bn22Mean { get; }

    /// <summary><c>batch_normalization_22_variance</c>.</summary>
    public Tensor Bn22Variance { get; }

    /// <summary><c>conv2d_12_w</c>.</summary>
    public Tensor Conv12 { get; }

    /// <summary><c>batch_normalization_23_gamma</c>.</summary>
    public Tensor Bn23Gamma { get; }

    /// <summary><c>batch_normalization_23_beta</c>.</summary>
    public Tensor Bn23Beta { get; }

    /// <summary><c>batch_normalization_23_mean</c>.</summary>
    public Tensor Bn23Mean { get; }

    /// <summary><c>batch_normalization_23_variance</c>.</summary>
    public Tensor Bn23Variance { get; }

    /// <summary><c>depthwise_conv2d_12_w</c>.</summary>
    public Tensor Depthwise12 { get; }

    /// <summary><c>batch_normalization_24_gamma</c>.</summary>
    public Tensor Bn24Gamma { get; }

    /// <summary><c>batch_normalization_24_beta</c>.</summary>
    public Tensor Bn24Beta { get; }

    /// <summary><c>batch_normalization_24_mean</c>.</summary>
    public Tensor Bn24Mean { get; }

    /// <summary><c>batch_normalization_24_variance</c>.</summary>
    public Tensor Bn24Variance { get; }

    /// <summary><c>conv2d_13_w</c>.</summary>
    public Tensor Conv13 { get; }

    /// <summary><c>batch_normalization_25_gamma</c>.</summary>
    public Tensor Bn25Gamma { get; }

    /// <summary><c>batch_normalization_25_beta</c>.</summary>
    public Tensor Bn25Beta { get; }

    /// <summary><c>batch_normalization_25_mean</c>.</summary>
    public Tensor Bn25Mean { get; }

    /// <summary><c>batch_normalization_25_variance</c>.</summary>
    public Tensor Bn25Variance { get; }

    /// <summary><c>depthwise_conv2d_13_w</c>.</summary>
    public Tensor Depthwise13 { get; }

    /// <summary><c>batch_normalization_26_gamma</c>.</summary>
    public Tensor Bn26Gamma { get; }

    /// <summary><c>batch_normalization_26_beta</c>.</summary>
    public Tensor Bn26Beta { get; }

    /// <summary><c>batch_normalization_26_mean</c>.</summary>
    public Tensor Bn26Mean { get; }

    /// <summary><c>batch_normalization_26_variance</c>.</summary>
    public Tensor Bn26Variance { get; }

    /// <summary><c>conv2d_14_w</c>.</summary>
    public Tensor Conv14 { get; }

    /// <summary><c>batch_normalization_27_gamma</c>.</summary>
    public Tensor Bn27Gamma { get; }

    /// <summary><c>batch_normalization_27_beta</c>.</summary>
    public Tensor Bn27Beta { get; }

    /// <summary><c>batch_normalization_27_mean</c>.</summary>
    public Tensor Bn27Mean { get; }

    /// <summary><c>batch_normalization_27_variance</c>.</summary>
    public Tensor Bn27Variance { get; }

    /// <summary><c>dense_1_w</c>.</summary>
    public Tensor Dense1 { get; }

    /// <summary><c>dense_1_b</c>.</summary>
    public Tensor DenseBias1 { get; }

    /// <summary>Deterministic weights drawn from <paramref name="seed"/>.</summary>
    public static MobileNetCifar10Weights Create(int seed) => new(WeightSet.Create(Network, Specs, seed));

    /// <summary>HPVM's weight files from <paramref name="folder"/> (a clear error names any missing or mis-sized file).</summary>
    public static MobileNetCifar10Weights Load(string folder) => new(WeightSet.Load(Network, Specs, folder));

    /// <summary>Real weights when KNOBS_WEIGHTS_DIR / KnobsWeightsDir is set, otherwise <c>Create(42)</c>.</summary>
    public static MobileNetCifar10Weights Default() => new(WeightSet.Default(Network, Specs, seed: 42));
}
