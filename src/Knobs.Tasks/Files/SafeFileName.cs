using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Knobs.Tasks.Files;

/// <summary>
/// Names from the app or from data files (benchmarks, variants, configurations) as file names: one path segment with
/// letters, digits, '-', '_' and '.' only, never '.' first (so never '.' or '..'), at most <see cref="MaxLength"/>
/// characters. A name that had to be changed gets a short hash of the original, so two different names never share a
/// file; a name that is already safe stays as it is.
/// </summary>
internal static class SafeFileName
{
    /// <summary>Longest stem produced (file systems allow 255 bytes; extensions are added after it).</summary>
    public const int MaxLength = 100;

    public static string From(string name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (char c in name)
        {
            sb.Append(c < 128 && (char.IsLetterOrDigit(c) || c is '-' or '_' or '.') ? c : '_');
        }
        while (sb.Length > 0 && sb[0] == '.')
        {
            sb[0] = '_';
        }
        string safe = sb.ToString().Replace("..", "__");
        if (safe == name && safe.Length > 0 && safe.Length <= MaxLength)
        {
            return safe;
        }
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).Substring(0, 10).ToLowerInvariant();
        int keep = Math.Min(safe.Length, MaxLength - hash.Length - 1);
        return (keep > 0 ? safe.Substring(0, keep) + "_" : "_") + hash;
    }

    /// <summary>
    /// <paramref name="folder"/>/<paramref name="relative"/> as a full path, checked to stay inside
    /// <paramref name="folder"/>; throws <see cref="InvalidOperationException"/> when it would not.
    /// </summary>
    public static string Inside(string folder, string relative)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!IsInside(root, full))
        {
            throw new InvalidOperationException($"'{relative}' would lead outside {root}");
        }
        return full;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> itself or below it.</summary>
    public static bool IsInside(string folder, string path)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string full = Path.GetFullPath(path);
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.Equals(root, comparison) ||
            full.StartsWith(root + Path.DirectorySeparatorChar, comparison) ||
            (Path.AltDirectorySeparatorChar != Path.DirectorySeparatorChar && full.StartsWith(root + Path.AltDirectorySeparatorChar, comparison));
    }
}
