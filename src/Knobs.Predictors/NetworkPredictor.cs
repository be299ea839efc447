using System;
using System.Collections.Generic;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Predictors;

/// <summary>One predicted cell of a table: node, op position, knob, predicted and (when the table has it) measured ms.</summary>
public sealed record CellPrediction(int Node, int OpIndex, string Knob, OpPrediction Prediction, double? Measured, string ShapeKey);

/// <summary>A whole run predicted: a table's knob column summed through the run model, beside its measured run time.</summary>
public sealed record NetworkPrediction(string Benchmark, string Knob, int Batch, double Predicted, double? Measured, int Ops, IReadOnlyList<CellPrediction> Cells)
{
    /// <summary>(predicted − measured) / measured, or null when not measured.</summary>
    public double? RelativeError => Measured is > 0 ? (Predicted - Measured.Value) / Measured.Value : null;
}

/// <summary>Predicts the cells and whole runs of a table from the op features it records.</summary>
public static class NetworkPredictor
{
    /// <summary>The measured conversion time the table attributes to <paramref name="op"/> when it runs <paramref name="cell"/> (fp16 cells only).</summary>
    public static double ConversionsAt(TableOp op, TableCell cell) =>
        cell.Features?.Precision == "fp16" ? (op.F2h?.Time ?? 0) + (op.H2f?.Time ?? 0) : 0;

    /// <summary>
    /// Predicts every knob column of <paramref name="table"/> whose cells all carry features; KNB0603 for a table of
    /// another device, KNB0604 for an op the predictor lacks.
    /// </summary>
    public static IReadOnlyList<NetworkPrediction> Predict(Predictor predictor, LookupTable table, string file)
    {
        predictor.CheckDevice(TrainingSet.DeviceOf(table), file);
        var result = new List<NetworkPrediction>();
        for (int k = 0; k < table.Knobs.Count; k++)
        {
            NetworkPrediction? p = PredictColumn(predictor, table, k);
            if (p is not null) result.Add(p);
        }
        return result;
    }

    private static NetworkPrediction? PredictColumn(Predictor predictor, LookupTable table, int k)
    {
        string knob = table.Knobs[k].Key;
        var cells = new List<CellPrediction>();
        double sum = 0;
        foreach (TableNode node in table.Nodes)
        {
            for (int o = 0; o < node.Ops.Count; o++)
            {
                TableOp op = node.Ops[o];
                TableCell? cell = op.Cells[k];
                if (cell?.Features is null || cell.Op is null) return null;
                OpPrediction p = predictor.Predict(cell.Op, cell.Features);
                sum += p.Time + PredictedConversions(predictor, op, cell.Features);
                double? measured = cell.Provenance == Provenance.Measured ? cell.Mean : null;
                cells.Add(new CellPrediction(node.Id, o, knob, p, measured, OpFeatureVector.ShapeKey(cell.Op, cell.Features)));
            }
        }
        if (cells.Count == 0) return null;
        double? total = table.Knobs[k].Total is { Mean: > 0 } t ? t.Mean : null;
        return new NetworkPrediction(table.Benchmark, knob, table.Settings?.Batch ?? 0, predictor.Run.Time(sum, cells.Count), total, cells.Count, cells);
    }

    /// <summary>The predicted conversions at <paramref name="op"/> when it runs at <paramref name="f"/>: those the table measured there, for fp16 cells.</summary>
    internal static double PredictedConversions(Predictor predictor, TableOp op, OpFeatureRecord f)
    {
        if (f.Precision != "fp16") return 0;
        double sum = 0;
        if (op.F2h is { Time: > 0 }) sum += predictor.Conversion("f2h", f);
        if (op.H2f is { Time: > 0 }) sum += predictor.Conversion("h2f", f);
        return sum;
    }
}

/// <summary>
/// A table of predicted times: every cell of the input that carries op features gets the predictor's time (provenance
/// <c>predicted</c>, no statistics, energy not measured), conversions are predicted where the input has them, whole-run
/// totals are dropped (not measured), and the device is the predictor's. The simulator reads it like any table and
/// marks what it computes from it as predicted.
/// </summary>
public static class PredictedTable
{
    /// <summary>The predicted version of <paramref name="table"/>; KNB0603 and KNB0604 as <see cref="NetworkPredictor.Predict"/>.</summary>
    public static LookupTable Of(Predictor predictor, LookupTable table, string file)
    {
        predictor.CheckDevice(TrainingSet.DeviceOf(table), file);
        var nodes = new List<TableNode>();
        foreach (TableNode node in table.Nodes)
        {
            var ops = new List<TableOp>();
            foreach (TableOp op in node.Ops)
            {
                var cells = new List<TableCell?>();
                OpFeatureRecord? half = null;
                foreach (TableCell? cell in op.Cells)
                {
                    if (cell?.Features is null || cell.Op is null)
                    {
                        cells.Add(null);
                        continue;
                    }
                    if (cell.Features.Precision == "fp16") half ??= cell.Features;
                    OpPrediction p = predictor.Predict(cell.Op, cell.Features);
                    cells.Add(new TableCell(cell.Op, cell.Approx, p.Time, null, null, cell.Features, Provenance.Predicted));
                }
                ops.Add(new TableOp(op.Kind, cells, Conversion(predictor, "f2h", op.F2h, half), Conversion(predictor, "h2f", op.H2f, half), op.H2d, op.D2h));
            }
            nodes.Add(new TableNode(node.Id, node.Name, ops));
        }
        var knobs = new List<TableKnob>();
        foreach (TableKnob k in table.Knobs) knobs.Add(new TableKnob(k.Approx, k.Id, k.Qos, null, null) { Host = k.Host });
        return new LookupTable(table.Benchmark, table.Environment, table.Settings, knobs, nodes, table.Sources, predictor.Device);
    }

    private static ConversionCost? Conversion(Predictor predictor, string kind, ConversionCost? measured, OpFeatureRecord? half)
    {
        if (measured is null) return null;
        if (half is null || !(measured.Time > 0)) return measured.Time > 0 ? null : measured;
        return new ConversionCost(predictor.Conversion(kind, half), null);
    }
}
