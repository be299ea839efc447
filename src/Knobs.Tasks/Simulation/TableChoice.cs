using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Knobs.Tasks.Simulation;

/// <summary>Which lookup table (<c>&lt;Benchmark&gt;.table.json</c>) a configuration file is simulated against.</summary>
internal static class TableChoice
{
    private const string Suffix = ".table.json";

    /// <summary>
    /// The tables of <paramref name="benchmark"/> when given, else of the only benchmark: one per device
    /// (<c>&lt;bench&gt;.table.json</c> for the CPU, <c>&lt;bench&gt;.&lt;device&gt;.table.json</c> for the others). Null with
    /// <paramref name="problem"/> set when there is none, or several benchmarks and none named.
    /// </summary>
    public static IReadOnlyList<string>? PickAll(IEnumerable<string> tableFiles, string? benchmark, out string? problem)
    {
        var tables = tableFiles.Where(f => f.EndsWith(Suffix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var names = tables.Select(BenchmarkOf).Distinct(StringComparer.Ordinal).ToList();
        problem = null;
        if (!string.IsNullOrEmpty(benchmark))
        {
            if (names.Contains(benchmark!)) return tables.Where(t => BenchmarkOf(t) == benchmark).ToList();
            problem = $"KnobsBenchmark='{benchmark}' has no lookup table; the tables are for: {Describe(names)}.";
            return null;
        }
        if (names.Count == 1) return tables;
        problem = names.Count == 0
            ? "there is no lookup table to simulate with; run ProfileTable first (Simulate depends on it, so this means it produced none)."
            : $"the app has several benchmarks ({Describe(names)}); say which one the configurations are for with -p:KnobsBenchmark=NAME.";
        return null;
    }

    // A benchmark is a C# class name, so the first '.' of a table's stem starts its device.
    private static string BenchmarkOf(string file)
    {
        string stem = Path.GetFileName(file).Substring(0, Path.GetFileName(file).Length - Suffix.Length);
        int dot = stem.IndexOf('.');
        return dot < 0 ? stem : stem.Substring(0, dot);
    }

    /// <summary>
    /// <paramref name="picked"/> plus, from <paramref name="folder"/>, the table of every other device the configuration
    /// file's node lines name (their second word: <c>cpu</c>, <c>gpu</c>, <c>accel:&lt;name&gt;</c>) or that
    /// <paramref name="gpuOn"/> maps <c>gpu</c> lines to, when that table exists; a device with no table stays missing, and
    /// the simulator reports its lines. Tables of devices the file does not use are left out, so a stale one cannot get
    /// in the way.
    /// </summary>
    public static IReadOnlyList<string> WithNamedDevices(IReadOnlyList<string> picked, string folder, string configurationFile, string? gpuOn)
    {
        if (picked.Count == 0) return picked;
        string benchmark = BenchmarkOf(picked[0]);
        var have = new HashSet<string>(picked.Select(p => Path.GetFileName(p)!), StringComparer.Ordinal);
        var named = NamedDevices(configurationFile);
        if (!string.IsNullOrEmpty(gpuOn) && named.Remove(Knobs.Profiles.ProfileDevice.Gpu)) named.Add(gpuOn!);
        var result = picked.ToList();
        foreach (string device in named.OrderBy(d => d, StringComparer.Ordinal))
        {
            string name = Tables.TableFiles.Stem(benchmark, device) + Suffix;
            string file = Path.Combine(folder, name);
            if (!have.Contains(name) && File.Exists(file)) result.Add(Path.GetFullPath(file));
        }
        return result;
    }

    // The second word of every node line ("<id> <device> <op> …") of a configuration file; unreadable files name none
    // (reading the file properly, with its diagnostics, is the simulator's job).
    private static HashSet<string> NamedDevices(string configurationFile)
    {
        var devices = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (string line in File.ReadLines(configurationFile))
            {
                string[] words = line.Split(new[] { ' ' }, 3, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 3 && words[0].All(char.IsDigit) && Knobs.Profiles.ProfileDevice.IsKind(words[1])) devices.Add(words[1]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return devices;
    }

    private static string Describe(List<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
}
