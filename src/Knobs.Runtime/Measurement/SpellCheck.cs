using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Knobs.Statistics;

namespace Knobs.Runtime.Measurement;

/// <summary>
/// Tells whether a paired measurement ran in a spell: a stretch in which the machine was much slower (or faster) than
/// in the rest of the measurement, as when a virtual machine's vCPUs get less than their share of the host. Paired
/// speedups survive a spell (both runs of a pair see it), but the per-op times a table is built from do not, so a
/// measurement in a spell is taken again.
/// <para>
/// The baseline runs the same code in every pair, so its times are the machine's speed over the measurement: they are
/// split into <see cref="Blocks"/> consecutive blocks of pairs, and the measurement is in a spell when the slowest
/// block's median is more than <see cref="DriftLimit"/> times the fastest's. Where the kernel reports it, the share of
/// CPU time the hypervisor stole from this machine over the measurement is a second sign (above <see cref="StealLimit"/>).
/// </para>
/// </summary>
public static class SpellCheck
{
    /// <summary>Consecutive blocks of pairs whose baseline medians are compared.</summary>
    public const int Blocks = 4;

    /// <summary>Fewest pairs the drift is judged on (two per block); with fewer, only the stolen time is.</summary>
    public const int MinPairs = 2 * Blocks;

    /// <summary>Slowest block median over fastest above which the measurement is in a spell.</summary>
    public const double DriftLimit = 1.25;

    /// <summary>Share of the machine's CPU time stolen by the hypervisor above which the measurement is in a spell.</summary>
    public const double StealLimit = 0.10;

    /// <summary>
    /// The slowest block median of <paramref name="baselineTimes"/> over the fastest (1 = steady), or null with fewer
    /// than <see cref="MinPairs"/> times.
    /// </summary>
    public static double? Drift(IReadOnlyList<double> baselineTimes)
    {
        ArgumentNullException.ThrowIfNull(baselineTimes);
        int n = baselineTimes.Count;
        if (n < MinPairs) return null;
        double min = double.PositiveInfinity, max = 0;
        for (int b = 0; b < Blocks; b++)
        {
            int start = b * n / Blocks, end = (b + 1) * n / Blocks;
            double[] block = new double[end - start];
            for (int i = start; i < end; i++) block[i - start] = baselineTimes[i];
            Array.Sort(block);
            double median = TukeyFilter.Quantile(block, 0.5);
            min = Math.Min(min, median);
            max = Math.Max(max, median);
        }
        return min > 0 ? max / min : null;
    }

    /// <summary>
    /// Why the measurement whose baseline (<paramref name="baseline"/>) took <paramref name="baselineTimes"/> ran in a
    /// spell, with <paramref name="stealShare"/> the stolen share of CPU time over it (null: not known); null when it did not.
    /// </summary>
    public static string? Describe(string baseline, IReadOnlyList<double> baselineTimes, double? stealShare)
    {
        double? drift = Drift(baselineTimes);
        var reasons = new List<string>(2);
        if (drift is double d && d > DriftLimit)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{baseline}'s median time differed {d:0.00}x between the fastest and slowest quarter of the {baselineTimes.Count} pairs (limit {DriftLimit:0.00}x)"));
        }
        if (stealShare is double s && s > StealLimit)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"the hypervisor stole {s * 100:0.#} % of the machine's CPU time (limit {StealLimit * 100:0} %)"));
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}

/// <summary>
/// The machine-wide CPU time the hypervisor stole, from the first line of <c>/proc/stat</c> (Linux guests): read at
/// the start of a measurement, then <see cref="Share"/> gives the stolen share of all CPU time since.
/// </summary>
public sealed class StealClock
{
    private readonly string _path;
    private readonly (long Steal, long Total)? _start;

    /// <summary>Starts counting from now; <paramref name="path"/> is the statistics file (tests give their own).</summary>
    public StealClock(string path = "/proc/stat")
    {
        _path = path;
        _start = Read(path);
    }

    /// <summary>Stolen CPU time over all CPU time since the clock started; null where the file has no such counter.</summary>
    public double? Share()
    {
        if (_start is not { } start || Read(_path) is not { } now) return null;
        long total = now.Total - start.Total;
        return total > 0 ? (double)(now.Steal - start.Steal) / total : null;
    }

    // "cpu  user nice system idle iowait irq softirq steal ...": the eighth number is steal (Linux 2.6.11 and later).
    internal static (long Steal, long Total)? Read(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            string? line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal)) return null;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9) return null;
            long total = 0;
            // guest and guest_nice (fields 9 and 10) are already counted in user and nice.
            for (int i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return null;
                total += v;
            }
            return (long.Parse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture), total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
