using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tasks.Files;

namespace Knobs.Tasks.Profiling;

/// <summary>
/// The profile folder: <c>&lt;dir&gt;/&lt;Benchmark&gt;/&lt;variant&gt;.profile.jsonl</c>, each with a
/// <c>.key</c> file holding what it was measured from (benchmark fingerprint, variant, settings). A profile is
/// reused when its key matches and it reads back whole.
/// </summary>
internal sealed class ProfileStore
{
    internal const string ProfileExtension = ".profile.jsonl";
    private const string KeyExtension = ".key";

    public ProfileStore(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    public string ProfilePath(string benchmark, string variant) =>
        SafeFileName.Inside(Directory, Path.Combine(Safe(benchmark), Safe(variant) + ProfileExtension));

    private string KeyPath(string benchmark, string variant) =>
        SafeFileName.Inside(Directory, Path.Combine(Safe(benchmark), Safe(variant) + KeyExtension));

    /// <summary>A scratch folder the runner writes one variant's profile into.</summary>
    public string RunFolder(string benchmark, string variant) =>
        SafeFileName.Inside(Directory, Path.Combine(".runs", Safe(benchmark), Safe(variant)));

    /// <summary>
    /// True when a whole, successful profile with exactly this key exists and its header says it measured
    /// <paramref name="benchmark"/>/<paramref name="variant"/> with <paramref name="settings"/>; otherwise false with
    /// <paramref name="why"/> (null when there is simply no profile yet). A profile that cannot be read at all is stale,
    /// never an exception: it is measured again.
    /// </summary>
    public bool IsUpToDate(string benchmark, string variant, string key, RunSettings settings, out string? why)
    {
        why = null;
        string keyPath = KeyPath(benchmark, variant);
        string profilePath = ProfilePath(benchmark, variant);
        try
        {
            if (!File.Exists(keyPath) || !File.Exists(profilePath))
            {
                return false;
            }
            if (File.ReadAllText(keyPath) != key)
            {
                why = "it was measured from another build or with other settings";
                return false;
            }
            Profile profile = ProfileReader.Read(profilePath);
            why = Mismatch(profile, benchmark, variant, settings);
            return why is null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ProfileFormatException, but also what a damaged file can raise inside the reader (invalid UTF-16 in a JSON
            // string, I/O errors): the profile is measured again either way.
            why = "it cannot be read (" + e.Message + ")";
            return false;
        }
    }

    /// <summary>Why a stored profile is not a measurement of this benchmark, variant and settings; null when it is.</summary>
    internal static string? Mismatch(Profile profile, string benchmark, string variant, RunSettings settings)
    {
        ProfileHeader h = profile.Header;
        if (h.Benchmark != benchmark || h.Variant != variant)
        {
            return $"it is a profile of {h.Benchmark}/{h.Variant}";
        }
        if (profile.Summary.Failed)
        {
            return "its run failed";
        }
        if (profile.Summary.Paired?.Spell is { } spell)
        {
            return $"it was measured in a spell of the machine ({spell})";
        }
        ProfileSettings s = h.Settings;
        if (settings.Accelerator is not null)
        {
            // A modelled accelerator's run is one iteration whatever KnobsIterations or KnobsTargetError say.
            if (!h.Device.Kind.StartsWith("accel:", StringComparison.Ordinal)) return $"it was measured on {h.Device.Kind}, not modelled on an accelerator";
        }
        else if (settings.Iterations is { } n ? s.Iterations != n : s.Iterations is not null)
        {
            return $"it was measured with iterations={Text(s.Iterations)}, not {Text(settings.Iterations)}";
        }
        if (settings.Accelerator is null && settings.TargetError is { } e && s.TargetError != e)
        {
            return $"it was measured with target error {Text(s.TargetError)}, not {Text(e)}";
        }
        if (s.Batch != (settings.Batch ?? 1))
        {
            return $"it was measured with batch {Text(s.Batch)}, not {Text(settings.Batch ?? 1)}";
        }
        if (settings.Threads is { } t && s.Threads != t)
        {
            return $"it was measured with {Text(s.Threads)} thread(s), not {Text(t)}";
        }
        return null;
    }

    private static string Text(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)";

    private static string Text(double? value) => value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "(none)";

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
        Profile profile;
        try
        {
            profile = ProfileReader.Read(written[0]);
        }
        catch (Exception e) when (e is not (InvalidOperationException or OutOfMemoryException))
        {
            throw new InvalidOperationException($"{written[0]} cannot be read as a Knobs profile: {e.Message}", e);
        }
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
        string dir = SafeFileName.Inside(Directory, Safe(benchmark));
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

    /// <summary>A name as a file name (<see cref="SafeFileName.From"/>): one path segment, never '.' or '..'.</summary>
    private static string Safe(string name) => SafeFileName.From(name);
}
