using System.IO;
using Knobs.Profiles;

namespace Knobs.Tasks.Tables;

/// <summary>Write-if-changed: an unchanged file keeps its timestamp, so whatever depends on it stays up to date.</summary>
internal static class FileWriter
{
    /// <summary>Writes <paramref name="text"/> atomically unless the file already holds exactly it; true when written.</summary>
    public static bool WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return false;
        }
        AtomicFile.WriteAllText(path, text);
        return true;
    }
}
