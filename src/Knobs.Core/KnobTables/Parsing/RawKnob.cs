using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>A text value and where it was written.</summary>
internal readonly record struct Located(string Text, SourceLocation Location);

/// <summary>A knob row as a parser found it, before its type resolves it (every field keeps its location).</summary>
internal sealed class RawKnob
{
    public SourceLocation Location { get; set; }
    public Located Type { get; set; }
    public int Id { get; set; }
    public Located? IdField { get; set; }
    public List<Located> Parameters { get; } = new();
    public SourceLocation ParametersLocation { get; set; }
    public bool LiteralArguments { get; set; }
    public Located Speedup { get; set; }
    public Located? From { get; set; }
    public Located? To { get; set; }
    public Located? Device { get; set; }
    public List<Located>? AppliesTo { get; set; }

    /// <summary>True for YAML, where op names and applies-to targets may name user-defined ops.</summary>
    public bool AllowUserOps { get; set; }

    /// <summary>The classic format: parameters are row, col, skip, offset appended literally.</summary>
    public bool Classic { get; set; }
}
