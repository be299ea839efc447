using Knobs.Testing;
using System;
using System.IO;
using System.Linq;

namespace Knobs.Samples.Tests;

/// <summary>Reads tests/data/hpvm/NETWORKS.md's summary table (the facts the samples must match).</summary>
public static class NetworksTable
{
    /// <summary>The row's cells for <paramref name="network"/> (the first cell is the name).</summary>
    public static string[] Row(string network)
    {
        string path = Path.Combine(RepoPaths.HpvmData, "NETWORKS.md");
        string line = File.ReadLines(path).First(l => l.StartsWith("| " + network + " |", StringComparison.Ordinal));
        return line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
    }

    /// <summary>The last two columns: number of weight files and number of parameters.</summary>
    public static (int Files, long Parameters) WeightTotals(string network)
    {
        string[] row = Row(network);
        return (int.Parse(row[^2], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(row[^1].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
    }
}
