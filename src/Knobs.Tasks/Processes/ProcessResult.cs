namespace Knobs.Tasks.Processes;

/// <summary>How a child process ended.</summary>
internal sealed record ProcessResult(int ExitCode, bool TimedOut, string StandardOutput, string StandardError, double Seconds)
{
    /// <summary>True when the process was stopped because the build was canceled.</summary>
    public bool Canceled { get; init; }

    /// <summary>True when the process exited on its own with code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The last lines of stderr (or stdout when stderr is empty), for an error message.</summary>
    public string Tail(int lines = 8)
    {
        string text = StandardError.Trim().Length > 0 ? StandardError : StandardOutput;
        string[] all = text.Replace("\r\n", "\n").TrimEnd().Split('\n');
        return string.Join("\n", all, System.Math.Max(0, all.Length - lines), System.Math.Min(lines, all.Length));
    }
}
