using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>vgg16_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md).
/// <see cref="Create"/> draws them from a seed; <see cref="Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class Vgg16Cifar10Weights
{
    /// <summary>The HPVM network name (also the weight sub-folder name).</summary>
    public const string Network = "vgg16_cifar10";

    /// <summary>Every weight tensor, in HPVM's order.</summary>
    public static readonly IReadOnlyList<WeightSpec> Specs =
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

    private Vgg16Cifar10Weights(WeightSet set)
    {
        Set = set;
        Conv1 = set["conv2d_1_w"];
        Bias1 = set["conv2d_1_b"];
        Conv2 = set["conv2d_2_w"];
        Bias2 = set["conv2d_2_b"];
        Conv3 = set["conv2d_3_w"];
        Bias3 = set["conv2d_3_b"];
        Conv4 = set["conv2d_4_w"];
        Bias4 = set["conv2d_4_b"];
        Conv5 = set["conv2d_5_w"];
        Bias5 = set["conv2d_5_b"];
        Conv6 = set["conv2d_6_w"];
        Bias6 = set["conv2d_6_b"];
        Conv7 = set["conv2d_7_w"];
        Bias7 = set["conv2d_7_b"];
        Conv8 = set["conv2d_8_w"];
        Bias8 = set["conv2d_8_b"];
        Conv9 = set["conv2d_9_w"];
        Bias9 = set["conv2d_9_b"];
        Conv10 = set["conv2d_10_w"];
        Bias10 = set["conv2d_10_b"];
        Conv11 = set["conv2d_11_w"];
        Bias11 = set["conv2d_11_b"];
        Conv12 = set["conv2d_12_w"];
        Bias12 = set["conv2d_12_b"];
        Conv13 = set["conv2d_13_w"];
        Bias13 = set["conv2d_13_b"];
        Dense1 = set["dense_1_w"];
        DenseBias1 = set["dense_1_b"];
        Dense2 = set["dense_2_w"];
        DenseBias2 = set["dense_2_b"];
    }

    /// <summary>The tensors by HPVM file name (for export and inspection).</summary>
    public WeightSet Set { get; }

    /// <summary><c>conv2d_1_w</c>.</summary>
    public Tensor Conv1 { get; }

    /// <summary><c>conv2d_1_b</c>.</summary>
    public Tensor Bias1 { get; }

    /// <summary><c>conv2d_2_w</c>.</summary>
    public Tensor Conv2 { get; }

    /// <summary><c>conv2d_2_b</c>.</summary>
    public Tensor Bias2 { get; }

    /// <summary><c>conv2d_3_w</c>.</summary>
    public Tensor Conv3 { get; }

    /// <summary><c>conv2d_3_b</c>.</summary>
    public Tensor Bias3 { get; }

    /// <summary><c>conv2d_4_w</c>.</summary>
    public Tensor Conv4 { get; }

    /// <summary><c>conv2d_4_b</c>.</summary>
    public Tensor Bias4 { get; }

    /// <summary><c>conv2d_5_w</c>.</summary>
    public Tensor Conv5 { get; }

    /// <summary><c>conv2d_5_b</c>.</summary>
    public Tensor Bias5 { get; }

    /// <summary><c>conv2d_6_w</c>.</summary>
    public Tensor Conv6 { get; }

    /// <summary><c>conv2d_6_b</c>.</summary>
    public Tensor Bias6 { get; }

    /// <summary><c>conv2d_7_w</c>.</summary>
    public Tensor Conv7 { get; }

    /// <summary><c>conv2d_7_b</c>.</summary>
    public Tensor Bias7 { get; }

    /// <summary><c>conv2d_8_w</c>.</summary>
    public Tensor Conv8 { get; }

    /// <summary><c>conv2d_8_b</c>.</summary>
    public Tensor Bias8 { get; }

    /// <summary><c>conv2d_9_w</c>.</summary>
    public Tensor Conv9 { get; }

    /// <summary><c>conv2d_9_b</c>.</summary>
    public Tensor Bias9 { get; }

    /// <summary><c>conv2d_10_w</c>.</summary>
    public Tensor Conv10 { get; }

    /// <summary><c>conv2d_10_b</c>.</summary>
    public Tensor Bias10 { get; }

    /// <summary><c>conv2d_11_w</c>.</summary>
    public Tensor Conv11 { get; }

    /// <summary><c>conv2d_11_b</c>.</summary>
    public Tensor Bias11 { get; }

    /// <summary><c>conv2d_12_w</c>.</summary>
    public Tensor Conv12 { get; }

    /// <summary><c>conv2d_12_b</c>.</summary>
    public Tensor Bias12 { get; }

    /// <summary><c>conv2d_13_w</c>.</summary>
    public Tensor Conv13 { get; }

    /// <summary><c>conv2d_13_b</c>.</summary>
    public Tensor Bias13 { get; }

    /// <summary><c>dense_1_w</c>.</summary>
    public Tensor Dense1 { get; }

    /// <summary><c>dense_1_b</c>.</summary>
    public Tensor DenseBias1 { get; }

    /// <summary><c>dense_2_w</c>.</summary>
    public Tensor Dense2 { get; }

    /// <summary><c>dense_2_b</c>.</summary>
    public Tensor DenseBias2 { get; }

    /// <summary>Deterministic weights drawn from <paramref name="seed"/>.</summary>
    public static Vgg16Cifar10Weights Create(int seed) => new(WeightSet.Create(Network, Specs, seed));

    /// <summary>HPVM's weight files from <paramref name="folder"/> (a clear error names any missing or mis-sized file).</summary>
    public static Vgg16Cifar10Weights Load(string folder) => new(WeightSet.Load(Network, Specs, folder));

    /// <summary>Real weights when KNOBS_WEIGHTS_DIR / KnobsWeightsDir is set, otherwise <c>Create(42)</c>.</summary>
    public static Vgg16Cifar10Weights Default() => new(WeightSet.Default(Network, Specs, seed: 42));
}
