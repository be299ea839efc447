using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Files;

/// <summary>
/// Checks, before anything is measured, that a folder the tasks write into can be created and written: creates it,
/// writes a probe file and deletes it. A folder that is a file, or read-only, is then a KNB0413 error naming the path,
/// instead of an exception after minutes of profiling.
/// </summary>
internal static class WritableFolder
{
    /// <summary>True when <paramref name="folder"/> exists or was created and a file can be written in it.</summary>
    public static bool Check(ITaskLog log, string property, string folder)
    {
        string shown = LogText.Escape(folder);
        if (string.IsNullOrWhiteSpace(folder))
        {
            log.Error(KnobsTasksInfo.FolderNotWritable, $"{property} is empty. Set it to a folder Knobs may write into, or leave it out for the default.");
            return false;
        }
        string? problem = Problem(folder);
        if (problem is null)
        {
            return true;
        }
        log.Error(KnobsTasksInfo.FolderNotWritable,
            $"{property}='{shown}' cannot be written: {LogText.Escape(problem)}. Point {property} at a folder you can write to (it is created if missing), or fix its permissions; nothing was measured.");
        return false;
    }

    /// <summary>Why <paramref name="folder"/> cannot be written, or null when it can.</summary>
    public static string? Problem(string folder) => Knobs.Profiles.FolderProbe.Problem(folder);
}
