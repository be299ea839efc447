using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks.Logging;

/// <summary>Forwards to an MSBuild task's log, with a help link per KNB code and the file's line and column.</summary>
internal sealed class MSBuildTaskLog : ITaskLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string? _helpLinkRoot;

    public MSBuildTaskLog(TaskLoggingHelper log, string? helpLinkRoot = null)
    {
        _log = log;
        _helpLinkRoot = helpLinkRoot;
    }

    public void Info(string message) => _log.LogMessage(MessageImportance.High, message);

    public void Detail(string message) => _log.LogMessage(MessageImportance.Low, message);

    public void Warning(string code, string message, string? file = null, int line = 0, int column = 0) =>
        _log.LogWarning(null, code, null, HelpLink(code), file, line, column, 0, 0, message);

    public void Error(string code, string message, string? file = null, int line = 0, int column = 0) =>
        _log.LogError(null, code, null, HelpLink(code), file, line, column, 0, 0, message);

    private string HelpLink(string code) => KnobsTasksInfo.HelpLink(code, _helpLinkRoot);
}
