using System;
using System.IO;
using System.Text;

namespace Knobs.Profiles;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
/// folder, which is then renamed over the destination.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // File.Move(source, destination, overwrite: true) is one rename(2) on Unix and one MoveFileEx on Windows: the
    // destination is replaced whole or not at all, even with other writers racing. It exists on every runtime Knobs runs
    // on (.NET Core 3.0 and later) but not in netstandard2.0's reference surface, so it is bound once here.
    private static readonly Action<string, string>? MoveOverwrite = BindMoveOverwrite();

    /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes, 0, bytes.Length));

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            MoveOver(temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Renames <paramref name="temp"/> over <paramref name="full"/> in one step; never deletes the destination first.</summary>
    private static void MoveOver(string temp, string full)
    {
        if (MoveOverwrite is not null)
        {
            MoveOverwrite(temp, full);
            return;
        }
        // .NET Framework: Replace needs an existing destination, Move a missing one; retry when another writer got between.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (File.Exists(full)) File.Replace(temp, full, destinationBackupFileName: null);
                else File.Move(temp, full);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
            }
        }
    }

    private static Action<string, string>? BindMoveOverwrite()
    {
        System.Reflection.MethodInfo? move = typeof(File).GetMethod(nameof(File.Move), new[] { typeof(string), typeof(string), typeof(bool) });
        if (move is null) return null;
        var call = (Action<string, string, bool>)move.CreateDelegate(typeof(Action<string, string, bool>));
        return (source, destination) => call(source, destination, true);
    }
}
