using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Runtime.Cli;

namespace Knobs.Runtime.Profiles;

/// <summary>
/// Profile file names and paths. Configuration names and file stems come from an input file, so the part of a file
/// name they give is reduced to safe characters, and every path is checked to lie in the <c>--out</c> folder.
/// </summary>
internal static class ProfilePaths
{
    /// <summary>The longest name part taken from a configuration name or file stem.</summary>
    public const int MaxPartLength = 80;

    /// <summary>
    /// <paramref name="name"/> as one file-name part: ASCII letters, digits, <c>-</c>, <c>_</c>, <c>+</c> and single
    /// dots are kept, anything else (path separators, control characters, spaces, other scripts) becomes <c>_</c>;
    /// a run of dots becomes one, leading dots are dropped, and the result is at most <see cref="MaxPartLength"/> long.
    /// </summary>
    public static string SafePart(string name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxPartLength));
        foreach (char c in name)
        {
            if (sb.Length == MaxPartLength) break;
            bool keep = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '.';
            char next = keep ? c : '_';
            if (next == '.' && (sb.Length == 0 || sb[^1] == '.')) continue;
            sb.Append(next);
        }
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    /// <summary>
    /// The full path of <paramref name="fileName"/> in <paramref name="outDir"/>; a usage error when it would land
    /// anywhere else (a separator or <c>..</c> in the name).
    /// </summary>
    public static string InFolder(string outDir, string fileName)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        string full = Path.GetFullPath(Path.Combine(root, fileName));
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        bool inside = full.StartsWith(root + Path.DirectorySeparatorChar, comparison)
            && string.Equals(Path.GetDirectoryName(full), root, comparison);
        return inside
            ? full
            : throw new UsageException($"the profile file name '{fileName}' would be written outside --out ({root}); rename the configuration or variant");
    }

    /// <summary>
    /// The profile path of every target, checked before anything runs: each lies in <paramref name="outDir"/>, and no two
    /// targets share a file (names that differ only in unsafe characters or case would overwrite each other's profile).
    /// </summary>
    public static IReadOnlyList<string> Resolve(string outDir, IReadOnlyList<RunTarget> targets)
    {
        var paths = new string[targets.Count];
        var seen = new Dictionary<string, RunTarget>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < targets.Count; i++)
        {
            RunTarget t = targets[i];
            paths[i] = InFolder(outDir, t.ProfileFileName);
            if (seen.TryGetValue(paths[i], out RunTarget? other))
            {
                throw new UsageException($"{Describe(other)} and {Describe(t)} would both write {t.ProfileFileName}; give them distinct names",
                    t.Configuration is null ? RuntimeDiagnostics.BadArgument : RuntimeDiagnostics.BadConfiguration);
            }
            seen.Add(paths[i], t);
        }
        return paths;
    }

    private static string Describe(RunTarget t) => t.Configuration is { } c
        ? $"configuration {c.Index} '{c.Name}'"
        : $"variant '{t.Benchmark.Name} {t.VariantName}'";

    /// <summary>
    /// Creates <paramref name="outDir"/> if needed and proves a file can be created there, so a folder that is a file,
    /// lies under a file or is read-only is a usage error before anything is measured. A folder created here for the
    /// check is removed again when the check fails.
    /// </summary>
    public static void CheckWritable(string outDir)
    {
        string full = Path.GetFullPath(outDir);
        bool existed = Directory.Exists(full);
        string probe = Path.Combine(full, ".knobs-write-check-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(full);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            if (!existed)
            {
                try { Directory.Delete(full); }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            }
            throw new UsageException($"--out: cannot write profiles to {full}: {e.Message}; give a writable folder");
        }
    }
}
