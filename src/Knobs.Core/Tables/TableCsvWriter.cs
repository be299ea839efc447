using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>
/// Writes the tidy CSV <c>&lt;bench&gt;.table.csv</c>: one row per node × op × knob with the columns of <see cref="Header"/>:
/// where and how each number was obtained (device, provenance), its statistics, and the op's features (docs/formats.md).
/// </summary>
public static class TableCsvWriter
{
    /// <summary>The header row.</summary>
    public const string Header =
        "device,benchmark,node,op,knob,provenance,n,mean,median,stdev,ci,energy,qos,accuracy,accuracy_loss,precision,inputs,output,flops,effective_flops,bytes_read,bytes_written,batch,threads";

    /// <summary>The file's text.</summary>
    public static string ToText(LookupTable table)
    {
        var sb = new StringBuilder(Header).Append('\n');
        string bench = TableText.Csv(table.Benchmark);
        string device = TableText.Csv(table.DeviceKind);
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                for (int k = 0; k < table.Knobs.Count; k++)
                {
                    TableCell? cell = op.Cells[k];
                    if (cell is null) continue;
                    TableKnob knob = table.Knobs[k];
                    sb.Append(device).Append(',').Append(bench).Append(',').Append(node.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(TableText.Csv(op.Kind)).Append(',').Append(TableText.Csv(knob.Key)).Append(',')
                        .Append(TableText.Csv(cell.Provenance)).Append(',')
                        .Append(cell.Time is { } t ? t.N.ToString(CultureInfo.InvariantCulture) : "").Append(',')
                        .Append(TableText.Number(cell.Mean)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.Median)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.Stdev)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Time?.CiHalfWidth)).Append(',')
                        .Append(TableText.NumberOrEmpty(cell.Energy)).Append(',')
                        .Append(TableText.NumberOrEmpty(knob.Qos?.RelL2)).Append(',')
                        .Append(TableText.NumberOrEmpty(knob.Qos?.Accuracy)).Append(',')
                        .Append(TableText.NumberOrEmpty(knob.Qos?.AccuracyLoss)).Append(',');
                    AppendFeatures(sb, cell.Features);
                    sb.Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    // precision, inputs (shapes joined by ';', dims by 'x'), output, flops, effective_flops, bytes_read, bytes_written, batch, threads;
    // empty when the source had no features.
    private static void AppendFeatures(StringBuilder sb, OpFeatureRecord? f)
    {
        if (f is null)
        {
            sb.Append(",,,,,,,,");
            return;
        }
        static string Shape(int[] s) => string.Join("x", s.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        sb.Append(f.Precision).Append(',')
            .Append(string.Join(";", f.Inputs.Select(Shape))).Append(',')
            .Append(Shape(f.Output)).Append(',')
            .Append(f.NominalFlops.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(f.EffectiveFlops.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(f.BytesRead.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(f.BytesWritten.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(f.Batch.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(f.Threads.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => Profiles.AtomicFile.WriteAllText(path, ToText(table));
}
