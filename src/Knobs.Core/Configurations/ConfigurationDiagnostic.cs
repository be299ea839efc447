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
public sealed class ConfigurationDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public ConfigurationDiagnostic(string id, ConfigurationSeverity severity, string message, string file, int line, int column)
    {
        Id = id;
        Severity = severity;
        Message = message;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>Stable id (<c>KNB0203</c>).</summary>
    public string Id { get; }
    /// <summary>Error or warning.</summary>
    public ConfigurationSeverity Severity { get; }
    /// <summary>What is wrong and what to do.</summary>
    public string Message { get; }
    /// <summary>The file.</summary>
    public string File { get; }
    /// <summary>1-based line, 0 for the whole file.</summary>
    public int Line { get; }
    /// <summary>1-based column, 0 for the whole line or file.</summary>
    public int Column { get; }

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
