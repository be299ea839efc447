using System.Collections.Generic;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Tests.Profiling;

/// <summary>Keeps what the task logic reports, for assertions.</summary>
internal sealed class CollectingLog : ITaskLog
{
    public List<string> Lines { get; } = new();
    public List<string> Details { get; } = new();
    public List<(string Code, string Message)> Warnings { get; } = new();
    public List<(string Code, string Message, string? File, int Line)> Errors { get; } = new();
    public List<(string Code, string Message, string? File, int Line, int Column)> Located { get; } = new();

    public void Info(string message) => Lines.Add(message);
    public void Detail(string message) => Details.Add(message);
    public void Warning(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        Warnings.Add((code, message));
        Located.Add((code, message, file, line, column));
    }

    public void Error(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        Errors.Add((code, message, file, line));
        Located.Add((code, message, file, line, column));
    }
}
