using System;
using System.Globalization;
using System.Linq;

namespace Knobs.Samples;

/// <summary>
/// One weight tensor of a network: its HPVM file name (without <c>.bin</c>), shape (NCHW, as HPVM stores it),
/// role, and the gain of the activation that follows it (√2 for relu, 1 for tanh or none), used to scale
/// seeded values so activations neither vanish nor blow up through the network.
/// </summary>
public sealed record WeightSpec(string Name, int[] Shape, WeightRole Role, double Gain)
{
    /// <summary>Gain for layers followed by relu (He initialisation).</summary>
    public const double ReluGain = 1.4142135623730951;

    /// <summary>Gain for layers followed by tanh, or by nothing (LeCun initialisation).</summary>
    public const double LinearGain = 1.0;

    /// <summary>Element count.</summary>
    public int Length => Shape.Aggregate(1, (a, b) => checked(a * b));

    /// <summary>Size of the raw little-endian float32 file.</summary>
    public long Bytes => 4L * Length;

    /// <summary>Inputs feeding one output: Cin/groups·Kh·Kw for a filter, rows for a dense matrix.</summary>
    public int FanIn => Role switch
    {
        WeightRole.ConvFilter => Shape[1] * Shape[2] * Shape[3],
        WeightRole.DenseMatrix => Shape[2],
        _ => 1,
    };

    /// <summary>The shape as HPVM's tables print it, e.g. <c>[64,3,11,11]</c>.</summary>
    public string ShapeText => "[" + string.Join(",", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>A conv filter <c>[cout, cin, kh, kw]</c>.</summary>
    public static WeightSpec Conv(string name, int cout, int cin, int kh, int kw, double gain) =>
        new(name, [cout, cin, kh, kw], WeightRole.ConvFilter, gain);

    /// <summary>A dense matrix <c>[1, 1, inputs, outputs]</c>.</summary>
    public static WeightSpec Dense(string name, int inputs, int outputs, double gain) =>
        new(name, [1, 1, inputs, outputs], WeightRole.DenseMatrix, gain);

    /// <summary>A per-channel bias <c>[1, c, 1, 1]</c>.</summary>
    public static WeightSpec Bias(string name, int channels) =>
        new(name, [1, channels, 1, 1], WeightRole.Bias, LinearGain);

    /// <summary>The four batch-norm tensors <c>prefix_{gamma,beta,mean,variance}</c>, each <c>[1, c, 1, 1]</c>.</summary>
    public static WeightSpec[] BatchNorm(string prefix, int channels)
    {
        if (string.IsNullOrEmpty(prefix)) throw new ArgumentException("A batch-norm prefix is required.", nameof(prefix));
        return
        [
            new(prefix + "_gamma", [1, channels, 1, 1], WeightRole.BatchNormGamma, LinearGain),
            new(prefix + "_beta", [1, channels, 1, 1], WeightRole.BatchNormBeta, LinearGain),
            new(prefix + "_mean", [1, channels, 1, 1], WeightRole.BatchNormMean, LinearGain),
            new(prefix + "_variance", [1, channels, 1, 1], WeightRole.BatchNormVariance, LinearGain),
        ];
    }
}
