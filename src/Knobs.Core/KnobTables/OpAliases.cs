using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Knobs.KnobTables;

/// <summary>
/// The one alias table from HPVM op names to Knobs ops (<c>Knobs.Tensors.Ops</c> method names), the fp16 mapping
/// Op → HalfOp used by the fp16 rewrite, and the HPVM op kind of each op. docs/knob-tables.md lists the same table.
/// </summary>
public static class OpAliases
{
    /// <summary>
    /// HPVM op name → Knobs op. A null value is an HPVM op Knobs knows of but does not have (<c>tensorReduction</c>).
    /// </summary>
    public static ImmutableDictionary<string, string?> HpvmToKnobs { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["tensorConvolution"] = "Convolution",
        ["tensorHalfConvolution"] = "HalfConvolution",
        ["tensorConvApprox"] = "ConvApprox",
        ["tensorConvApproxHalf"] = "ConvApproxHalf",
        ["tensorConvApproxHalf2"] = "ConvApproxHalf",
        ["tensorConvCutlass"] = "GroupConvolution",
        ["tensorGroupConvolution"] = "GroupConvolution",
        ["tensorHalfConvCutlass"] = "HalfGroupConvolution",
        ["tensorHalfGroupConvolution"] = "HalfGroupConvolution",
        ["tensorGemmGPU"] = "Gemm",
        ["tensorGemm"] = "Gemm",
        ["tensorGemmCPU"] = "Gemm",
        ["tensorMul"] = "Gemm",
        ["tensorHalfGemmGPU"] = "HalfGemm",
        ["tensorHalfGemm"] = "HalfGemm",
        ["tensorAdd"] = "Add",
        ["tensorHalfAdd"] = "HalfAdd",
        ["tensorRelu"] = "Relu",
        ["tensorHalfRelu"] = "HalfRelu",
        ["tensorRelu2"] = "ClippedRelu",
        ["tensorHalfRelu2"] = "HalfClippedRelu",
        ["tensorTanh"] = "Tanh",
        ["tensorHalfTanh"] = "HalfTanh",
        ["tensorPooling"] = "Pooling",
        ["tensorHalfPooling"] = "HalfPooling",
        ["tensorBatchNorm"] = "BatchNorm",
        ["tensorHalfBatchNorm"] = "HalfBatchNorm",
        ["tensorSoftmax"] = "Softmax",
        ["tensorReduction"] = null,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>fp32 Knobs op → its Half form for the fp16 rewrite. Softmax maps to itself: it always runs fp32.</summary>
    public static ImmutableDictionary<string, string> HalfForms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Convolution"] = "HalfConvolution",
        ["ConvApprox"] = "ConvApproxHalf",
        ["GroupConvolution"] = "HalfGroupConvolution",
        ["Gemm"] = "HalfGemm",
        ["Add"] = "HalfAdd",
        ["Relu"] = "HalfRelu",
        ["ClippedRelu"] = "HalfClippedRelu",
        ["Tanh"] = "HalfTanh",
        ["Pooling"] = "HalfPooling",
        ["BatchNorm"] = "HalfBatchNorm",
        ["Softmax"] = "Softmax",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Every Knobs op → its HPVM op kind (<c>conv</c>, <c>group_conv</c>, <c>mul</c>, <c>add</c>, …; pooling is <c>pool</c>: its kind argument decides max/mean/min).</summary>
    public static ImmutableDictionary<string, string> OpKinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Convolution"] = "conv", ["HalfConvolution"] = "conv", ["ConvApprox"] = "conv", ["ConvApproxHalf"] = "conv",
        ["GroupConvolution"] = "group_conv", ["HalfGroupConvolution"] = "group_conv",
        ["Gemm"] = "mul", ["HalfGemm"] = "mul",
        ["Add"] = "add", ["HalfAdd"] = "add",
        ["Relu"] = "relu", ["HalfRelu"] = "relu",
        ["ClippedRelu"] = "clipped_relu", ["HalfClippedRelu"] = "clipped_relu",
        ["Tanh"] = "tanh", ["HalfTanh"] = "tanh",
        ["Pooling"] = "pool", ["HalfPooling"] = "pool",
        ["BatchNorm"] = "batchnorm", ["HalfBatchNorm"] = "batchnorm",
        ["Softmax"] = "softmax",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The HPVM op kinds a tensor op can have (<c>TensorOpAttribute</c>), plus <c>red</c> (reductions) and <c>pool</c>.</summary>
    public static ImmutableHashSet<string> KnownOpKinds { get; } = ImmutableHashSet.Create(StringComparer.Ordinal,
        "conv", "group_conv", "mul", "add", "relu", "clipped_relu", "tanh", "pool", "pool_max", "pool_mean", "pool_min",
        "batchnorm", "softmax", "flatten", "red");

    /// <summary>Applies-to categories of HPVM tables → the op kinds they cover.</summary>
    public static ImmutableDictionary<string, ImmutableArray<string>> AppliesToCategories { get; } = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        ["conv"] = ImmutableArray.Create("conv"),
        ["conv_fc"] = ImmutableArray.Create("conv", "mul"),
        ["conv_fc_red"] = ImmutableArray.Create("conv", "mul", "red"),
        ["red"] = ImmutableArray.Create("red"),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The Knobs op <paramref name="name"/> denotes: an HPVM name through <see cref="HpvmToKnobs"/>, or a Knobs op name
    /// (optionally prefixed <c>Ops.</c> or <c>Knobs.Tensors.Ops.</c>) as itself. Null when it resolves to nothing.
    /// </summary>
    public static string? Resolve(string name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        if (HpvmToKnobs.TryGetValue(name, out string? knobs)) return knobs;
        string bare = StripOpsPrefix(name);
        return OpKinds.ContainsKey(bare) ? bare : null;
    }

    /// <summary>True when <paramref name="knobsOp"/> is one of Knobs' own tensor ops.</summary>
    public static bool IsKnobsOp(string knobsOp) => OpKinds.ContainsKey(knobsOp);

    /// <summary>The Half form of a Knobs op for the fp16 rewrite; the op itself when it has none (or is already Half, or is Softmax).</summary>
    public static string ToHalf(string knobsOp) => HalfForms.TryGetValue(knobsOp, out string? half) ? half : knobsOp;

    /// <summary>True when <paramref name="knobsOp"/> is a Half (fp16) op.</summary>
    public static bool IsHalf(string knobsOp) => knobsOp.StartsWith("Half", StringComparison.Ordinal) || knobsOp == "ConvApproxHalf";

    /// <summary>
    /// The op kinds an applies-to target covers: a category (<see cref="AppliesToCategories"/>), an op kind, or an op name
    /// (HPVM or Knobs) as its kind. Empty when the target means nothing to Knobs.
    /// </summary>
    public static ImmutableArray<string> ExpandAppliesTo(string target)
    {
        if (AppliesToCategories.TryGetValue(target, out ImmutableArray<string> kinds)) return kinds;
        if (KnownOpKinds.Contains(target)) return ImmutableArray.Create(target);
        string? op = Resolve(target);
        return op is not null && OpKinds.TryGetValue(op, out string? kind) ? ImmutableArray.Create(kind) : ImmutableArray<string>.Empty;
    }

    internal static string StripOpsPrefix(string name)
    {
        const string Long = "Knobs.Tensors.Ops.", Short = "Ops.";
        if (name.StartsWith(Long, StringComparison.Ordinal)) return name.Substring(Long.Length);
        if (name.StartsWith(Short, StringComparison.Ordinal)) return name.Substring(Short.Length);
        return name;
    }
}
