using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Knobs.Benchmarks.Networks;

/// <summary>One row of the side-by-side table.</summary>
internal sealed record Row(string Net, int Batch, int Threads, Timing Knobs, PeerResult? Torch, PeerResult? Ort);

/// <summary>The markdown table: times, and Knobs' speed relative to each peer and to the fastest peer.</summary>
internal static class Report
{
    /// <summary>Knobs' speed relative to the fastest peer that must be reached (the whole-network goal: at least 0.8× the fastest peer).</summary>
    public const double Goal = 0.8;

    public static string Table(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| network | batch | threads | Knobs ms | PyTorch ms | onnxruntime ms | Knobs speed vs PyTorch | vs onnxruntime | vs fastest | goal ≥ 0.8× |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            double? vsTorch = r.Torch is null ? null : r.Torch.MedianMs / r.Knobs.MedianMs;
            double? vsOrt = r.Ort is null ? null : r.Ort.MedianMs / r.Knobs.MedianMs;
            double? fastest = new[] { r.Torch?.MedianMs, r.Ort?.MedianMs }.Where(v => v.HasValue).Min();
            double? vsFastest = fastest / r.Knobs.MedianMs;
            string verdict = vsFastest is null ? "not measured" : vsFastest >= Goal ? "met" : "NOT met";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Net} | {r.Batch} | {r.Threads} | {Ms(r.Knobs.MedianMs)} | {Ms(r.Torch?.MedianMs)} | {Ms(r.Ort?.MedianMs)} | {X(vsTorch)} | {X(vsOrt)} | {X(vsFastest)} | {verdict} |"));
        }
        return sb.ToString();
    }

    /// <summary>Knobs' speed relative to the fastest peer over all rows that have one (the worst case).</summary>
    public static double? WorstRatio(IReadOnlyList<Row> rows) => rows
        .Select(r => new[] { r.Torch?.MedianMs, r.Ort?.MedianMs }.Where(v => v.HasValue).Min() / r.Knobs.MedianMs)
        .Where(v => v.HasValue).Min();

    private static string Ms(double? ms) => ms is null ? "not measured" : ms.Value.ToString(ms < 10 ? "0.000" : "0.00", CultureInfo.InvariantCulture);

    private static string X(double? ratio) => ratio is null ? "–" : ratio.Value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
