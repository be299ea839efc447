namespace Knobs.KnobTables;

/// <summary>
/// An approximation type (<c>fp32</c>, <c>fp16</c>, <c>perf</c>, <c>samp</c>, … or user-defined): which op call it
/// rewrites into which, what its parameters are called and how they become call arguments.
/// Equality ignores <see cref="Location"/> (a type read from YAML equals the same type written elsewhere).
/// </summary>
public sealed record KnobType
{
    /// <summary>Type name as written in tables and HPVM configurations (<c>perf</c>, <c>samp_fp16</c>, …).</summary>
    public string Name { get; init; } = "";

    /// <summary>Knobs op the knob rewrites (e.g. <c>Convolution</c>); empty for types that rewrite no call (fp32, fp16).</summary>
    public string FromOp { get; init; } = "";

    /// <summary>
    /// Op the call becomes (e.g. <c>ConvApprox</c>); empty for types that rewrite no call. For user-defined types: the Knobs op
    /// when the name resolves through <see cref="OpAliases"/>, else the user's op name as written.
    /// </summary>
    public string ToOp { get; init; } = "";

    /// <summary>Names of the parameters in table order (perf: <c>row, col, offset</c>; samp: <c>skip, offset, _</c>).</summary>
    public ValueArray<string> ParameterNames { get; init; }

    /// <summary>
    /// How parameters become the arguments appended to the rewritten call: text with <c>{name}</c> placeholders,
    /// e.g. perf <c>{row}, {col}, 1, {offset}</c>; samp <c>1, 1, {skip}, {offset}</c>. Empty when no arguments are appended.
    /// </summary>
    public string ArgumentTemplate { get; init; } = "";

    /// <summary><c>fp32</c> or <c>fp16</c>. An fp16 type runs the whole variant through the fp16 rewrite (<see cref="OpAliases.ToHalf"/>).</summary>
    public string Precision { get; init; } = KnobIdentity.Fp32Word;

    /// <summary>
    /// True when the type rewrites <see cref="FromOp"/> calls into <see cref="ToOp"/> calls; false for fp32 (a plain copy)
    /// and fp16 (only the precision rewrite), whose table from/to columns are informational.
    /// </summary>
    public bool RewritesCall { get; init; } = true;

    /// <summary>Default applies-to targets (<c>conv</c>, <c>conv_fc</c>, <c>conv_fc_red</c>, <c>red</c>, op kinds or op names).</summary>
    public ValueArray<string> AppliesTo { get; init; }

    /// <summary>True for the types Knobs defines itself (<see cref="BuiltInKnobTypes"/>).</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>False when Knobs cannot run knobs of this type (it parses and lists them, and says why).</summary>
    public bool Supported { get; init; } = true;

    /// <summary>Why the type is not supported; null when it is.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>Where a user-defined type was declared; default for built-ins. Not part of equality.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality of every property except <see cref="Location"/>.</summary>
    public bool Equals(KnobType? other) =>
        other is not null
        && Name == other.Name && FromOp == other.FromOp && ToOp == other.ToOp
        && ParameterNames.Equals(other.ParameterNames) && ArgumentTemplate == other.ArgumentTemplate
        && Precision == other.Precision && RewritesCall == other.RewritesCall && AppliesTo.Equals(other.AppliesTo)
        && IsBuiltIn == other.IsBuiltIn && Supported == other.Supported && UnsupportedReason == other.UnsupportedReason;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Name.GetHashCode(), ToOp.GetHashCode(), ParameterNames.GetHashCode(), ArgumentTemplate.GetHashCode());
}
