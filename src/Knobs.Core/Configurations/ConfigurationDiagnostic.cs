using System.Globalization;

namespace Knobs.Configurations;

/// <summary>How bad a diagnostic is. Any error means the file (or simulation) is rejected.</summary>
public enum ConfigurationSeverity
{
    /// <summary>The input is rejected.</summary>
    Error,

    /// <summary>The input is used, but something is probably not what the author meant.</summary>
    Warning,
}

/// <summary>
/// A problem found in a configuration file, a lookup table or a simulation, with a stable id (<c>KNB0200</c>–<c>KNB0299</c>,
/// help at <c>docs/diagnostics/&lt;Id&gt;.md</c>) and where it is (line and column are 1-based; 0 = the file as a whole).
/// </summary>
public sealed record ConfigurationDiagnostic(string Id, ConfigurationSeverity Severity, string Message, string File, int Line, int Column)
{
    /// <summary>True for <see cref="ConfigurationSeverity.Error"/>.</summary>
    public bool IsError => Severity == ConfigurationSeverity.Error;

    /// <summary>MSBuild canonical form: <c>file(line,col): error KNB0203: message</c>.</summary>
    public override string ToString()
    {
        string where = Line > 0
            ? string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", File, Line, Column < 1 ? 1 : Column)
            : File;
        return where + ": " + (IsError ? "error " : "warning ") + Id + ": " + Message;
    }
}
