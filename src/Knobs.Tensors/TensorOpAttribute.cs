using System;

namespace Knobs;

/// <summary>
/// Marks a method as a tensor op the Knobs generator can time and rewrite. The kind is the
/// HPVM op kind (the constructor argument) used in configuration files and node grouping: <c>conv</c>, <c>group_conv</c>, <c>mul</c>
/// (gemm), <c>add</c>, <c>relu</c>, <c>clipped_relu</c>, <c>tanh</c>, <c>pool_max</c>, <c>pool_mean</c>,
/// <c>pool_min</c>, <c>batchnorm</c>, <c>softmax</c>, <c>flatten</c>, or a user-defined kind.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TensorOpAttribute : Attribute
{
    public TensorOpAttribute(string kind) => Kind = kind;

    /// <summary>The HPVM op kind (see the class summary).</summary>
    public string Kind { get; }

    /// <summary>The Half form of this op (for the fp16 rewrite), e.g. <c>HalfConvolution</c>; null when none.</summary>
    public string? Half { get; set; }

    /// <summary>True when the op's precision is fp16 (a Half form).</summary>
    public bool IsHalf { get; set; }
}
