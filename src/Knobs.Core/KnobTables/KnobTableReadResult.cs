using System.Collections.Immutable;
using System.Linq;

namespace Knobs.KnobTables;

/// <summary>What reading (or merging) knob tables produced: the table when there was no error, and every diagnostic.</summary>
public sealed class KnobTableReadResult
{
    /// <summary>Creates a result; <paramref name="table"/> must be null when <paramref name="diagnostics"/> has an error.</summary>
    public KnobTableReadResult(KnobTable? table, ImmutableArray<KnobDiagnostic> diagnostics, KnobTableFormat? format = null)
    {
        Diagnostics = diagnostics.IsDefault ? ImmutableArray<KnobDiagnostic>.Empty : diagnostics;
        Table = Diagnostics.Any(d => d.IsError) ? null : table;
        Format = format;
    }

    /// <summary>The table; null when any diagnostic is an error (a table is never half-loaded).</summary>
    public KnobTable? Table { get; }

    /// <summary>Errors, warnings and infos, in file order.</summary>
    public ImmutableArray<KnobDiagnostic> Diagnostics { get; }

    /// <summary>The format detected; null when none could be (empty or binary input) or for a merge.</summary>
    public KnobTableFormat? Format { get; }

    /// <summary>True when a table was produced (no errors).</summary>
    public bool Success => Table is not null;
}
