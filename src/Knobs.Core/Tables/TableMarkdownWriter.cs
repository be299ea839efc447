using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>
/// Writes <c>&lt;bench&gt;.table.md</c>, a table a person can read whatever the number of knobs: a header (device,
/// environment, settings, provenance), per node an overview with one row per op and a few fixed columns (shape, FLOPs,
/// fp32 time, the fastest knob and its speedup), the knobs' QoS and whole-run times, the conversion and copy costs, and
/// every measurement in long format (one row per op × knob). Numbers are culture-invariant with six significant digits.
/// </summary>
public static class TableMarkdownWriter
{
    /// <summary>The file's text.</summary>
    public static string ToText(LookupTable table)
    {
        var sb = new StringBuilder();
        int fp32 = table.KnobIndex("fp32");
        bool energy = table.EnergyMeasured;

        sb.Append("# ").Append(Escape(table.Benchmark)).Append(" — lookup table\n\n");
        AppendDevice(sb, table);
        if (table.Environment is { } env)
        {
            sb.Append("Environment: ").Append(Escape(env.Describe())).Append(".  \n");
        }
        AppendHosts(sb, table);
        AppendScales(sb, table);
        if (table.Settings is { } s)
        {
            sb.Append("Settings: profiling ").Append(Escape(s.Profiling)).Append(", batch ").Append(Int(s.Batch))
              .Append(", threads ").Append(Int(s.Threads)).Append(".  \n");
        }
        sb.Append("Knobs: ").Append(Int(table.Knobs.Count)).Append("; nodes: ").Append(Int(table.Nodes.Count))
          .Append("; ops: ").Append(Int(table.Nodes.Sum(n => n.Ops.Count))).Append(".  \n");
        AppendProvenance(sb, table);
        sb.Append('\n');
        sb.Append("Times are mean milliseconds per call ± half-width of the 99.9 % confidence interval; energy ")
          .Append(energy ? "in joules per call" : "not measured")
          .Append(". Speedup is the op's fp32 time over its time under the knob. FLOPs are the exact op's (k = 10³, M = 10⁶, G = 10⁹); ")
          .Append("eff. FLOPs is the share of them the knob performs. — means not measured or not recorded.\n\n");

        sb.Append("## Nodes\n\n");
        sb.Append("One row per op; \"best\" is the knob with the lowest mean time for that op (QoS aside — see QoS). ")
          .Append("Every knob's time is under Measurements.\n\n");
        foreach (TableNode node in table.Nodes)
        {
            sb.Append("### ").Append(NodeTitle(node)).Append("\n\n");
            sb.Append("| # | op | shape (in → out) | FLOPs | fp32 (ms) | best knob | best (ms) | speedup |\n");
            sb.Append("|---:|---|---|---:|---:|---|---:|---:|\n");
            for (int o = 0; o < node.Ops.Count; o++)
            {
                TableOp op = node.Ops[o];
                TableCell? baseline = fp32 >= 0 ? op.Cells[fp32] : null;
                OpFeatureRecord? features = baseline?.Features ?? op.Cells.FirstOrDefault(c => c?.Features is not null)?.Features;
                int best = Best(op);
                TableCell? bestCell = best >= 0 ? op.Cells[best] : null;
                sb.Append("| ").Append(Int(o + 1)).Append(" | ").Append(Escape(op.Kind)).Append(" | ")
                  .Append(features is null ? "—" : Shape(features)).Append(" | ")
                  .Append(features is null ? "—" : Flops(features.NominalFlops)).Append(" | ")
                  .Append(TimeWithProvenance(baseline)).Append(" | ")
                  .Append(best >= 0 ? Escape(table.Knobs[best].Key) : "—").Append(" | ")
                  .Append(TimeWithProvenance(bestCell)).Append(" | ")
                  .Append(Speedup(baseline, bestCell)).Append(" |\n");
            }
            sb.Append('\n');
        }

        sb.Append("## Knobs\n\n| knob | id | run (ms) | energy (J) |\n|---|---:|---:|---:|\n");
        foreach (TableKnob knob in table.Knobs)
        {
            sb.Append("| ").Append(Escape(knob.Key)).Append(" | ").Append(Int(knob.Id)).Append(" | ")
              .Append(Opt(knob.Total?.Mean)).Append(" | ").Append(Opt(knob.TotalEnergy)).Append(" |\n");
        }
        sb.Append('\n');

        AppendQos(sb, table);
        AppendCosts(sb, table);
        AppendMeasurements(sb, table, fp32, energy);
        return sb.ToString();
    }

    // Output error against the fp32 reference and, where the benchmark has labelled inputs, accuracy (percent) and
    // accuracy loss (percentage points below the reference's accuracy).
    private static void AppendQos(StringBuilder sb, LookupTable table)
    {
        bool accuracy = table.Knobs.Any(k => k.Qos?.Accuracy is not null);
        sb.Append("## QoS\n\n");
        if (!accuracy) sb.Append("Accuracy: not measured (the benchmark has no labelled inputs).\n\n");
        sb.Append("| knob | relL2 | maxAbs | PSNR (dB) | top-1 | accuracy (%) | accuracy loss (pp) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (TableKnob knob in table.Knobs)
        {
            sb.Append("| ").Append(Escape(knob.Key)).Append(" | ")
              .Append(Opt(knob.Qos?.RelL2)).Append(" | ").Append(Opt(knob.Qos?.MaxAbs)).Append(" | ").Append(Opt(knob.Qos?.Psnr)).Append(" | ")
              .Append(Opt(knob.Qos?.Top1)).Append(" | ").Append(NotMeasured(knob.Qos?.Accuracy)).Append(" | ")
              .Append(NotMeasured(knob.Qos?.AccuracyLoss)).Append(" |\n");
        }
        sb.Append('\n');
    }

    private static string NotMeasured(double? value) => value is null ? "not measured" : Opt(value);

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => Profiles.AtomicFile.WriteAllText(path, ToText(table));

    private static void AppendDevice(StringBuilder sb, LookupTable table)
    {
        sb.Append("Device: ");
        if (table.Device is not { } d)
        {
            sb.Append(Escape(table.DeviceKind)).Append(" (not recorded by the source).  \n");
            return;
        }
        sb.Append(Escape(d.Kind)).Append(" — ").Append(d.Name.Length == 0 ? "unnamed" : Escape(d.Name));
        if (d.Properties.Count > 0)
        {
            sb.Append(" (").Append(string.Join(", ", d.Properties.Select(p => Escape(p.Key) + " " + Escape(p.Value)))).Append(')');
        }
        sb.Append(".  \n");
    }

    private static void AppendProvenance(StringBuilder sb, LookupTable table)
    {
        var counts = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
        int missing = 0;
        foreach (TableNode node in table.Nodes)
            foreach (TableOp op in node.Ops)
                foreach (TableCell? cell in op.Cells)
                {
                    if (cell is null) missing++;
                    else counts[cell.Provenance] = counts.TryGetValue(cell.Provenance, out int n) ? n + 1 : 1;
                }
        sb.Append("Provenance: ");
        if (counts.Count == 0) sb.Append("no cell has a value");
        else if (counts.Count == 1 && counts.ContainsKey(Provenance.Measured)) sb.Append("every number is measured on the device");
        else
        {
            sb.Append(string.Join(", ", counts.Select(p => Int(p.Value) + " " + Escape(p.Key))))
              .Append(" cells (not-measured times are marked in the node tables; Measurements names each cell's)");
        }
        if (missing > 0) sb.Append("; ").Append(Int(missing)).Append(" cells not measured");
        sb.Append(".\n");
    }

    private static void AppendCosts(StringBuilder sb, LookupTable table)
    {
        bool copies = table.Nodes.Any(n => n.Ops.Any(o => o.H2d is not null || o.D2h is not null));
        sb.Append("## Conversion").Append(copies ? " and copy" : "").Append(" costs\n\n");
        var rows = new List<(TableNode Node, int Index, TableOp Op)>();
        foreach (TableNode node in table.Nodes)
            for (int o = 0; o < node.Ops.Count; o++)
            {
                TableOp op = node.Ops[o];
                if (op.F2h is not null || op.H2f is not null || op.H2d is not null || op.D2h is not null) rows.Add((node, o, op));
            }
        if (rows.Count == 0)
        {
            sb.Append("No conversion").Append(copies ? " or copy" : "").Append(" was measured.\n\n");
            return;
        }
        sb.Append("Milliseconds per call of the op's input: fp32→fp16 (f2h) and fp16→fp32 (h2f)")
          .Append(copies ? ", host→device (h2d) and device→host (d2h)" : "")
          .Append(", mean over the variants in which it happened. Ops with none are left out.\n\n");
        sb.Append("| node | # | op | f2h | h2f |").Append(copies ? " h2d | d2h |" : "").Append('\n');
        sb.Append("|---:|---:|---|---:|---:|").Append(copies ? "---:|---:|" : "").Append('\n');
        foreach ((TableNode node, int index, TableOp op) in rows)
        {
            sb.Append("| ").Append(Int(node.Id)).Append(" | ").Append(Int(index + 1)).Append(" | ").Append(Escape(op.Kind)).Append(" | ")
              .Append(Cost(op.F2h)).Append(" | ").Append(Cost(op.H2f)).Append(" |");
            if (copies) sb.Append(' ').Append(Cost(op.H2d)).Append(" | ").Append(Cost(op.D2h)).Append(" |");
            sb.Append('\n');
        }
        sb.Append('\n');
    }

    private static void AppendMeasurements(StringBuilder sb, LookupTable table, int fp32, bool energy)
    {
        sb.Append("## Measurements\n\nEvery cell of the table: one row per op × knob.\n");
        foreach (TableNode node in table.Nodes)
        {
            sb.Append("\n### ").Append(NodeTitle(node)).Append("\n\n");
            sb.Append("| # | op | knob | time (ms) | speedup | eff. FLOPs |").Append(energy ? " energy (J) |" : "").Append(" provenance |\n");
            sb.Append("|---:|---|---|---:|---:|---:|").Append(energy ? "---:|" : "").Append("---|\n");
            for (int o = 0; o < node.Ops.Count; o++)
            {
                TableOp op = node.Ops[o];
                TableCell? baseline = fp32 >= 0 ? op.Cells[fp32] : null;
                for (int k = 0; k < table.Knobs.Count; k++)
                {
                    TableCell? cell = op.Cells[k];
                    sb.Append("| ").Append(Int(o + 1)).Append(" | ").Append(Escape(op.Kind)).Append(" | ").Append(Escape(table.Knobs[k].Key)).Append(" | ")
                      .Append(Time(cell)).Append(" | ").Append(Speedup(baseline, cell)).Append(" | ").Append(EffectiveShare(cell?.Features)).Append(" |");
                    if (energy) sb.Append(' ').Append(Opt(cell?.Energy)).Append(" |");
                    sb.Append(' ').Append(cell is null ? "not measured" : Escape(cell.Provenance)).Append(" |\n");
                }
            }
        }
    }

    private static string NodeTitle(TableNode node) => "Node " + Int(node.Id) + " (" + Escape(node.Name) + ")";

    /// <summary>The knob with the lowest mean for the op (the first in column order on a tie), or -1 when none was measured.</summary>
    private static int Best(TableOp op)
    {
        int best = -1;
        for (int k = 0; k < op.Cells.Count; k++)
        {
            if (op.Cells[k] is { } c && (best < 0 || c.Mean < op.Cells[best]!.Mean)) best = k;
        }
        return best;
    }

    private static string Time(TableCell? cell)
    {
        if (cell is null) return "—";
        string text = TableText.Short(cell.Mean);
        return cell.Time is { } t ? text + " ± " + TableText.Short(t.CiHalfWidth) : text;
    }

    private static string TimeWithProvenance(TableCell? cell) =>
        cell is null || cell.Provenance == Provenance.Measured ? Time(cell) : Time(cell) + " (" + Escape(cell.Provenance) + ")";

    private static string Speedup(TableCell? baseline, TableCell? cell) =>
        baseline is null || cell is null || cell.Mean <= 0 ? "—" : TableText.Short(baseline.Mean / cell.Mean) + "×";

    private static string EffectiveShare(OpFeatureRecord? f) =>
        f is null || f.NominalFlops <= 0 ? "—" : TableText.Short((double)f.EffectiveFlops / f.NominalFlops);

    private static string Shape(OpFeatureRecord f)
    {
        static string Dims(int[] s) => s.Length == 0 ? "scalar" : string.Join("x", s.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        return string.Join(", ", f.Inputs.Select(Dims)) + " → " + Dims(f.Output);
    }

    /// <summary>A FLOP count with an SI prefix and six significant digits (<c>950</c>, <c>2.4 M</c>).</summary>
    private static string Flops(long flops)
    {
        string[] prefixes = { "", " k", " M", " G", " T", " P", " E" };
        double value = flops;
        int p = 0;
        while (System.Math.Abs(value) >= 1000 && p < prefixes.Length - 1)
        {
            value /= 1000;
            p++;
        }
        return TableText.Short(value) + prefixes[p];
    }

    private static string Cost(ConversionCost? cost) => cost is { } c ? TableText.Short(c.Time) : "—";

    private static string Opt(double? value) => value is { } v ? TableText.Short(v) : "—";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A name as literal Markdown text in a table cell or heading: backslash-escapes <c>|</c> and the characters that
    /// start emphasis, code, links, HTML or entities; <c>_</c> only where it could delimit emphasis (intraword <c>_</c>,
    /// as in <c>perf_121</c>, is literal in CommonMark); line breaks become spaces.
    /// </summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\r':
                case '\n':
                    sb.Append(' ');
                    break;
                case '|' or '\\' or '`' or '*' or '[' or ']' or '<' or '>' or '&' or '~' or '#':
                    sb.Append('\\').Append(c);
                    break;
                case '_':
                    bool intraword = i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
                    if (!intraword) sb.Append('\\');
                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    // "Drift-corrected: …" when the columns' times were put on one scale by the fp32 time measured beside each.
    private static void AppendScales(StringBuilder sb, LookupTable table)
    {
        var scales = table.Knobs.Where(k => k.Scale is not null).Select(k => k.Scale!.Value).ToList();
        if (scales.Count == 0) return;
        sb.Append("Drift-corrected: each variant was measured interleaved with fp32, and its times are scaled by the median fp32 time ")
          .Append("over the fp32 time measured beside it (factors ").Append(scales.Min().ToString("0.000", CultureInfo.InvariantCulture)).Append("–")
          .Append(scales.Max().ToString("0.000", CultureInfo.InvariantCulture)).Append(").  \n");
    }

    // "Measured on: node1 (fp32, perf_121), node2 (samp_231)." when the profiles named their machines; one machine: its name.
    private static void AppendHosts(StringBuilder sb, LookupTable table)
    {
        var hosts = table.Knobs.Where(k => k.Host is not null).GroupBy(k => k.Host!, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();
        if (hosts.Count == 0) return;
        sb.Append("Measured on: ");
        if (hosts.Count == 1 && hosts[0].Count() == table.Knobs.Count)
        {
            sb.Append(Escape(hosts[0].Key));
        }
        else
        {
            sb.Append(string.Join(", ", hosts.Select(g => Escape(g.Key) + " (" + string.Join(", ", g.Select(k => Escape(k.Key))) + ")")));
        }
        sb.Append(".  \n");
    }
}
