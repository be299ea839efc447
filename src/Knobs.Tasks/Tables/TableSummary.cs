using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Tables;

namespace Knobs.Tasks.Tables;

/// <summary>The compact summary ProfileTable prints: per node, the fastest knob and its speedup over fp32.</summary>
internal static class TableSummary
{
    public static IReadOnlyList<string> Lines(LookupTable table)
    {
        var lines = new List<string>();
        int fp32 = table.Knobs.ToList().FindIndex(k => k.Identity.IsBaseline);
        lines.Add(string.Format(CultureInfo.InvariantCulture, "Knobs: {0}: {1} nodes x {2} knobs", table.Benchmark, table.Nodes.Count, table.Knobs.Count));
        foreach (TableNode node in table.Nodes)
        {
            double[] times = Enumerable.Range(0, table.Knobs.Count).Select(k => NodeTime(node, k)).ToArray();
            int best = -1;
            for (int k = 0; k < times.Length; k++)
            {
                if (!double.IsNaN(times[k]) && (best < 0 || times[k] < times[best])) best = k;
            }
            if (best < 0)
            {
                continue;
            }
            string kinds = string.Join(" ", node.Ops.Select(o => o.Kind));
            string speedup = fp32 >= 0 && !double.IsNaN(times[fp32]) && times[best] > 0
                ? (times[fp32] / times[best]).ToString("0.00", CultureInfo.InvariantCulture) + "x vs fp32"
                : "no fp32 baseline";
            lines.Add(string.Format(CultureInfo.InvariantCulture, "  node {0} ({1}): fastest {2}, {3} ms, {4}",
                node.Id, kinds, table.Knobs[best].Key, Ms(times[best]), speedup));
        }
        return lines;
    }

    /// <summary>Sum of the node's op means for one knob column; NaN when a cell is missing.</summary>
    private static double NodeTime(TableNode node, int knob)
    {
        double sum = 0;
        foreach (TableOp op in node.Ops)
        {
            TableCell? cell = knob < op.Cells.Count ? op.Cells[knob] : null;
            if (cell is null) return double.NaN;
            sum += cell.Mean;
        }
        return sum;
    }

    private static string Ms(double ms) => ms.ToString(ms < 0.01 ? "0.####" : "0.###", CultureInfo.InvariantCulture);
}
