namespace Knobs.Samples;

/// <summary>What a weight tensor is for; decides how a seeded value is drawn for it.</summary>
public enum WeightRole
{
    /// <summary>A convolution filter <c>[Cout, Cin/groups, Kh, Kw]</c>.</summary>
    ConvFilter,

    /// <summary>A dense (HPVM "mul") matrix stored in×out as <c>[1, 1, in, out]</c>.</summary>
    DenseMatrix,

    /// <summary>A bias broadcast over channels, <c>[1, C, 1, 1]</c>.</summary>
    Bias,

    /// <summary>Batch-norm scale.</summary>
    BatchNormGamma,

    /// <summary>Batch-norm shift.</summary>
    BatchNormBeta,

    /// <summary>Batch-norm running mean.</summary>
    BatchNormMean,

    /// <summary>Batch-norm running variance (always positive).</summary>
    BatchNormVariance,
}
