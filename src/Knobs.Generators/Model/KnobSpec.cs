namespace Knobs.Generators.Model;

internal enum KnobRewrite
{
    /// <summary>The template's ops unchanged (fp32: the instrumented baseline).</summary>
    Baseline,
    /// <summary>Every op to its Half form (fp16).</summary>
    Precision,
    /// <summary>From-op → to-op with call arguments appended (perf, samp, user-defined), after the fp16 rewrite when <see cref="KnobSpec.Fp16"/>.</summary>
    Replace,
}

/// <summary>A knob as the generator needs it: op names already mapped to Knobs op names.</summary>
internal sealed record KnobSpec(
    string Type,
    int Id,
    EquatableArray<string> Parameters,
    double Speedup,
    KnobRewrite Rewrite,
    bool Fp16,
    string? FromOp,
    string? ToOp,
    EquatableArray<string> CallArguments,
    EquatableArray<string> AppliesTo,
    string? Unsupported)
{
    public string VariantName => new Knobs.KnobTables.KnobIdentity(Type, Id).VariantName;
}

/// <summary>
/// The knobs of all of the project's tables (or the built-in one), where each was read (kept apart from the knobs so
/// that moving a line of a table does not regenerate variants), and what reading them reported.
/// </summary>
internal sealed record KnobSetSpec(EquatableArray<KnobSpec> Knobs, EquatableArray<KnobLocation> Locations, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Where knob <see cref="Id"/> was read (null location for the built-in table).</summary>
internal sealed record KnobLocation(int Id, LocationInfo? Location);

/// <summary>One knob-table file's text (the input of the table step).</summary>
internal sealed record KnobTableFile(string Path, string Text);

/// <summary>The <c>KnobsProfiling</c> values: the same two the MSBuild targets accept (KNB0401).</summary>
internal enum ProfilingMode
{
    /// <summary>Every tensor-op call timed (the default).</summary>
    PerTensor,
    /// <summary>No per-op hooks: the runner times whole runs.</summary>
    Total,
}
