using System.Collections.Generic;
using System.Collections.Immutable;

namespace Knobs.KnobTables;

/// <summary>
/// The knob types Knobs knows without a table declaring them: HPVM's <c>fp32</c>, <c>fp16</c>, <c>perf</c>,
/// <c>perf_fp16</c>, <c>samp</c>, <c>samp_fp16</c>, and the two it parses but cannot run, <c>red_samp</c> and <c>swing_level</c>.
/// </summary>
public static class BuiltInKnobTypes
{
    /// <summary>Full-precision baseline: the template as written.</summary>
    public static KnobType Fp32 { get; } = Precision(KnobIdentity.Fp32Word);

    /// <summary>Half precision: every op rewritten to its Half form (softmax stays fp32).</summary>
    public static KnobType Fp16 { get; } = Precision(KnobIdentity.Fp16Word);

    /// <summary>Convolution perforation, parameters <c>row,col,offset</c> → <c>ConvApprox(…, row, col, 1, offset)</c>.</summary>
    public static KnobType Perf { get; } = Perforation("perf", KnobIdentity.Fp32Word);

    /// <summary><see cref="Perf"/> on the fp16 path (<c>ConvApproxHalf</c>).</summary>
    public static KnobType PerfFp16 { get; } = Perforation("perf" + KnobIdentity.HalfSuffix, KnobIdentity.Fp16Word);

    /// <summary>Filter sampling, parameters <c>skip,offset,_</c> → <c>ConvApprox(…, 1, 1, skip, offset)</c>.</summary>
    public static KnobType Samp { get; } = Sampling("samp", KnobIdentity.Fp32Word);

    /// <summary><see cref="Samp"/> on the fp16 path (<c>ConvApproxHalf</c>).</summary>
    public static KnobType SampFp16 { get; } = Sampling("samp" + KnobIdentity.HalfSuffix, KnobIdentity.Fp16Word);

    /// <summary>HPVM reduction sampling (ids 41–46): parsed and listed, not supported.</summary>
    public static KnobType RedSamp { get; } = new()
    {
        Name = "red_samp",
        ParameterNames = ValueArray.Create("param"),
        ArgumentTemplate = "{param}",
        AppliesTo = ValueArray.Create("red"),
        IsBuiltIn = true,
        Supported = false,
        UnsupportedReason = "reduction sampling approximates HPVM's tensorReduction, and Knobs has no reduction op",
    };

    /// <summary>HPVM PROMISE swing levels (ids 1–7): parsed and listed, not supported.</summary>
    public static KnobType SwingLevel { get; } = new()
    {
        Name = "swing_level",
        FromOp = "Convolution",
        ToOp = "ConvApprox",
        ParameterNames = ValueArray.Create("param"),
        ArgumentTemplate = "{param}",
        AppliesTo = ValueArray.Create("conv_fc"),
        IsBuiltIn = true,
        Supported = false,
        UnsupportedReason = "swing levels select a voltage swing of HPVM's PROMISE analog accelerator, and Knobs has no PROMISE backend",
    };

    /// <summary>All built-in types, in a fixed order.</summary>
    public static ImmutableArray<KnobType> All { get; } = ImmutableArray.Create(Fp32, Fp16, Perf, PerfFp16, Samp, SampFp16, RedSamp, SwingLevel);

    /// <summary>The types the classic autogenerator format knows (fp32, fp16, perf, samp).</summary>
    public static ImmutableArray<string> ClassicTypeNames { get; } = ImmutableArray.Create(KnobIdentity.Fp32Word, KnobIdentity.Fp16Word, "perf", "samp");

    private static readonly Dictionary<string, KnobType> ByName = CreateIndex();

    /// <summary>The built-in type named <paramref name="name"/>, or null.</summary>
    public static KnobType? Find(string name) => ByName.TryGetValue(name, out KnobType? type) ? type : null;

    /// <summary>
    /// True for the fp16 types whose knobs reuse the parameters of knob id − 30 on the fp16 path
    /// (HPVM: 151–168 use 121–138, 261–269 use 231–239).
    /// </summary>
    public static bool ReusesParametersOfIdMinus30(string typeName) => typeName == PerfFp16.Name || typeName == SampFp16.Name;

    private static Dictionary<string, KnobType> CreateIndex()
    {
        var index = new Dictionary<string, KnobType>(System.StringComparer.Ordinal);
        foreach (KnobType type in All) index[type.Name] = type;
        return index;
    }

    private static KnobType Precision(string precision) => new()
    {
        Name = precision,
        Precision = precision,
        RewritesCall = false,
        AppliesTo = ValueArray.Create("conv_fc_red"),
        IsBuiltIn = true,
    };

    private static KnobType Perforation(string name, string precision) => new()
    {
        Name = name,
        FromOp = "Convolution",
        ToOp = "ConvApprox",
        ParameterNames = ValueArray.Create("row", "col", "offset"),
        ArgumentTemplate = "{row}, {col}, 1, {offset}",
        Precision = precision,
        AppliesTo = ValueArray.Create("conv"),
        IsBuiltIn = true,
    };

    private static KnobType Sampling(string name, string precision) => new()
    {
        Name = name,
        FromOp = "Convolution",
        ToOp = "ConvApprox",
        ParameterNames = ValueArray.Create("skip", "offset", "_"),
        ArgumentTemplate = "1, 1, {skip}, {offset}",
        Precision = precision,
        AppliesTo = ValueArray.Create("conv"),
        IsBuiltIn = true,
    };
}
