using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Reporting;

/// <summary>Turns a <see cref="ReportInput"/> into the <see cref="ReportView"/> the template renders.</summary>
public static class ReportViewBuilder
{
    /// <summary>Builds the view.</summary>
    public static ReportView Build(ReportInput input)
    {
        var view = new ReportView { Title = input.Title, KnobsVersion = KnobsCoreInfo.Version };
        foreach (ReportBenchmark benchmark in input.Benchmarks)
        {
            view.Benchmarks.Add(Build(benchmark));
        }
        return view;
    }

    private static BenchmarkView Build(ReportBenchmark benchmark)
    {
        LookupTable table = benchmark.Table;
        string baselineKey = benchmark.Simulation?.BaselineKnob ?? KnobIdentity.Fp32.ColumnKey;
        var view = new BenchmarkView { Name = table.Benchmark, Baseline = baselineKey };
        AddEnvironment(view, table);
        AddDevice(view, table);
        view.Knobs.AddRange(table.Knobs.Select(k => k.Key));
        int baseline = table.KnobIndex(baselineKey);
        AddHeatMap(view, table, baseline);
        AddOpTimes(view, table);
        AddModelled(view, table, baseline);
        var points = KnobPoints(table, baseline);
        if (benchmark.Simulation is { } simulation) AddConfigurations(view, simulation, points);
        MarkFront(points);
        foreach (ScatterPoint p in points)
        {
            view.Points.Add(new PointRow
            {
                Kind = p.Configuration ? "configuration" : "knob", Label = p.Label, Speedup = F(p.Speedup, "0.000"), Loss = F(p.Loss, "0.000"), Pareto = p.OnFront,
            });
        }
        view.ScatterSvg = ScatterSvg.Render(points, table.Benchmark + ": speedup vs QoS loss");
        AddKnobQos(view, table);
        if (benchmark.Validation is { } validation) AddValidation(view, validation);
        int cells = 0, noisy = 0;
        foreach (TableNode node in table.Nodes)
            foreach (TableOp op in node.Ops)
                foreach (TableCell? cell in op.Cells)
                    if (cell?.Time is { } time)
                    {
                        cells++;
                        if (time.Noisy) noisy++;
                    }
        if (noisy > 0)
        {
            view.Notes.Add(FormattableString.Invariant(
                $"{noisy} of {cells} op measurements are flagged noisy (confidence interval wider than the target error): read their speedups with care, or re-profile on a quieter machine."));
        }
        if (view.HasModelled)
        {
            view.Notes.Add("Modelled: every time and energy of this table is computed by the " + table.DeviceKind +
                " model (docs/accelerators.md), not measured; output quality (QoS) is measured, since the accelerator computes the same outputs. Energy values marked (default …) are assumptions.");
        }
        else if (!table.EnergyMeasured) view.Notes.Add("Energy: not measured (no energy meter was available); energy reductions are reported as not measured.");
        if (!table.Knobs.Any(k => k.Qos?.Accuracy is not null))
        {
            view.Notes.Add("Accuracy: not measured (the benchmark has no labelled inputs); QoS is the output's error against fp32.");
        }
        view.Notes.Add("Knob points: " + (view.HasModelled ? "modelled" : "measured") + " whole-run speedup of the variant over " + baselineKey + ", against QoS loss = relative L2 error of its output vs fp32 (%).");
        if (benchmark.Simulation is not null)
        {
            view.Notes.Add("Configuration points: simulated speedup from this table, against the accuracy_loss field of the configuration file (%), which came from the tuner, not from this machine.");
        }
        return view;
    }

    private static void AddEnvironment(BenchmarkView view, LookupTable table)
    {
        void Add(string name, string? value) => view.Environment.Add(new NameValue { Name = name, Value = value ?? "unknown" });
        if (table.Environment is { } e)
        {
            Add("CPU", e.CpuModel);
            Add("cores", e.Cores.ToString(CultureInfo.InvariantCulture));
            Add("OS", e.Os);
            Add(".NET", e.Dotnet);
            Add("JIT", e.Jit);
            Add("GC", e.Gc);
            Add("threads", e.Threads.ToString(CultureInfo.InvariantCulture));
            Add("backend", e.Backend);
            Add("energy meter", e.Meter);
            Add("CPU governor", e.Governor);
            Add("Knobs", e.KnobsVersion);
        }
        else
        {
            Add("environment", "not recorded (table read from HPVM text)");
        }
        if (table.Settings is { } s)
        {
            Add("profiling", s.Profiling);
            Add("batch", s.Batch.ToString(CultureInfo.InvariantCulture));
            Add("target error", s.TargetError is { } t ? F(t * 100, "0.##") + " %" : "fixed iterations " + s.Iterations?.ToString(CultureInfo.InvariantCulture));
        }
        Add("profiles", table.Sources.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static void AddDevice(BenchmarkView view, LookupTable table)
    {
        if (table.Device is not { } device) return;
        view.Device.Add(new NameValue { Name = "device", Value = device.Kind + " (" + device.Name + ")" });
        foreach (KeyValuePair<string, string> p in device.Properties) view.Device.Add(new NameValue { Name = p.Key, Value = p.Value });
    }

    private static void AddModelled(BenchmarkView view, LookupTable table, int baseline)
    {
        if (!table.Nodes.Any(n => n.Ops.Any(o => o.Cells.Any(c => c?.Modelled is not null)))) return;
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                string id = node.Id.ToString(CultureInfo.InvariantCulture);
                var row = new ValuesRow { Label = id, Op = op.Kind };
                row.Values.AddRange(op.Cells.Select(c => c?.Modelled is { } m ? m.Cycles.ToString(CultureInfo.InvariantCulture) : "—"));
                view.ModelledCycles.Add(row);
                if (baseline < 0 || op.Cells[baseline] is not { Modelled: { } b } cell) continue;
                long dram = b.Traffic.Where(t => t.Memory == "dram").Sum(t => t.BytesRead + t.BytesWritten);
                view.ModelledOps.Add(new ModelledOpRow
                {
                    Node = id, Op = op.Kind, Engine = b.Engine, Cycles = b.Cycles.ToString(CultureInfo.InvariantCulture),
                    StallCycles = b.StallCycles.ToString(CultureInfo.InvariantCulture), Utilisation = F(b.Utilisation * 100, "0.0"),
                    Macs = b.Macs.ToString(CultureInfo.InvariantCulture), DramBytes = dram.ToString(CultureInfo.InvariantCulture),
                    EnergyMicrojoules = cell.Energy is { } e ? TableText.Short(e * 1e6) : "—",
                });
            }
        }
    }

    private static void AddHeatMap(BenchmarkView view, LookupTable table, int baseline)
    {
        var rows = table.Nodes.Select(n => FormattableString.Invariant($"{n.Id} {n.Name} ({string.Join(" ", n.Ops.Select(o => o.Kind))})")).ToList();
        var values = new double?[table.Nodes.Count, table.Knobs.Count];
        for (int n = 0; n < table.Nodes.Count; n++)
        {
            double? reference = baseline < 0 ? null : NodeTime(table.Nodes[n], baseline);
            var row = new ValuesRow { Label = rows[n] };
            for (int k = 0; k < table.Knobs.Count; k++)
            {
                double? time = NodeTime(table.Nodes[n], k);
                values[n, k] = reference is { } r && time is { } t && t > 0 ? r / t : null;
                row.Values.Add(values[n, k] is { } v ? F(v, "0.000") : "—");
            }
            view.HeatRows.Add(row);
        }
        view.HeatMapSvg = HeatMapSvg.Render(rows, view.Knobs, values, table.Benchmark + ": node × knob speedup");
    }

    private static double? NodeTime(TableNode node, int knob)
    {
        double sum = 0;
        foreach (TableOp op in node.Ops)
        {
            if (op.Cells[knob] is not { } cell) return null;
            sum += cell.Mean;
        }
        return sum;
    }

    private static void AddOpTimes(BenchmarkView view, LookupTable table)
    {
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                var row = new ValuesRow { Label = node.Id.ToString(CultureInfo.InvariantCulture), Op = op.Kind };
                row.Values.AddRange(op.Cells.Select(c => c is null ? "—" : TableText.Short(c.Mean)));
                row.Values.Add(op.F2h is { } f ? TableText.Short(f.Time) : "—");
                row.Values.Add(op.H2f is { } h ? TableText.Short(h.Time) : "—");
                view.OpTimes.Add(row);
            }
        }
    }

    private static void AddKnobQos(BenchmarkView view, LookupTable table)
    {
        foreach (TableKnob knob in table.Knobs)
        {
            QosRecord? q = knob.Qos;
            view.KnobQos.Add(new KnobQosRow
            {
                Knob = knob.Key,
                RelL2 = q is null ? "—" : TableText.Short(q.RelL2),
                Top1 = q?.Top1 is { } top1 ? F(top1, "0.000") : "—",
                Accuracy = q?.Accuracy is { } a ? F(a, "0.00") : "not measured",
                AccuracyLoss = q?.AccuracyLoss is { } l ? F(l, "0.00") : "not measured",
            });
        }
    }

    private static List<ScatterPoint> KnobPoints(LookupTable table, int baseline)
    {
        var points = new List<ScatterPoint>();
        ProfileStatistics? reference = baseline < 0 ? null : table.Knobs[baseline].Total;
        foreach (TableKnob knob in table.Knobs)
        {
            if (reference is null || knob.Total is null || knob.Qos is null || knob.Total.Mean <= 0) continue;
            points.Add(new ScatterPoint(knob.Key, knob.Qos.RelL2 * 100, reference.Mean / knob.Total.Mean, configuration: false));
        }
        return points;
    }

    private static void AddConfigurations(BenchmarkView view, SimulationResult simulation, List<ScatterPoint> points)
    {
        foreach (ConfigurationPrediction p in simulation.Predictions)
        {
            string loss = p.Configuration.AccuracyLoss;
            view.Configurations.Add(new ConfigurationRow
            {
                Name = p.Configuration.Name,
                Time = TableText.Short(p.Prediction.Time),
                Speedup = F(p.Speedup, "0.000"),
                EnergyReduction = p.EnergyReduction is { } r ? F(r, "0.000") : "not measured",
                AccuracyLoss = loss,
                UnmeasuredConversions = p.Prediction.UnmeasuredConversions.ToString(CultureInfo.InvariantCulture),
                Provenance = p.Provenance,
            });
            if (double.TryParse(loss, NumberStyles.Float, CultureInfo.InvariantCulture, out double l))
            {
                points.Add(new ScatterPoint(p.Configuration.Name, Math.Max(0, l), p.Speedup, configuration: true));
            }
        }
        foreach (var d in simulation.Diagnostics.Where(d => !d.IsError).GroupBy(d => d.Id).Select(g => g.First()))
        {
            view.Notes.Add(d.Id + ": " + d.Message);
        }
    }

    private static void MarkFront(List<ScatterPoint> points)
    {
        foreach (bool configurations in new[] { false, true })
        {
            var series = points.Where(p => p.Configuration == configurations).ToList();
            foreach (int i in Pareto.Front(series.Select(p => (p.Loss, p.Speedup)).ToList())) series[i].OnFront = true;
        }
    }

    private static void AddValidation(BenchmarkView view, ValidationReport validation)
    {
        foreach (ValidationRow r in validation.Rows)
        {
            view.Validation.Add(new ValidationRowView
            {
                Name = r.Name, Predicted = F(r.PredictedSpeedup, "0.000"), Measured = F(r.MeasuredSpeedup, "0.000"), Error = F(r.Error * 100, "+0.0;-0.0;0.0") + " %",
            });
        }
        if (validation.Rows.Count > 0)
        {
            view.ValidationSummary = FormattableString.Invariant(
                $"{validation.Rows.Count} configurations measured; speedup error |mean| {validation.MeanAbsError * 100:0.0} %, max {validation.MaxAbsError * 100:0.0} %; run-time error |mean| {validation.MeanAbsTimeError * 100:0.0} %, max {validation.MaxAbsTimeError * 100:0.0} %");
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
