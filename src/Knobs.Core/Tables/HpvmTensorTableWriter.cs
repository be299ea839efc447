using System.Text;

namespace Knobs.Tables;

/// <summary>
/// Writes <c>&lt;bench&gt;.tensors.txt</c> in HPVM's soc-simulator layout: per node a header
/// <c>** &lt;Node&gt; &lt;NumOps&gt; h2f_time h2f_energy &lt;knob&gt;_time &lt;knob&gt;_energy … f2h_time f2h_energy</c>,
/// then one line per op <c>&lt;OpName&gt; &lt;values&gt;</c> (mean ms, J, <c>NA</c> when not measured). Numbers have six
/// significant digits in invariant culture (<c>1.54659</c>, <c>1E-05</c>): what HPVM's float parsing reads, without the
/// float noise of a computed mean.
/// </summary>
public static class HpvmTensorTableWriter
{
    /// <summary>The file's text.</summary>
    public static string ToText(LookupTable table)
    {
        var sb = new StringBuilder();
        foreach (TableNode node in table.Nodes)
        {
            sb.Append("** ").Append(TableText.Token(node.Name)).Append(' ').Append(node.Ops.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(" h2f_time h2f_energy");
            foreach (TableKnob knob in table.Knobs)
            {
                string key = TableText.Token(knob.Key);
                sb.Append(' ').Append(key).Append("_time ").Append(key).Append("_energy");
            }
            sb.Append(" f2h_time f2h_energy\n");
            foreach (TableOp op in node.Ops)
            {
                sb.Append(TableText.Token(op.Kind));
                sb.Append(' ').Append(TableText.ShortOrNA(op.H2f?.Time)).Append(' ').Append(TableText.ShortOrNA(op.H2f?.Energy));
                foreach (TableCell? cell in op.Cells)
                {
                    sb.Append(' ').Append(TableText.ShortOrNA(cell?.Mean)).Append(' ').Append(TableText.ShortOrNA(cell?.Energy));
                }
                sb.Append(' ').Append(TableText.ShortOrNA(op.F2h?.Time)).Append(' ').Append(TableText.ShortOrNA(op.F2h?.Energy));
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => Profiles.AtomicFile.WriteAllText(path, ToText(table));
}
