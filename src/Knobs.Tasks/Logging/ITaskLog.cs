namespace Knobs.Tasks.Logging;

/// <summary>Where the tasks' logic reports; the MSBuild tasks forward to their TaskLoggingHelper, tests collect.</summary>
internal interface ITaskLog
{
    /// <summary>A line the user sees at normal verbosity (progress, summary).</summary>
    void Info(string message);

    /// <summary>A detail for detailed verbosity.</summary>
    void Detail(string message);

    /// <summary>A KNB warning, optionally about a file, line and column (1-based; 0 when not known).</summary>
    void Warning(string code, string message, string? file = null, int line = 0, int column = 0);

    /// <summary>A KNB error, optionally about a file, line and column (1-based; 0 when not known).</summary>
    void Error(string code, string message, string? file = null, int line = 0, int column = 0);
}
