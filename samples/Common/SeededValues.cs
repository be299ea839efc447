using System;

namespace Knobs.Samples;

/// <summary>
/// Turns raw random numbers (whatever distribution <c>Tensor.Random</c> draws) into weights of a sensible
/// scale: the values are standardised (mean 0, standard deviation 1), then scaled by role —
/// filters and dense matrices by gain/√fan-in (He for relu, LeCun for tanh), biases small, batch-norm
/// statistics near identity with a positive variance. Each output unit's filter (or dense column) is centred
/// (over more than one input channel) to zero sum: after relu every activation is positive, and without centring the common positive part
/// swamps the rest, so every input would get the same top-1 class.
/// </summary>
public static class SeededValues
{
    /// <summary>Standard deviation of seeded biases.</summary>
    public const double BiasStd = 0.02;

    /// <summary>He gain for a zero-sum filter after relu: 1/√(1/2 − 1/2π).</summary>
    public static readonly double CentredReluGain = 1.0 / Math.Sqrt(0.5 - 1.0 / (2 * Math.PI));

    /// <summary>Returns the scaled values (a new array).</summary>
    public static float[] Scale(float[] raw, WeightSpec spec)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(spec);
        double[] centred = spec.Role switch
        {
            // A depthwise filter sees one channel: centring it would erase smooth images' signal.
            WeightRole.ConvFilter when spec.Shape[1] > 1 => CentreRows(raw, spec.Shape[0], spec.FanIn),
            WeightRole.DenseMatrix => CentreColumns(raw, spec.Shape[2], spec.Shape[3]),
            _ => Array.ConvertAll(raw, v => (double)v),
        };
        double[] z = Standardise(centred);
        double gain = spec.Gain;
        // A centred filter ignores the positive mean of relu outputs and keeps only their variance
        // (σ²(1/2 − 1/2π) of a relu'd N(0, σ²)): raise the He gain so the signal keeps its scale.
        if (spec.Role == WeightRole.ConvFilter && spec.Shape[1] > 1 && spec.Gain == WeightSpec.ReluGain) gain = CentredReluGain;
        var result = new float[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            result[i] = (float)(spec.Role switch
            {
                WeightRole.ConvFilter or WeightRole.DenseMatrix => z[i] * gain / Math.Sqrt(spec.FanIn),
                WeightRole.Bias => z[i] * BiasStd,
                WeightRole.BatchNormGamma => 1.0 + 0.1 * z[i],
                WeightRole.BatchNormBeta => 0.01 * z[i],
                WeightRole.BatchNormMean => 0.01 * z[i],
                WeightRole.BatchNormVariance => 1.0 + 0.1 * Math.Abs(z[i]),
                _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Role, "Unknown weight role."),
            });
        }
        return result;
    }

    // [units, fanIn] row-major: each unit's fan-in sums to zero.
    private static double[] CentreRows(float[] raw, int units, int fanIn)
    {
        var r = new double[raw.Length];
        for (int u = 0; u < units; u++)
        {
            double mean = 0;
            for (int i = 0; i < fanIn; i++) mean += raw[u * fanIn + i];
            mean /= fanIn;
            for (int i = 0; i < fanIn; i++) r[u * fanIn + i] = fanIn > 1 ? raw[u * fanIn + i] - mean : raw[u * fanIn + i];
        }
        return r;
    }

    // [inputs, outputs] row-major (HPVM's in×out): each output column sums to zero.
    private static double[] CentreColumns(float[] raw, int inputs, int outputs)
    {
        var r = new double[raw.Length];
        for (int o = 0; o < outputs; o++)
        {
            double mean = 0;
            for (int i = 0; i < inputs; i++) mean += raw[i * outputs + o];
            mean /= inputs;
            for (int i = 0; i < inputs; i++) r[i * outputs + o] = inputs > 1 ? raw[i * outputs + o] - mean : raw[i * outputs + o];
        }
        return r;
    }

    private static double[] Standardise(double[] raw)
    {
        double mean = 0;
        foreach (double v in raw) mean += v;
        mean /= Math.Max(1, raw.Length);
        double var = 0;
        foreach (double v in raw) var += (v - mean) * (v - mean);
        double std = Math.Sqrt(var / Math.Max(1, raw.Length));
        // A single value (or a constant draw) has no spread to standardise: keep it centred only.
        double inv = std > 1e-12 ? 1.0 / std : 0.0;
        var z = new double[raw.Length];
        for (int i = 0; i < raw.Length; i++) z[i] = (raw[i] - mean) * inv;
        return z;
    }
}
