using System;

namespace Knobs.Tables;

/// <summary>A table file (JSON or HPVM text) that cannot be read. The message is <c>file(line): KNB0235: problem</c>.</summary>
public sealed class TableFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TableFormatException(string file, int line, string problem)
        : base((line > 0 ? FormattableString.Invariant($"{KnobTables.SafeText.Escape(file)}({line})") : KnobTables.SafeText.Escape(file)) + ": " + Configurations.DiagnosticIds.BadTableFile + ": " + KnobTables.SafeText.Escape(problem))
    {
        File = file;
        Line = line;
        Problem = KnobTables.SafeText.Escape(problem);
    }

    /// <summary>The table file.</summary>
    public string File { get; }
    /// <summary>1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; }
    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
