using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Configurations;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>Predicted against measured speedup of one configuration.</summary>
public sealed class ValidationRow
{
    internal ValidationRow(string name, int index, double predictedSpeedup, double measuredSpeedup, double predictedTime, double measuredTime,
        double measuredCiHalfWidth, string profile)
    {
        Name = name;
        Index = index;
        PredictedSpeedup = predictedSpeedup;
        MeasuredSpeedup = measuredSpeedup;
        PredictedTime = predictedTime;
        MeasuredTime = measuredTime;
        MeasuredCiHalfWidth = measuredCiHalfWidth;
        Profile = profile;
    }

    /// <summary>Configuration name.</summary>
    public string Name { get; }
    /// <summary>1-based position in the file.</summary>
    public int Index { get; }
    /// <summary>Simulated speedup.</summary>
    public double PredictedSpeedup { get; }
    /// <summary>Measured baseline run time / measured configuration run time.</summary>
    public double MeasuredSpeedup { get; }
    /// <summary>Simulated time, ms.</summary>
    public double PredictedTime { get; }
    /// <summary>Measured mean run time, ms.</summary>
    public double MeasuredTime { get; }
    /// <summary>Half-width of the measured time's 99.9 % CI, ms.</summary>
    public double MeasuredCiHalfWidth { get; }
    /// <summary>The measured profile file.</summary>
    public string Profile { get; }
    /// <summary>Relative error of the predicted speedup: (predicted − measured) / measured.</summary>
    public double Error => (PredictedSpeedup - MeasuredSpeedup) / MeasuredSpeedup;
    /// <summary>Relative error of the predicted run time: (predicted − measured) / measured.</summary>
    public double TimeError => (PredictedTime - MeasuredTime) / MeasuredTime;
}

/// <summary>
/// Validates a simulation against measurements: for every profile of a configuration run (<c>app run --config</c>,
/// header <c>configuration</c> set), predicted vs measured speedup, and the error distribution.
/// Measured speedup = the baseline variant's measured whole-run time (from the table) / the configuration's.
/// </summary>
public sealed class ValidationReport
{
    private ValidationReport(IReadOnlyList<ValidationRow> rows, IReadOnlyList<ConfigurationDiagnostic> diagnostics)
    {
        Rows = rows;
        Diagnostics = diagnostics;
    }

    /// <summary>One row per measured configuration, in file order.</summary>
    public IReadOnlyList<ValidationRow> Rows { get; }
    /// <summary>Errors and warnings.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
    /// <summary>Mean |relative error| of the speedups (NaN without rows).</summary>
    public double MeanAbsError => Rows.Count == 0 ? double.NaN : Rows.Average(r => Math.Abs(r.Error));
    /// <summary>Max |relative error| of the speedups (NaN without rows).</summary>
    public double MaxAbsError => Rows.Count == 0 ? double.NaN : Rows.Max(r => Math.Abs(r.Error));

    /// <summary>Mean |relative error| of the predicted run times (NaN without rows).</summary>
    public double MeanAbsTimeError => Rows.Count == 0 ? double.NaN : Rows.Average(r => Math.Abs(r.TimeError));
    /// <summary>Max |relative error| of the predicted run times (NaN without rows).</summary>
    public double MaxAbsTimeError => Rows.Count == 0 ? double.NaN : Rows.Max(r => Math.Abs(r.TimeError));

    /// <summary>Matches measured configuration profiles to the simulated configurations and compares.</summary>
    public static ValidationReport Create(SimulationResult simulation, LookupTable table, IEnumerable<(string Path, Profile Profile)> measured)
    {
        var diagnostics = new List<ConfigurationDiagnostic>();
        var rows = new List<ValidationRow>();
        TableKnob? baseline = table.KnobIndex(simulation.BaselineKnob) is int k and >= 0 ? table.Knobs[k] : null;
        if (baseline?.Total is null)
        {
            diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.NoMeasuredBaseline, ConfigurationSeverity.Error,
                $"the table of {table.Benchmark} has no measured whole-run time for the baseline {simulation.BaselineKnob}; profile that variant", "(table)", 0, 0));
            return new ValidationReport(rows, diagnostics);
        }
        var byIndex = simulation.Predictions.ToDictionary(p => p.Configuration.Index);
        foreach ((string path, Profile profile) in measured.OrderBy(m => m.Profile.Header.Configuration?.Index ?? 0).ThenBy(m => m.Path, StringComparer.Ordinal))
        {
            ProfileConfiguration? config = profile.Header.Configuration;
            if (config is null || profile.Header.Benchmark != table.Benchmark) continue;
            string? problem = Mismatch(profile, table, byIndex, out ConfigurationPrediction? prediction);
            if (problem is not null)
            {
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.MeasuredMismatch, ConfigurationSeverity.Error, problem, path, 0, 0));
                continue;
            }
            double measuredSpeedup = baseline.Total.Mean / profile.Summary.Time.Mean;
            rows.Add(new ValidationRow(config.Name, config.Index, prediction!.Speedup, measuredSpeedup, prediction.Prediction.Time,
                profile.Summary.Time.Mean, profile.Summary.Time.CiHalfWidth, path));
        }
        return new ValidationReport(rows, diagnostics);
    }

    private static string? Mismatch(Profile profile, LookupTable table, Dictionary<int, ConfigurationPrediction> byIndex, out ConfigurationPrediction? prediction)
    {
        ProfileConfiguration config = profile.Header.Configuration!;
        prediction = null;
        if (table.Environment is { } env && profile.Header.Environment.ComparisonKey != env.ComparisonKey)
        {
            return "measured in a different environment than the table; measure configurations where the table was profiled";
        }
        if (profile.Summary.Failed) return $"the measured run of {config.Name} failed ({profile.Summary.Error})";
        if (!byIndex.TryGetValue(config.Index, out prediction) || prediction.Configuration.Name != config.Name)
        {
            return FormattableString.Invariant($"measures configuration {config.Index} '{config.Name}', which the simulated file does not have at that position");
        }
        IReadOnlyList<ConfigurationNode> nodes = prediction.Configuration.Nodes;
        if (config.Nodes.Count != nodes.Count) return FormattableString.Invariant($"measures {config.Nodes.Count} nodes; {config.Name} has {nodes.Count}");
        for (int i = 0; i < nodes.Count; i++)
        {
            ConfigurationOp first = nodes[i].Ops[0];
            ProfileConfigurationNode m = config.Nodes[i];
            if (m.Node != nodes[i].Id || m.Knob != first.Approx || m.Id != first.KnobId)
            {
                return FormattableString.Invariant($"node {nodes[i].Id} was measured with {m.Knob} {m.Id} but {config.Name} gives it {first.Approx} {first.KnobId}");
            }
        }
        return null;
    }

    /// <summary>CSV: <c>configuration,index,predicted_speedup,measured_speedup,error,predicted_ms,measured_ms,measured_ci_ms</c>.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("configuration,index,predicted_speedup,measured_speedup,error,predicted_ms,measured_ms,measured_ci_ms\n");
        foreach (ValidationRow r in Rows)
        {
            sb.Append(Tables.TableText.Csv(r.Name)).Append(',').Append(r.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(N(r.PredictedSpeedup)).Append(',').Append(N(r.MeasuredSpeedup)).Append(',').Append(N(r.Error)).Append(',')
              .Append(N(r.PredictedTime)).Append(',').Append(N(r.MeasuredTime)).Append(',').Append(N(r.MeasuredCiHalfWidth)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A text summary: one line per configuration, then mean and max |error|.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("configuration   predicted  measured   error\n");
        foreach (ValidationRow r in Rows)
        {
            sb.Append(r.Name.PadRight(14)).Append(' ')
              .Append(r.PredictedSpeedup.ToString("F3", CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
              .Append(r.MeasuredSpeedup.ToString("F3", CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
              .Append((r.Error * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture).PadLeft(6)).Append(" %\n");
        }
        sb.Append(FormattableString.Invariant($"{Rows.Count} configurations measured"));
        if (Rows.Count > 0)
        {
            ValidationRow worst = Rows.OrderByDescending(r => Math.Abs(r.Error)).First();
            sb.Append(FormattableString.Invariant($"; speedup error |mean| {MeanAbsError * 100:F1} %, max {MaxAbsError * 100:F1} % ({worst.Name})"));
            sb.Append(FormattableString.Invariant($"; run-time error |mean| {MeanAbsTimeError * 100:F1} %, max {MaxAbsTimeError * 100:F1} %"));
        }
        return sb.Append('\n').ToString();
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
