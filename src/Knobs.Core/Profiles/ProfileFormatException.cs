using System;

namespace Knobs.Profiles;

/// <summary>A profile file that cannot be read: foreign, truncated or damaged. The message names file and line.</summary>
public sealed class ProfileFormatException : FormatException
{
    /// <summary>Creates the exception; the message is <c>file(line): problem</c>.</summary>
    public ProfileFormatException(string file, int line, string problem)
        : base(line > 0
            ? FormattableString.Invariant($"{KnobTables.TextLines.Escape(file)}({line}): {KnobTables.TextLines.Escape(problem)}")
            : FormattableString.Invariant($"{KnobTables.TextLines.Escape(file)}: {KnobTables.TextLines.Escape(problem)}"))
    {
        File = file;
        Line = line;
        Problem = KnobTables.TextLines.Escape(problem);
    }

    /// <summary>The profile file.</summary>
    public string File { get; }
    /// <summary>1-based line of the problem, or 0 for the file as a whole.</summary>
    public int Line { get; }
    /// <summary>What is wrong and what to do, without the location.</summary>
    public string Problem { get; }
}
