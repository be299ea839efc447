using System;
using System.Globalization;

namespace Knobs.KnobTables;

/// <summary>
/// Who a knob is: its approx kind (<c>fp32</c>, <c>fp16</c>, <c>perf</c>, <c>perf_fp16</c>, <c>samp</c>, <c>samp_fp16</c>,
/// <c>red_samp</c> or a user-defined type) and its id. Every name a knob goes by is derived here: its variant name
/// (<c>&lt;approx&gt;_&lt;id&gt;</c>, e.g. <c>fp32_11</c>, <c>perf_121</c>), its column key in lookup tables and HPVM tensor
/// tables (<c>fp32</c> and <c>fp16</c> alone, others as the variant name), its precision and whether it is the baseline.
/// </summary>
/// <param name="Approx">The approx kind (a knob type's name).</param>
/// <param name="Id">The knob id (11 for fp32, 12 for fp16, 121 …).</param>
public readonly record struct KnobIdentity(string Approx, int Id)
{
    /// <summary>The word for full precision: the baseline's approx kind, column key and precision.</summary>
    public const string Fp32Word = "fp32";

    /// <summary>The word for half precision: the fp16 knob's approx kind, column key and precision.</summary>
    public const string Fp16Word = "fp16";

    /// <summary>The suffix of half-precision approx kinds other than <c>fp16</c> itself (<c>perf_fp16</c>, <c>samp_fp16</c>).</summary>
    public const string HalfSuffix = "_" + Fp16Word;

    /// <summary>The id of the fp32 knob in HPVM's release table.</summary>
    public const int Fp32Id = 11;

    /// <summary>The id of the fp16 knob in HPVM's release table.</summary>
    public const int Fp16Id = 12;

    /// <summary>The fp32 knob (id 11): the baseline.</summary>
    public static KnobIdentity Fp32 { get; } = new(Fp32Word, Fp32Id);

    /// <summary>The fp16 knob (id 12).</summary>
    public static KnobIdentity Fp16 { get; } = new(Fp16Word, Fp16Id);

    /// <summary>True when this is the baseline knob (approx kind <c>fp32</c>, whatever its id).</summary>
    public bool IsBaseline => IsBaselineApprox(Approx);

    /// <summary>True when the approx kind runs in half precision (<c>fp16</c> or a kind ending <c>_fp16</c>).</summary>
    public bool IsHalf => IsHalfApprox(Approx);

    /// <summary>True for the precision-only knobs <c>fp32</c> and <c>fp16</c>, whose column key is the approx kind alone.</summary>
    public bool IsPrecisionOnly => IsPrecisionWord(Approx);

    /// <summary>The precision the approx kind names: <see cref="Fp16Word"/> when <see cref="IsHalf"/>, else <see cref="Fp32Word"/>.</summary>
    public string Precision => IsHalf ? Fp16Word : Fp32Word;

    /// <summary>The variant name: <c>&lt;approx&gt;_&lt;id&gt;</c> (<c>fp32_11</c>, <c>perf_121</c>, <c>my_type_501</c>).</summary>
    public string VariantName => Approx + "_" + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The column key: <c>fp32</c> and <c>fp16</c> alone, others <c>&lt;approx&gt;_&lt;id&gt;</c> (<c>perf_121</c>).</summary>
    public string ColumnKey => IsPrecisionOnly ? Approx : VariantName;

    /// <summary>The variant name.</summary>
    public override string ToString() => VariantName;

    /// <summary>True when <paramref name="approx"/> is the baseline's approx kind, <c>fp32</c>.</summary>
    public static bool IsBaselineApprox(string approx) => approx == Fp32Word;

    /// <summary>True when <paramref name="approx"/> runs in half precision (<c>fp16</c> or a name ending <c>_fp16</c>).</summary>
    public static bool IsHalfApprox(string approx) => approx == Fp16Word || approx.EndsWith(HalfSuffix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="word"/> is <c>fp32</c> or <c>fp16</c>.</summary>
    public static bool IsPrecisionWord(string word) => word == Fp32Word || word == Fp16Word;

    /// <summary>
    /// True when <paramref name="variant"/> names the baseline: it starts with <c>fp32</c> (<c>fp32_11</c>), ordinal,
    /// or ignoring case when <paramref name="ignoreCase"/> (as variant filters match).
    /// </summary>
    public static bool IsBaselineVariantName(string variant, bool ignoreCase = false) =>
        variant.StartsWith(Fp32Word, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// The knob an HPVM configuration entry asks for: <c>fp32</c> and <c>fp16</c> carry an arbitrary integer there, so they
    /// get the release table's ids (11, 12); any other approx kind keeps <paramref name="value"/> as its id.
    /// </summary>
    public static KnobIdentity FromConfiguration(string approx, int value) =>
        approx == Fp32Word ? Fp32 : approx == Fp16Word ? Fp16 : new KnobIdentity(approx, value);

    /// <summary>
    /// Parses a variant name <c>&lt;approx&gt;_&lt;id&gt;</c>: the id is the digits after the last underscore (no sign, no
    /// spaces), the approx kind everything before it (not empty; it may hold underscores, as in <c>my_type_501</c>).
    /// </summary>
    public static bool TryParseVariantName(string? name, out KnobIdentity identity)
    {
        identity = default;
        if (name is null) return false;
        int cut = name.LastIndexOf('_');
        if (cut > 0 && int.TryParse(name.Substring(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            identity = new KnobIdentity(name.Substring(0, cut), id);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Parses a column key: <c>fp32</c> is <see cref="Fp32"/>, <c>fp16</c> is <see cref="Fp16"/>, anything else a variant name
    /// (see <see cref="TryParseVariantName"/>).
    /// </summary>
    public static bool TryParseColumnKey(string? key, out KnobIdentity identity)
    {
        if (key == Fp32Word)
        {
            identity = Fp32;
            return true;
        }
        if (key == Fp16Word)
        {
            identity = Fp16;
            return true;
        }
        return TryParseVariantName(key, out identity);
    }
}
