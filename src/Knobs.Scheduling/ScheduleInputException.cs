using System;

namespace Knobs.Scheduling;

/// <summary>A problem or instance file that cannot be scheduled: the file, the JSON path of the bad value, and what to fix.</summary>
public sealed class ScheduleInputException : Exception
{
    /// <summary>Creates the error.</summary>
    public ScheduleInputException(string file, string path, string problem)
        : base($"{file}: {path}: {problem}")
    {
        File = file;
        JsonPath = path;
        Problem = problem;
    }

    /// <summary>The file (or problem source) at fault.</summary>
    public string File { get; }

    /// <summary>The JSON path of the bad value ($ for the whole file).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong and what to do.</summary>
    public string Problem { get; }
}
