namespace Knobs.KnobTables;

/// <summary>How bad a knob-table diagnostic is. Any <see cref="Error"/> means the table was not loaded.</summary>
public enum KnobDiagnosticSeverity
{
    /// <summary>The table is rejected.</summary>
    Error,

    /// <summary>The table loads, but something is probably not what the author meant.</summary>
    Warning,

    /// <summary>A fact worth knowing (e.g. a knob type Knobs cannot run).</summary>
    Info,
}

/// <summary>A problem (or fact) found in a knob table, with a stable id (<c>KNB0001</c>…) and where it is.</summary>
/// <param name="Id">Stable id; its help page is <c>docs/diagnostics/&lt;Id&gt;.md</c>.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Location">File, line and column.</param>
public sealed record KnobDiagnostic(string Id, KnobDiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>True for <see cref="KnobDiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == KnobDiagnosticSeverity.Error;

    /// <summary>MSBuild canonical form: <c>file(line,col): error KNB0003: message</c>.</summary>
    public override string ToString()
    {
        string severity = Severity switch
        {
            KnobDiagnosticSeverity.Error => "error",
            KnobDiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return Location + ": " + severity + " " + Id + ": " + Message;
    }
}
