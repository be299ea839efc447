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
        // A benchmark is a C# class name, so the first '.' of a table's stem starts its device.
        static string BenchmarkOf(string file)
        {
            string stem = Path.GetFileName(file).Substring(0, Path.GetFileName(file).Length - Suffix.Length);
            int dot = stem.IndexOf('.');
            return dot < 0 ? stem : stem.Substring(0, dot);
        }
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

    private static string Describe(List<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
}
