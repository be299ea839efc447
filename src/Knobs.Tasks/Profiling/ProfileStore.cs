using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Tasks.Profiling;

/// <summary>
/// The profile folder: <c>&lt;dir&gt;/&lt;Benchmark&gt;/&lt;variant&gt;.profile.jsonl</c>, each with a
/// <c>.key</c> file holding what it was measured from (benchmark fingerprint, variant, settings). A profile is
/// reused when its key matches and it reads back whole.
/// </summary>
internal sealed class ProfileStore
{
    private const string ProfileExtension = ".profile.jsonl";
    private const string KeyExtension = ".key";

    public ProfileStore(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    public string ProfilePath(string benchmark, string variant) => Path.Combine(Directory, Safe(benchmark), Safe(variant) + ProfileExtension);

    private string KeyPath(string benchmark, string variant) => Path.Combine(Directory, Safe(benchmark), Safe(variant) + KeyExtension);

    /// <summary>A scratch folder the runner writes one variant's profile into.</summary>
    public string RunFolder(string benchmark, string variant) => Path.Combine(Directory, ".runs", Safe(benchmark), Safe(variant));

    /// <summary>True when a whole, successful profile with exactly this key exists.</summary>
    public bool IsUpToDate(string benchmark, string variant, string key)
    {
        string keyPath = KeyPath(benchmark, variant);
        string profilePath = ProfilePath(benchmark, variant);
        if (!File.Exists(keyPath) || !File.Exists(profilePath) || File.ReadAllText(keyPath) != key)
        {
            return false;
        }
        try
        {
            Profile profile = ProfileReader.Read(profilePath);
            return !profile.Summary.Failed && profile.Header.Variant == variant;
        }
        catch (ProfileFormatException)
        {
            return false;
        }
    }

    /// <summary>Moves the profile the runner wrote into <paramref name="runFolder"/> into place and records its key.</summary>
    public string Accept(string benchmark, string variant, string key, string runFolder)
    {
        string[] written = System.IO.Directory.Exists(runFolder)
            ? System.IO.Directory.GetFiles(runFolder, "*" + ProfileExtension, SearchOption.AllDirectories)
            : Array.Empty<string>();
        if (written.Length != 1)
        {
            throw new InvalidOperationException(written.Length == 0
                ? $"the run wrote no *{ProfileExtension} file into {runFolder}"
                : $"the run wrote {written.Length} profile files into {runFolder}; expected one");
        }
        Profile profile = ProfileReader.Read(written[0]);
        if (profile.Header.Benchmark != benchmark || profile.Header.Variant != variant)
        {
            throw new InvalidOperationException(
                $"{written[0]} is a profile of {profile.Header.Benchmark}/{profile.Header.Variant}, not of {benchmark}/{variant}");
        }
        string target = ProfilePath(benchmark, variant);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(written[0], target + ".tmp", overwrite: true);
        File.Move(target + ".tmp", target, overwrite: true);
        AtomicFile.WriteAllText(KeyPath(benchmark, variant), key);
        System.IO.Directory.Delete(runFolder, recursive: true);
        return target;
    }

    /// <summary>Deletes profiles of a benchmark whose variants are no longer in the app.</summary>
    public int RemoveStale(string benchmark, IReadOnlyCollection<string> variants)
    {
        string dir = Path.Combine(Directory, Safe(benchmark));
        if (!System.IO.Directory.Exists(dir))
        {
            return 0;
        }
        var keep = new HashSet<string>(variants.Select(Safe), StringComparer.Ordinal);
        int removed = 0;
        foreach (string file in System.IO.Directory.GetFiles(dir))
        {
            string name = Path.GetFileName(file);
            string stem = name.EndsWith(ProfileExtension, StringComparison.Ordinal) ? name.Substring(0, name.Length - ProfileExtension.Length)
                : name.EndsWith(KeyExtension, StringComparison.Ordinal) ? name.Substring(0, name.Length - KeyExtension.Length)
                : null!;
            if (stem is not null && !keep.Contains(stem))
            {
                File.Delete(file);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>A name as a file name: anything but letters, digits, '-', '_' and '.' becomes '_'.</summary>
    private static string Safe(string name) =>
        new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
