namespace Knobs.KnobTables;

/// <summary>Whether Knobs can run a knob.</summary>
public enum KnobStatus
{
    /// <summary>Knobs has the ops this knob needs.</summary>
    Supported,

    /// <summary>Parsed and listed, but its type needs ops Knobs does not have (see <see cref="Knob.UnsupportedReason"/>).</summary>
    Unsupported,
}

/// <summary>
/// One row of a knob table. Fields as written are kept (<see cref="Parameters"/>, <see cref="FromOp"/>, <see cref="ToOp"/>)
/// next to what Knobs resolved from them (<see cref="KnobsFromOp"/>, <see cref="KnobsToOp"/>, <see cref="CallArguments"/>).
/// Equality ignores <see cref="Location"/>, so the same knob read from two formats is equal.
/// </summary>
public sealed record Knob
{
    /// <summary>The knob type's name (<c>perf</c>, <c>samp_fp16</c>, …); see <see cref="KnobTable.Types"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The knob id, unique within a table (HPVM configurations refer to it).</summary>
    public int Id { get; init; }

    /// <summary>Parameters exactly as written (empty for HPVM's <c>-1</c>).</summary>
    public ValueArray<string> Parameters { get; init; }

    /// <summary>
    /// For fp16 knobs that reuse another knob's parameters (HPVM: ids 151–168 and 261–269 use those of id − 30 on the fp16 path),
    /// the id whose parameters <see cref="CallArguments"/> were built from; null when the knob's own parameters are used.
    /// </summary>
    public int? ParametersFromId { get; init; }

    /// <summary>
    /// True when <see cref="Parameters"/> are appended to the call literally (classic autogenerator format, or YAML <c>arguments:</c>)
    /// instead of going through the type's <see cref="KnobType.ArgumentTemplate"/>.
    /// </summary>
    public bool LiteralArguments { get; init; }

    /// <summary>Estimated speedup from the table (informational; the profiler measures the real one).</summary>
    public double Speedup { get; init; }

    /// <summary>From-op as written (HPVM names allowed, e.g. <c>tensorConvolution</c>).</summary>
    public string FromOp { get; init; } = "";

    /// <summary>To-op as written (e.g. <c>tensorConvApprox</c>).</summary>
    public string ToOp { get; init; } = "";

    /// <summary>
    /// The Knobs op <see cref="FromOp"/> resolves to through <see cref="OpAliases"/>. Null when it resolves to nothing: for an
    /// unsupported knob, or (YAML only) when <see cref="FromOp"/> names a user-defined op, which the generator resolves.
    /// </summary>
    public string? KnobsFromOp { get; init; }

    /// <summary>The Knobs op <see cref="ToOp"/> resolves to (see <see cref="KnobsFromOp"/> for when it is null).</summary>
    public string? KnobsToOp { get; init; }

    /// <summary>
    /// The arguments appended to the rewritten call, one expression each: release-format perf <c>1,2,0</c> gives
    /// <c>1, 2, 1, 0</c>; samp <c>2,0,1</c> gives <c>1, 1, 2, 0</c>; classic-format parameters are taken literally.
    /// </summary>
    public ValueArray<string> CallArguments { get; init; }

    /// <summary><see cref="CallArguments"/> joined by <c>", "</c>, ready to append after a call's own arguments.</summary>
    public string CallArgumentsText => CallArguments.Join(", ");

    /// <summary><c>fp32</c> or <c>fp16</c>: the type's precision, or fp16 when the knob rewrites into or from a Half op.</summary>
    public string Precision { get; init; } = KnobIdentity.Fp32Word;

    /// <summary>What the knob applies to (<c>conv</c>, <c>conv_fc</c>, <c>conv_fc_red</c>, <c>red</c>, op kinds or op names).</summary>
    public ValueArray<string> AppliesTo { get; init; }

    /// <summary>HPVM's <c>dev</c>/<c>install</c> column as written; null when the format has none (classic).</summary>
    public string? Device { get; init; }

    /// <summary>Whether Knobs can run the knob (from its type).</summary>
    public KnobStatus Status { get; init; }

    /// <summary>Why the knob cannot run; null when supported.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>HPVM's variant name for the knob: <c>&lt;type&gt;_&lt;id&gt;</c> (e.g. <c>perf_121</c>, <c>fp32_11</c>).</summary>
    public string VariantName => new KnobIdentity(Type, Id).VariantName;

    /// <summary>Where the knob was read. Not part of equality.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality of every property except <see cref="Location"/>.</summary>
    public bool Equals(Knob? other) =>
        other is not null
        && Type == other.Type && Id == other.Id && Parameters.Equals(other.Parameters)
        && ParametersFromId == other.ParametersFromId && LiteralArguments == other.LiteralArguments
        && Speedup.Equals(other.Speedup) && FromOp == other.FromOp && ToOp == other.ToOp
        && KnobsFromOp == other.KnobsFromOp && KnobsToOp == other.KnobsToOp && CallArguments.Equals(other.CallArguments)
        && Precision == other.Precision && AppliesTo.Equals(other.AppliesTo) && Device == other.Device
        && Status == other.Status && UnsupportedReason == other.UnsupportedReason;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Type.GetHashCode(), Id, Parameters.GetHashCode(), CallArguments.GetHashCode());
}
