using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>lenet_mnist</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md).
/// <see cref="Create"/> draws them from a seed; <see cref="Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class LeNetMnistWeights
{
    /// <summary>The HPVM network name (also the weight sub-folder name).</summary>
    public const string Network = "lenet_mnist";

    /// <summary>Every weight tensor, in HPVM's order.</summary>
    public static readonly IReadOnlyList<WeightSpec> Specs =
    [
        WeightSpec.Conv("conv2d_1_w", 32, 1, 5, 5, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_1_b", 32),
        WeightSpec.Conv("conv2d_2_w", 64, 32, 5, 5, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_2_b", 64),
        WeightSpec.Dense("dense_1_w", 3136, 1024, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 1024),
        WeightSpec.Dense("dense_2_w", 1024, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_2_b", 10),
    ];

    private LeNetMnistWeights(WeightSet set)
    {
        Set = set;
        Conv1 = set["conv2d_1_w"];
        Bias1 = set["conv2d_1_b"];
        Conv2 = set["conv2d_2_w"];
        Bias2 = set["conv2d_2_b"];
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

    /// <summary><c>dense_1_w</c>.</summary>
    public Tensor Dense1 { get; }

    /// <summary><c>dense_1_b</c>.</summary>
    public Tensor DenseBias1 { get; }

    /// <summary><c>dense_2_w</c>.</summary>
    public Tensor Dense2 { get; }

    /// <summary><c>dense_2_b</c>.</summary>
    public Tensor DenseBias2 { get; }

    /// <summary>Deterministic weights drawn from <paramref name="seed"/>.</summary>
    public static LeNetMnistWeights Create(int seed) => new(WeightSet.Create(Network, Specs, seed));

    /// <summary>HPVM's weight files from <paramref name="folder"/> (a clear error names any missing or mis-sized file).</summary>
    public static LeNetMnistWeights Load(string folder) => new(WeightSet.Load(Network, Specs, folder));

    /// <summary>Real weights when KNOBS_WEIGHTS_DIR / KnobsWeightsDir is set, otherwise <c>Create(42)</c>.</summary>
    public static LeNetMnistWeights Default() => new(WeightSet.Default(Network, Specs, seed: 42));
}
