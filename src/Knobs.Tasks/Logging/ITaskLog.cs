namespace Knobs.Tasks.Logging;

/// <summary>Where the tasks' logic reports; the MSBuild tasks forward to their TaskLoggingHelper, tests collect.</summary>
internal interface ITaskLog
{
    /// <summary>A line the user sees at normal verbosity (progress, summary).</summary>
    void Info(string message);

    /// <summary>A detail for detailed verbosity.</summary>
    void Detail(string message);

    /// <summary>A KNB warning, optionally about a file.</summary>
    void Warning(string code, string message, string? file = null);

    /// <summary>A KNB error, optionally about a file and line.</summary>
    void Error(string code, string message, string? file = null, int line = 0);
}
