using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>alexnet_cifar10</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md).
/// <see cref="Create"/> draws them from a seed; <see cref="Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class AlexNetCifar10Weights
{
    /// <summary>The HPVM network name (also the weight sub-folder name).</summary>
    public const string Network = "alexnet_cifar10";

    /// <summary>Every weight tensor, in HPVM's order.</summary>
    public static readonly IReadOnlyList<WeightSpec> Specs =
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

    private AlexNetCifar10Weights(WeightSet set)
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
        Dense1 = set["dense_1_w"];
        DenseBias1 = set["dense_1_b"];
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

    /// <summary><c>dense_1_w</c>.</summary>
    public Tensor Dense1 { get; }

    /// <summary><c>dense_1_b</c>.</summary>
    public Tensor DenseBias1 { get; }

    /// <summary>Deterministic weights drawn from <paramref name="seed"/>.</summary>
    public static AlexNetCifar10Weights Create(int seed) => new(WeightSet.Create(Network, Specs, seed));

    /// <summary>HPVM's weight files from <paramref name="folder"/> (a clear error names any missing or mis-sized file).</summary>
    public static AlexNetCifar10Weights Load(string folder) => new(WeightSet.Load(Network, Specs, folder));

    /// <summary>Real weights when KNOBS_WEIGHTS_DIR / KnobsWeightsDir is set, otherwise <c>Create(42)</c>.</summary>
    public static AlexNetCifar10Weights Default() => new(WeightSet.Default(Network, Specs, seed: 42));
}
