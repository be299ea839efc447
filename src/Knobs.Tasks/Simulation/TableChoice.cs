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
    /// The table of <paramref name="benchmark"/> when given, else the only table; null with
    /// <paramref name="problem"/> set when there is none or several.
    /// </summary>
    public static string? Pick(IEnumerable<string> tableFiles, string? benchmark, out string? problem)
    {
        var tables = tableFiles.Where(f => f.EndsWith(Suffix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var names = tables.Select(f => Path.GetFileName(f).Substring(0, Path.GetFileName(f).Length - Suffix.Length)).ToList();
        problem = null;
        if (!string.IsNullOrEmpty(benchmark))
        {
            int i = names.IndexOf(benchmark!);
            if (i >= 0) return tables[i];
            problem = $"KnobsBenchmark='{benchmark}' has no lookup table; the tables are for: {Describe(names)}.";
            return null;
        }
        if (tables.Count == 1) return tables[0];
        problem = tables.Count == 0
            ? "there is no lookup table to simulate with; run ProfileTable first (Simulate depends on it, so this means it produced none)."
            : $"the app has several benchmarks ({Describe(names)}); say which one the configurations are for with -p:KnobsBenchmark=NAME.";
        return null;
    }

    private static string Describe(List<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
}
