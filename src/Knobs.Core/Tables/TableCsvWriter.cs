using System.Globalization;
using System.Text;

namespace Knobs.Tables;

/// <summary>
/// Writes the tidy CSV <c>&lt;bench&gt;.table.csv</c>: one row per node × op × knob with columns
/// <c>benchmark,node,op,knob,n,mean,median,stdev,ci,energy,qos</c> (docs/formats.md).
/// </summary>
public static class TableCsvWriter
{
    /// <summary>The header row.</summary>
    public const string Header = "benchmark,node,op,knob,n,mean,median,stdev,ci,energy,qos";

    /// <summary>The file's text.</summary>
    public static string ToText(LookupTable table)
    {
        var sb = new StringBuilder(Header).Append('\n');
        string bench = TableText.Csv(table.Benchmark);
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                for (int k = 0; k < table.Knobs.Count; k++)
                {
                    TableCell? cell = op.Cells[k];
                    if (cell is null) continue;
                    TableKnob knob = table.Knobs[k];
                    sb.Append(bench).Append(',').Append(node.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(TableText.Csv(op.Kind)).Append(',').Append(TableText.Csv(knob.Key)).Append(',')
                        .Append(cell.Time is { } t ? t.N.ToString(CultureInfo.InvariantCulture) : "").Append(',')
                        .Append(TableText.Number(cell.Mean)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.Median)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.Stdev)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.CiHalfWidth)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Energy)).Append(',')
                        .Append(TableText.NumberOrEmpty(knob.Qos?.RelL2)).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => Profiles.AtomicFile.WriteAllText(path, ToText(table));
}
