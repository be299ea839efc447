using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Runtime.Energy;

namespace Knobs.Runtime.Running;

/// <summary>The human summary printed at the end of <c>app run</c>: time per run ± CI, energy or "not measured", QoS.</summary>
internal static class RunSummary
{
    public static void Print(TextWriter output, IReadOnlyList<RunResult> results, IEnergyMeter meter, double targetError)
    {
        output.WriteLine();
        output.WriteLine("Summary: time per run = mean ± half-width of the 99.9% confidence interval (n = iterations kept)");
        var rows = new List<string[]> { new[] { "benchmark", "variant", "time per run", "n", "energy per run", "QoS" } };
        foreach (RunResult r in results)
        {
            if (r.Profile is not { } p)
            {
                rows.Add(new[] { r.Benchmark, r.Variant, "FAILED", "", "", r.Error ?? "" });
                continue;
            }
            ProfileStatistics t = p.Summary.Time;
            string time = Invariant($"{t.Mean:0.####} ± {t.CiHalfWidth:0.####} ms ({Percent(t)})") + (t.Noisy ? Invariant($" NOISY (target {targetError:0.##%})") : "");
            string energy = p.Summary.Energy is double e ? Invariant($"{e:0.####} J") : "not measured";
            rows.Add(new[] { r.Benchmark, r.Variant, time, t.N.ToString(CultureInfo.InvariantCulture), energy, Qos(p.Qos, r.QosNote) });
        }
        // Names and error texts may come from an input file: escaped, so a row stays one line.
        rows = rows.Select(row => row.Select(ConsoleText.Escape).ToArray()).ToList();
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }
        output.WriteLine(meter.IsMeasuring
            ? $"energy: {meter.Description}"
            : $"energy: not measured ({RuntimeDiagnostics.EnergyNotMeasured}: {meter.Description.Replace("energy not measured: ", "", StringComparison.Ordinal)})");
        int failed = results.Count(r => r.Profile is null);
        output.WriteLine(failed == 0
            ? $"{results.Count} profile(s) written."
            : $"{results.Count - failed} profile(s) written, {failed} FAILED (see the errors above).");
    }

    private static string Percent(ProfileStatistics t) => t.Mean == 0 ? "n/a" : Invariant($"±{t.CiHalfWidth / t.Mean:0.0%}");

    private static string Qos(QosRecord? q, string? note)
    {
        if (q is null) return "not computed" + (note is null ? "" : ": " + note);
        string s = Invariant($"vs {q.Reference}: relL2 {q.RelL2:G4}, maxAbs {q.MaxAbs:G4}");
        s += q.Psnr is double psnr ? Invariant($", PSNR {psnr:0.0} dB") : ", identical";
        if (q.Top1 is double top1) s += Invariant($", top-1 {top1:0.###}");
        if (q.Accuracy is double accuracy) s += Invariant($", accuracy {accuracy:0.##} % (loss {q.AccuracyLoss:0.##} pp)");
        return s;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
