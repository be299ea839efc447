using System;
using System.IO;
using System.Security;

namespace Knobs.Profiles;

/// <summary>
/// Whether a folder Knobs is about to write into can be created and written: creates it, writes a probe file and
/// deletes it, so a folder that is a file, lies under a file or is read-only is reported before any work is done.
/// </summary>
public static class FolderProbe
{
    /// <summary>Why <paramref name="folder"/> cannot be written, or null when it can (it is created if missing).</summary>
    public static string? Problem(string folder)
    {
        try
        {
            string full = Path.GetFullPath(folder);
            if (File.Exists(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)))
            {
                return "it is a file, not a folder";
            }
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, ".knobs-write-probe-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            return e.Message;
        }
    }
}
