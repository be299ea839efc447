using System;
using System.IO;

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

    /// <summary>The lines of <paramref name="path"/>; a file that is missing or cannot be read is an input error at its line 1.</summary>
    internal static string[] ReadAllLines(string path, string what)
    {
        try
        {
            return System.IO.File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ScaleSimInputException(path, 1, $"the {what} cannot be read ({e.Message}); check the path.");
        }
    }
}
