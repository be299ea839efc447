using System;
using System.Globalization;
using System.IO;

namespace Knobs.Tasks.Processes;

/// <summary>
/// Whether the process that launched this one (the MSBuild node or task host's parent) is still there. Killing
/// <c>dotnet msbuild</c> can leave an out-of-process task host running on its own; it must not go on starting
/// variants. On Linux the parent id is read from <c>/proc/self/stat</c> when the task starts and checked before each
/// variant: a different parent (the orphan was adopted) or a parent whose <c>/proc/PID</c> is gone means the launcher
/// exited. Elsewhere, or when the file cannot be read, the check always says alive.
/// </summary>
internal sealed class LauncherWatch
{
    private readonly Func<string?> _readStat;
    private readonly Func<int, bool> _processExists;
    private readonly int? _parent;

    public LauncherWatch(Func<string?> readStat, Func<int, bool> processExists)
    {
        _readStat = readStat;
        _processExists = processExists;
        _parent = ParentId(_readStat());
    }

    /// <summary>Watches this process (Linux only; a no-op elsewhere).</summary>
    public static LauncherWatch ForThisProcess() => OperatingSystem.IsLinux()
        ? new LauncherWatch(() => Read("/proc/self/stat"), pid => Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)))
        : new LauncherWatch(() => null, _ => true);

    /// <summary>The parent id read at start; null when unknown (then <see cref="LauncherAlive"/> is always true).</summary>
    public int? Parent => _parent;

    /// <summary>False only when the launcher is known to have exited.</summary>
    public bool LauncherAlive()
    {
        if (_parent is not int parent)
        {
            return true;
        }
        int? now = ParentId(_readStat());
        if (now is null)
        {
            return true;
        }
        return now == parent && _processExists(parent);
    }

    /// <summary>The 4th field of /proc/PID/stat (ppid); the 2nd (the command name) is in parentheses and may hold spaces.</summary>
    internal static int? ParentId(string? stat)
    {
        if (string.IsNullOrEmpty(stat))
        {
            return null;
        }
        int close = stat!.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }
        string[] rest = stat.Substring(close + 1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is the state, rest[1] the ppid
        return rest.Length > 1 && int.TryParse(rest[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid) && ppid > 0 ? ppid : null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
