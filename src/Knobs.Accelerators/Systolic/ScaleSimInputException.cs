using System;

namespace Knobs.Accelerators.Systolic;

/// <summary>A SCALE-Sim config or topology file that cannot be simulated; the message starts with <c>file(line): </c> and says what to change.</summary>
public sealed class ScaleSimInputException : FormatException
{
    /// <summary>Creates the exception for <paramref name="file"/> at 1-based <paramref name="line"/>.</summary>
    public ScaleSimInputException(string file, int line, string message)
        : base($"{file}({line}): {message}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault.</summary>
    public int Line { get; }
}
