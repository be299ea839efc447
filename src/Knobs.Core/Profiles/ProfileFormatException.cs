using System;

namespace Knobs.Profiles;

/// <summary>A profile file that cannot be read: foreign, truncated or damaged. The message names file and line.</summary>
public sealed class ProfileFormatException : FormatException
{
    /// <summary>Creates the exception; the message is <c>file(line): problem</c>.</summary>
    public ProfileFormatException(string file, int line, string problem)
        : base(line > 0
            ? FormattableString.Invariant($"{KnobTables.SafeText.Escape(file)}({line}): {KnobTables.SafeText.Escape(problem)}")
            : FormattableString.Invariant($"{KnobTables.SafeText.Escape(file)}: {KnobTables.SafeText.Escape(problem)}"))
    {
        File = file;
        Line = line;
        Problem = KnobTables.SafeText.Escape(problem);
    }

    /// <summary>The profile file.</summary>
    public string File { get; }
    /// <summary>1-based line of the problem, or 0 for the file as a whole.</summary>
    public int Line { get; }
    /// <summary>What is wrong and what to do, without the location.</summary>
    public string Problem { get; }
}
