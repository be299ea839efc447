using System.Globalization;

namespace Knobs.KnobTables;

/// <summary>A position in a knob-table file. <paramref name="Line"/> and <paramref name="Column"/> are 1-based.</summary>
/// <param name="File">The file path as given to the reader.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column (in UTF-16 characters, after any byte-order mark).</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>MSBuild canonical origin: <c>file(line,col)</c>.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", File, Line, Column);
}
