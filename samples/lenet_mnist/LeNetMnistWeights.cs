using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of HPVM's <c>lenet_mnist</c>, named as HPVM's files are (see tests/data/hpvm/NETWORKS.md): the table
/// and one property per tensor. <see cref="NetworkWeights{TSelf}.Create"/> draws them from a seed;
/// <see cref="NetworkWeights{TSelf}.Load"/> reads HPVM's raw float32 files.
/// </summary>
public sealed class LeNetMnistWeights : NetworkWeights<LeNetMnistWeights>, INetworkWeights<LeNetMnistWeights>
{
    private LeNetMnistWeights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "lenet_mnist";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
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

    static LeNetMnistWeights INetworkWeights<LeNetMnistWeights>.Wrap(WeightSet set) => new(set);

    public Tensor Conv1 => field ??= this["conv2d_1_w"];
    public Tensor Bias1 => field ??= this["conv2d_1_b"];
    public Tensor Conv2 => field ??= this["conv2d_2_w"];
    public Tensor Bias2 => field ??= this["conv2d_2_b"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
    public Tensor Dense2 => field ??= this["dense_2_w"];
    public Tensor DenseBias2 => field ??= this["dense_2_b"];
}
