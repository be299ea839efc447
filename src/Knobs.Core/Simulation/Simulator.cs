using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>
/// Predicts the time and energy of per-node configurations from a lookup table (docs/simulator.md): Σ of the table's
/// per-op values for the knob each op is given, plus measured conversion costs where precision changes; speedup and
/// energy reduction against a baseline taken from the table (all ops at fp32 unless chosen otherwise).
/// </summary>
public sealed class Simulator
{
    /// <summary>Errors after which simulation of a file stops (as reading does).</summary>
    public const int MaxErrors = 100;

    private readonly CompiledTable _table;
    private readonly bool _accuracyMeasured;
    private readonly Profiles.LabelledOutputs? _labelled;
    private readonly int _referenceCorrect;

    /// <summary>Prepares <paramref name="table"/> for simulation (flattens it into arrays once).</summary>
    public Simulator(LookupTable table) : this(new[] { table ?? throw new ArgumentNullException(nameof(table)) })
    {
    }

    /// <summary>
    /// Prepares the tables of one benchmark, one per device, for simulation: each configuration line runs on the table
    /// its device word (<c>cpu</c>, <c>gpu</c>) names. The CPU table, when there is one, is the baseline's device.
    /// </summary>
    public Simulator(IEnumerable<LookupTable> tables)
    {
        if (tables is null) throw new ArgumentNullException(nameof(tables));
        var ordered = tables.OrderBy(t => t.DeviceKind == Profiles.ProfileDevice.Cpu ? 0 : 1).ThenBy(t => t.DeviceKind, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0) throw new ArgumentException("at least one table is needed", nameof(tables));
        string? duplicate = ordered.GroupBy(t => t.DeviceKind, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null) throw new ArgumentException($"two tables for device {duplicate}", nameof(tables));
        LookupTable first = ordered[0];
        foreach (LookupTable other in ordered.Skip(1))
        {
            if (other.Benchmark != first.Benchmark || !SameShape(first, other))
            {
                throw new ArgumentException($"the {other.DeviceKind} table ({other.Benchmark}) does not have the nodes and ops of the {first.DeviceKind} table ({first.Benchmark}); device tables of one benchmark must come from the same build", nameof(tables));
            }
        }
        _table = new CompiledTable(ordered);
        _accuracyMeasured = ordered.Any(t => t.Knobs.Any(k => k.Qos?.Nodes is not null));
        _labelled = ordered.SelectMany(t => t.Knobs).Select(k => k.Qos?.Labelled).FirstOrDefault(l => l is not null);
        if (_labelled is not null) _referenceCorrect = OutputModel.Correct(_labelled, OutputModel.Copy(_labelled.Scores));
    }

    private static bool SameShape(LookupTable a, LookupTable b) =>
        a.Nodes.Count == b.Nodes.Count && a.Nodes.Zip(b.Nodes, (x, y) => x.Ops.Select(o => o.Kind).SequenceEqual(y.Ops.Select(o => o.Kind))).All(same => same);

    /// <summary>The primary table (the CPU's when there is one).</summary>
    public LookupTable Table => _table.Table;

    /// <summary>Every device's table.</summary>
    public IReadOnlyList<LookupTable> Tables => _table.Tables;

    /// <summary>Reads a configuration file (checked against this table's nodes and knobs) and simulates it.</summary>
    public SimulationResult SimulateFile(string path, SimulationOptions? options = null)
    {
        ConfigurationReadResult read = ConfigurationReader.ReadFile(path, ReaderOptions());
        if (read.File is null)
        {
            return new SimulationResult(Table.Benchmark, (options ?? new SimulationOptions()).BaselineKnob, null,
                Array.Empty<ConfigurationPrediction>(), read.Diagnostics);
        }
        SimulationResult result = Simulate(read.File, options);
        return new SimulationResult(result.Benchmark, result.BaselineKnob, result.Baseline, result.Predictions,
            read.Diagnostics.Concat(result.Diagnostics).ToList());
    }

    /// <summary>Reader options that check a file against this table: its nodes' ops and its knob names.</summary>
    public ConfigurationReaderOptions ReaderOptions() => new()
    {
        Nodes = Table.Shape(),
        ExtraApproxNames = Tables.SelectMany(t => t.Knobs).Select(k => k.Approx).Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Simulates every configuration of <paramref name="file"/>.</summary>
    public SimulationResult Simulate(ConfigurationFile file, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var diagnostics = new List<ConfigurationDiagnostic>();
        var resolver = new ConfigurationResolver(_table, file.Path, diagnostics, options);
        CompiledConfiguration? baselineConfig = resolver.Uniform(options.BaselineKnob);
        Prediction? baseline = baselineConfig is null ? null : Evaluator.Evaluate(_table, baselineConfig);
        WarnAboutFile(file, diagnostics);
        var predictions = new List<ConfigurationPrediction>(file.Configurations.Count);
        int unmeasured = 0;
        foreach (Configuration configuration in file.Configurations)
        {
            if (diagnostics.Count(d => d.IsError) >= MaxErrors)
            {
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.TooManyErrors, ConfigurationSeverity.Error,
                    FormattableString.Invariant($"too many errors; simulation stopped at configuration '{configuration.Name}'"), file.Path, configuration.Line, 1));
                break;
            }
            CompiledConfiguration? compiled = resolver.Resolve(configuration);
            if (compiled is null || baseline is not { } b) continue;
            Prediction p = Evaluator.Evaluate(_table, compiled);
            if (!(p.Time > 0) || !(b.Time > 0) || double.IsInfinity(p.Time) || double.IsInfinity(b.Time))
            {
                // Reader limits keep every cell finite and non-negative; a sum of 0 ms has no speedup.
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.BadTableFile, ConfigurationSeverity.Error,
                    FormattableString.Invariant($"the table's times for configuration '{configuration.Name}' (or for the baseline) add up to {(p.Time > 0 ? b.Time : p.Time)} ms, so it has no speedup; profile the table again"),
                    file.Path, configuration.Line, 1));
                continue;
            }
            if (p.UnmeasuredConversions > 0) unmeasured++;
            double? reduction = b.Energy is { } be && p.Energy is { } pe && pe > 0 ? be / pe : null;
            predictions.Add(new ConfigurationPrediction(configuration, p, b.Time / p.Time, reduction, ProvenanceOf(compiled))
            {
                PredictedAccuracyLoss = AccuracyLoss(compiled),
                OutputModelAccuracyLoss = OutputModelLoss(compiled),
            });
        }
        if (unmeasured > 0)
        {
            diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.ConversionNotMeasured, ConfigurationSeverity.Warning, FormattableString.Invariant(
                $"{unmeasured} configuration(s) change precision or device at ops whose conversion or copy cost no profile measured; those transitions are left out of the prediction (see the CSV's unmeasured_conversions)"),
                file.Path, 0, 0));
        }
        bool failed = diagnostics.Any(d => d.IsError);
        return new SimulationResult(Table.Benchmark, options.BaselineKnob, baseline,
            failed ? Array.Empty<ConfigurationPrediction>() : predictions, diagnostics);
    }

    // ApproxTuner's additive model: Σ over nodes of the loss of the node's knob (its first op's) on that node alone. A node
    // at fp32 loses nothing; a knob whose column has per-node accuracy but no entry for the node does not change it.
    private double? AccuracyLoss(CompiledConfiguration configuration)
    {
        // Without labelled inputs no column has per-node accuracy: nothing is predicted, not even an fp32 configuration's 0.
        if (!_accuracyMeasured || NodeEntries(configuration) is not { } entries) return null;
        double loss = 0;
        foreach (Knobs.Profiles.NodeAccuracy a in entries) loss += a.AccuracyLoss;
        return loss;
    }

    // ApproxTuner's output model: the reference's class scores on the labelled inputs plus, for each approximated node,
    // how its knob changed them with that node alone approximated; the loss is the reference's accuracy minus the
    // accuracy of those scores. Null when the reference's or a used knob's scores are not in the table, or their sizes differ.
    private double? OutputModelLoss(CompiledConfiguration configuration)
    {
        if (_labelled is not { } reference || NodeEntries(configuration) is not { } entries) return null;
        double[] sum = OutputModel.Copy(reference.Scores);
        foreach (Knobs.Profiles.NodeAccuracy a in entries)
        {
            if (a.Scores is not { } scores || scores.Count != sum.Length) return null;
            for (int i = 0; i < sum.Length; i++) sum[i] += scores[i] - reference.Scores[i];
        }
        return 100.0 * (_referenceCorrect - OutputModel.Correct(reference, sum)) / reference.Labels.Count;
    }

    // Node by node, the per-node accuracy entry of each approximated node's knob (its first op's) for that node; a knob
    // with per-node accuracy but no entry for the node does not change it. Null when a knob used has no per-node accuracy.
    private List<Knobs.Profiles.NodeAccuracy>? NodeEntries(CompiledConfiguration configuration)
    {
        var entries = new List<Knobs.Profiles.NodeAccuracy>();
        for (int n = 0; n + 1 < _table.NodeFirstOp.Length; n++)
        {
            int g = _table.NodeFirstOp[n], d = configuration.Devices[g];
            TableKnob knob = _table.Tables[d].Knobs[(configuration.Cells[g] - _table.DeviceBase[d]) / _table.OpCount];
            if (knob.Identity.IsBaseline) continue;
            if (knob.Qos?.Nodes is not { } nodes) return null;
            foreach (Knobs.Profiles.NodeAccuracy a in nodes)
            {
                if (a.Node == n + 1) entries.Add(a);
            }
        }
        return entries;
    }

    // measured, modelled and predicted, in that order, for the ones the configuration's cells use.
    private string ProvenanceOf(CompiledConfiguration configuration)
    {
        bool measured = false, modelled = false, predicted = false;
        foreach (int c in configuration.Cells)
        {
            switch (_table.Provenance[c])
            {
                case Knobs.Profiles.Provenance.Modelled: modelled = true; break;
                case Knobs.Profiles.Provenance.Predicted: predicted = true; break;
                default: measured = true; break;
            }
        }
        var parts = new List<string>(3);
        if (measured) parts.Add(Knobs.Profiles.Provenance.Measured);
        if (modelled) parts.Add(Knobs.Profiles.Provenance.Modelled);
        if (predicted) parts.Add(Knobs.Profiles.Provenance.Predicted);
        return string.Join("+", parts);
    }

    /// <summary>
    /// Resolves every configuration of <paramref name="file"/> against the table once, so that <see cref="Evaluate"/>
    /// can run on arrays alone. Configurations that cannot be resolved add diagnostics and are left out.
    /// </summary>
    public PreparedConfigurations Prepare(ConfigurationFile file, List<ConfigurationDiagnostic> diagnostics, SimulationOptions? options = null)
    {
        var resolver = new ConfigurationResolver(_table, file.Path, diagnostics, options);
        var compiled = new List<CompiledConfiguration>(file.Configurations.Count);
        foreach (Configuration configuration in file.Configurations)
        {
            if (resolver.Resolve(configuration) is { } c) compiled.Add(c);
        }
        return new PreparedConfigurations(compiled.ToArray(), Table.Nodes.Count);
    }

    /// <summary>Predicts every prepared configuration into <paramref name="results"/> (the hot path: arrays only, no allocation).</summary>
    public void Evaluate(PreparedConfigurations prepared, Prediction[] results)
    {
        if (results.Length < prepared.Count) throw new ArgumentException("results is shorter than the prepared configurations", nameof(results));
        CompiledConfiguration[] items = prepared.Items;
        for (int i = 0; i < items.Length; i++)
        {
            results[i] = Evaluator.Evaluate(_table, items[i]);
        }
    }

    /// <summary>Predicts one configuration (no speedup); errors are returned in <paramref name="diagnostics"/>.</summary>
    public Prediction? Predict(Configuration configuration, string file, List<ConfigurationDiagnostic> diagnostics, SimulationOptions? options = null)
    {
        CompiledConfiguration? compiled = new ConfigurationResolver(_table, file, diagnostics, options).Resolve(configuration);
        return compiled is null ? null : Evaluator.Evaluate(_table, compiled);
    }

    private static void WarnAboutFile(ConfigurationFile file, List<ConfigurationDiagnostic> diagnostics)
    {
        if (file.Configurations.Count > 0)
        {
            Configuration first = file.Configurations[0];
            ConfigurationOp? notFp32 = first.Nodes.SelectMany(n => n.Ops).FirstOrDefault(o => !o.Identity.IsBaseline);
            if (notFp32 is not null)
            {
                ConfigurationNode node = first.Nodes.First(n => n.Ops.Contains(notFp32));
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.FirstConfigNotBaseline, ConfigurationSeverity.Warning,
                    $"the first configuration '{first.Name}' is not all-fp32 (node {node.Id} {notFp32.Op} is {notFp32.Approx}); HPVM tools take it as the baseline, Knobs does not: speedups here are against the table's baseline",
                    file.Path, node.Line, notFp32.Column));
            }
        }
    }
}

internal static class OutputModel
{
    public static double[] Copy(IReadOnlyList<float> scores)
    {
        var copy = new double[scores.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = scores[i];
        return copy;
    }

    // Images whose highest score (the first, on a tie) is their label's.
    public static int Correct(Profiles.LabelledOutputs labelled, double[] scores)
    {
        int classes = labelled.Classes, correct = 0;
        for (int image = 0; image < labelled.Labels.Count; image++)
        {
            int row = image * classes, best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (scores[row + c] > scores[row + best]) best = c;
            }
            if (best == labelled.Labels[image]) correct++;
        }
        return correct;
    }
}
