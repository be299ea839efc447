using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weights of the <c>lenet_digits</c> sample, named as HPVM's files are: the table and one property per tensor.
/// <see cref="LeNetDigits"/> loads the ones train.py wrote (<see cref="NetworkWeights{TSelf}.Load"/>);
/// <see cref="NetworkWeights{TSelf}.Create"/> still draws seeded ones, for tests that want other values.
/// </summary>
public sealed class LeNetDigitsWeights : NetworkWeights<LeNetDigitsWeights>, INetworkWeights<LeNetDigitsWeights>
{
    private LeNetDigitsWeights(WeightSet set) : base(set) { }

    /// <inheritdoc/>
    public static string Network => "lenet_digits";

    /// <inheritdoc/>
    public static IReadOnlyList<WeightSpec> Specs { get; } =
    [
        WeightSpec.Conv("conv2d_1_w", 16, 1, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_1_b", 16),
        WeightSpec.Conv("conv2d_2_w", 32, 16, 3, 3, WeightSpec.LinearGain),
        WeightSpec.Bias("conv2d_2_b", 32),
        WeightSpec.Dense("dense_1_w", 128, 64, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_1_b", 64),
        WeightSpec.Dense("dense_2_w", 64, 10, WeightSpec.LinearGain),
        WeightSpec.Bias("dense_2_b", 10),
    ];

    static LeNetDigitsWeights INetworkWeights<LeNetDigitsWeights>.Wrap(WeightSet set) => new(set);

    public Tensor Conv1 => field ??= this["conv2d_1_w"];
    public Tensor Bias1 => field ??= this["conv2d_1_b"];
    public Tensor Conv2 => field ??= this["conv2d_2_w"];
    public Tensor Bias2 => field ??= this["conv2d_2_b"];
    public Tensor Dense1 => field ??= this["dense_1_w"];
    public Tensor DenseBias1 => field ??= this["dense_1_b"];
    public Tensor Dense2 => field ??= this["dense_2_w"];
    public Tensor DenseBias2 => field ??= this["dense_2_b"];
}
