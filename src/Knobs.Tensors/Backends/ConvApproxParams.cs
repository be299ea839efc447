namespace Knobs.Tensors.Backends;

/// <summary>Which approximation a convolution call applies (at most one per call).</summary>
public enum ConvApproxMode
{
    /// <summary>The exact convolution.</summary>
    Exact,
    /// <summary>Output rows are perforated (rate <see cref="ConvApproxParams.Row"/>).</summary>
    RowPerforation,
    /// <summary>Output columns are perforated (rate <see cref="ConvApproxParams.Col"/>).</summary>
    ColumnPerforation,
    /// <summary>Filter weights are sampled (skip <see cref="ConvApproxParams.SkipEvery"/>).</summary>
    FilterSampling,
}

/// <summary>
/// HPVM's four convolution-approximation parameters (docs/tensors.md, "Approximate convolution"). Precedence: row perforation if
/// <c>Row &gt; 1</c>, else column perforation if <c>Col &gt; 1</c>, else filter sampling if <c>SkipEvery &gt; 1</c>,
/// else exact. <see cref="Offset"/> applies to whichever is active. Ops validate (every field ≥ 1, offset ≥ 0,
/// no approximation on a grouped convolution, a perforation computes at least one line) before a backend sees it.
/// </summary>
public readonly record struct ConvApproxParams(int Row, int Col, int SkipEvery, int Offset)
{
    /// <summary>No approximation.</summary>
    public static ConvApproxParams Exact => new(1, 1, 1, 0);

    /// <summary>The approximation this call applies, by HPVM's precedence.</summary>
    public ConvApproxMode Mode =>
        Row > 1 ? ConvApproxMode.RowPerforation
        : Col > 1 ? ConvApproxMode.ColumnPerforation
        : SkipEvery > 1 ? ConvApproxMode.FilterSampling
        : ConvApproxMode.Exact;

    /// <summary>The perforation rate of the active perforation (1 when none).</summary>
    public int PerforationRate => Mode switch
    {
        ConvApproxMode.RowPerforation => Row,
        ConvApproxMode.ColumnPerforation => Col,
        _ => 1,
    };
}
