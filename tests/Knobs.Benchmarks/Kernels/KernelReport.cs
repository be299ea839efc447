using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Knobs.Benchmarks.Kernels;

/// <summary>Formats rows as an aligned text table (stdout) and Markdown, and computes the goals' summary ratios (docs/benchmarks.md, "Goals and whether they are met").</summary>
internal static class KernelReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Header => string.Format(Inv, "{0,-10} {1,-30} {2,5} {3,3} {4,10} {5,10} {6,9} {7,9} {8,7}",
        "group", "kernel", "batch", "thr", "peer ms", "knobs ms", "peer GF/s", "knobs GF/s", "ratio");

    public static string Line(KernelRow r) => string.Format(Inv, "{0,-10} {1,-30} {2,5} {3,3} {4,10} {5,10:F3} {6,9} {7,9:F1} {8,7}",
        r.Group, r.Name, r.Batch, r.Threads,
        r.PeerSeconds is double p ? (p * 1e3).ToString("F3", Inv) : "n/a",
        r.KnobsSeconds * 1e3,
        r.PeerGflops is double g ? g.ToString("F1", Inv) : "n/a",
        r.KnobsGflops,
        r.Ratio is double q ? q.ToString("F2", Inv) : "n/a");

    public static string Markdown(IEnumerable<KernelRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| group | kernel | batch | threads | peer ms | knobs ms | peer GFLOP/s | knobs GFLOP/s | peer/knobs |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (KernelRow r in rows)
            sb.AppendLine(string.Format(Inv, "| {0} | {1} | {2} | {3} | {4} | {5:F3} | {6} | {7:F1} | {8} |",
                r.Group, r.Name, r.Batch, r.Threads,
                r.PeerSeconds is double p ? (p * 1e3).ToString("F3", Inv) : "n/a (" + r.PeerNote + ")",
                r.KnobsSeconds * 1e3, r.PeerGflops is double g ? g.ToString("F1", Inv) : "n/a", r.KnobsGflops,
                r.Ratio is double q ? q.ToString("F2", Inv) : "n/a"));
        return sb.ToString();
    }

    public static double? GeometricMean(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        return v.Length == 0 ? null : Math.Exp(v.Average(Math.Log));
    }

    public static string Verdict(double? value, double goal) =>
        value is double x ? string.Format(Inv, "{0:F2} (goal >= {1:F2}: {2})", x, goal, x >= goal ? "met" : "NOT met") : "n/a";

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public static void WriteAtomic(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }
}
