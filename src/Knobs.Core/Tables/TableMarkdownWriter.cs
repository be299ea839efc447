using System.Globalization;
using System.Text;

namespace Knobs.Tables;

/// <summary>
/// Writes <c>&lt;bench&gt;.table.md</c>: the environment, then per node a Markdown table of mean time per call (ms, ± 99.9 % CI
/// half-width) by op and knob, then the knobs' QoS and whole-run times. Numbers have six significant digits.
/// </summary>
public static class TableMarkdownWriter
{
    /// <summary>The file's text.</summary>
    public static string ToText(LookupTable table)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(table.Benchmark).Append(" — lookup table\n\n");
        sb.Append("Times are mean milliseconds per call (± half-width of the 99.9 % confidence interval); energy ")
          .Append(table.EnergyMeasured ? "in joules per call." : "not measured.").Append("\n\n");
        if (table.Environment is { } env)
        {
            sb.Append("Environment: ").Append(Escape(env.Describe())).Append(".  \n");
        }
        if (table.Settings is { } s)
        {
            sb.Append("Settings: profiling ").Append(s.Profiling).Append(", batch ").Append(s.Batch.ToString(CultureInfo.InvariantCulture))
              .Append(", threads ").Append(s.Threads.ToString(CultureInfo.InvariantCulture)).Append(".\n\n");
        }
        foreach (TableNode node in table.Nodes)
        {
            sb.Append("## Node ").Append(node.Id.ToString(CultureInfo.InvariantCulture)).Append(" (").Append(Escape(node.Name)).Append(")\n\n");
            sb.Append("| op |");
            foreach (TableKnob knob in table.Knobs) sb.Append(' ').Append(Escape(knob.Key)).Append(" |");
            sb.Append(" f2h | h2f |\n|---|");
            for (int k = 0; k < table.Knobs.Count + 2; k++) sb.Append("---:|");
            sb.Append('\n');
            foreach (TableOp op in node.Ops)
            {
                sb.Append("| ").Append(Escape(op.Kind)).Append(" |");
                foreach (TableCell? cell in op.Cells) sb.Append(' ').Append(Cell(cell)).Append(" |");
                sb.Append(' ').Append(op.F2h is { } f ? TableText.Short(f.Time) : "—").Append(" | ")
                  .Append(op.H2f is { } h ? TableText.Short(h.Time) : "—").Append(" |\n");
            }
            sb.Append('\n');
        }
        sb.Append("## Knobs\n\n| knob | id | relL2 | maxAbs | PSNR (dB) | top-1 | run (ms) | energy (J) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (TableKnob knob in table.Knobs)
        {
            sb.Append("| ").Append(Escape(knob.Key)).Append(" | ").Append(knob.Id.ToString(CultureInfo.InvariantCulture)).Append(" | ")
              .Append(Opt(knob.Qos?.RelL2)).Append(" | ").Append(Opt(knob.Qos?.MaxAbs)).Append(" | ").Append(Opt(knob.Qos?.Psnr)).Append(" | ")
              .Append(Opt(knob.Qos?.Top1)).Append(" | ").Append(Opt(knob.Total?.Mean)).Append(" | ").Append(Opt(knob.TotalEnergy)).Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => Profiles.AtomicFile.WriteAllText(path, ToText(table));

    private static string Cell(TableCell? cell)
    {
        if (cell is null) return "—";
        string text = TableText.Short(cell.Mean);
        return cell.Time is { } t ? text + " ± " + TableText.Short(t.CiHalfWidth) : text;
    }

    private static string Opt(double? value) => value is { } v ? TableText.Short(v) : "—";

    private static string Escape(string text) => text.Replace("|", "\\|");
}
