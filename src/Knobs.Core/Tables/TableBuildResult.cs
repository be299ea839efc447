using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;

namespace Knobs.Tables;

/// <summary>The tables built from a set of profiles (one per benchmark), and every diagnostic.</summary>
public sealed class TableBuildResult
{
    internal TableBuildResult(IReadOnlyList<LookupTable> tables, IReadOnlyList<ConfigurationDiagnostic> diagnostics)
    {
        Tables = tables;
        Diagnostics = diagnostics;
    }

    /// <summary>One table per benchmark, ordered by name; empty when there were errors.</summary>
    public IReadOnlyList<LookupTable> Tables { get; }

    /// <summary>Errors and warnings.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
