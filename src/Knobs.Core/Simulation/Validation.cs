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
    internal ValidationRow(string name, int index, double predictedSpeedup, double measuredSpeedup, double tableBaselineSpeedup,
        double predictedTime, double measuredTime, double measuredCiHalfWidth, string profile, double baselineTime,
        string baselineSource, double? speedupCiHalfWidth = null)
    {
        BaselineTime = baselineTime;
        BaselineSource = baselineSource;
        SpeedupCiHalfWidth = speedupCiHalfWidth;
        Name = name;
        Index = index;
        PredictedSpeedup = predictedSpeedup;
        MeasuredSpeedup = measuredSpeedup;
        TableBaselineSpeedup = tableBaselineSpeedup;
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
    /// <summary>
    /// The measured speedup. Paired (<see cref="BaselineSource"/> <c>paired</c>): the mean over the run's pairs of baseline
    /// run time / configuration run time, both measured interleaved in one process. Otherwise the baseline time measured
    /// in the validation pass when there is one, else the table's (profiling time), / the configuration's mean run time.
    /// </summary>
    public double MeasuredSpeedup { get; }
    /// <summary>
    /// The baseline's mean run time (ms): paired, the baseline's in the configuration's own run; else the in-pass baseline
    /// runs nearest in time, else the table's.
    /// </summary>
    public double BaselineTime { get; }
    /// <summary>Where <see cref="MeasuredSpeedup"/>'s baseline comes from: <c>paired</c>, <c>validation pass</c> or <c>table</c>.</summary>
    public string BaselineSource { get; }
    /// <summary>True when <see cref="MeasuredSpeedup"/> is a paired speedup (<c>app run --paired</c>).</summary>
    public bool Paired => BaselineSource == ValidationReport.PairedSource;
    /// <summary>Half-width of the paired speedup's 99.9 % CI; null when not paired.</summary>
    public double? SpeedupCiHalfWidth { get; }
    /// <summary>The table's baseline whole-run time (measured when profiling) / measured configuration run time.</summary>
    public double TableBaselineSpeedup { get; }
    /// <summary>Simulated time, ms.</summary>
    public double PredictedTime { get; }
    /// <summary>Measured mean run time, ms.</summary>
    public double MeasuredTime { get; }
    /// <summary>Half-width of the measured time's 99.9 % CI, ms.</summary>
    public double MeasuredCiHalfWidth { get; }
    /// <summary>The measured profile file.</summary>
    public string Profile { get; }
    /// <summary>Predicted accuracy loss (percentage points, the simulator's additive model); null when not predicted.</summary>
    public double? PredictedAccuracyLoss { get; init; }
    /// <summary>The output model's prediction (see <see cref="ConfigurationPrediction.OutputModelAccuracyLoss"/>); null when not made.</summary>
    public double? OutputModelAccuracyLoss { get; init; }
    /// <summary>Measured accuracy loss (percentage points) on the labelled inputs; null when not measured.</summary>
    public double? MeasuredAccuracyLoss { get; init; }
    /// <summary>Relative error of the predicted speedup: (predicted − measured) / measured.</summary>
    public double Error => (PredictedSpeedup - MeasuredSpeedup) / MeasuredSpeedup;
    /// <summary>Relative error of the predicted speedup against <see cref="TableBaselineSpeedup"/>.</summary>
    public double TableBaselineError => (PredictedSpeedup - TableBaselineSpeedup) / TableBaselineSpeedup;
    /// <summary>Relative error of the predicted run time: (predicted − measured) / measured.</summary>
    public double TimeError => (PredictedTime - MeasuredTime) / MeasuredTime;
}

/// <summary>
/// Validates a simulation against measurements: for every profile of a configuration run (<c>app run --config</c>,
/// header <c>configuration</c> set), predicted vs measured speedup, and the error distribution.
/// Measured speedup, when the profile has a paired baseline (<c>app run --paired</c>, the summary's <c>paired</c>): its
/// paired speedup, the mean over interleaved (ABBA) pairs of baseline time / configuration time in one process.
/// Otherwise the baseline variant's whole-run time measured in the same validation pass / the configuration's:
/// the mean of the baseline runs that started last before and first after the configuration's run (by the profiles'
/// start times; all baseline runs when a start time cannot be read); without such runs, the table's baseline time
/// (measured when profiling).
/// Both are reported: drift between profiling and validation shows as the difference.
/// </summary>
public sealed class ValidationReport
{
    private ValidationReport(IReadOnlyList<ValidationRow> rows, IReadOnlyList<ConfigurationDiagnostic> diagnostics,
        double? tableBaselineTime = null, IReadOnlyList<double>? passBaselineTimes = null)
    {
        Rows = rows;
        Diagnostics = diagnostics;
        TableBaselineTime = tableBaselineTime;
        PassBaselineTimes = passBaselineTimes ?? Array.Empty<double>();
    }

    /// <summary>The table's baseline whole-run time, ms (measured when profiling); null when the table has none.</summary>
    public double? TableBaselineTime { get; }
    /// <summary>Whole-run times (ms) of the baseline variant measured in the validation pass, in the order given.</summary>
    public IReadOnlyList<double> PassBaselineTimes { get; }
    /// <summary>
    /// The mean baseline time, ms: of the paired baselines when every row is paired, else of the in-pass baseline runs
    /// (<see cref="PassBaselineTimes"/>), else the table's; each row's speedup uses <see cref="ValidationRow.BaselineTime"/>.
    /// </summary>
    public double? BaselineTime => AllPaired ? Rows.Average(r => r.BaselineTime) : PassBaselineTimes.Count > 0 ? PassBaselineTimes.Average() : TableBaselineTime;
    /// <summary>
    /// <c>paired</c> (every row's speedup is paired), <c>validation pass</c> or <c>table</c>: where <see cref="BaselineTime"/>
    /// comes from. Rows that mix sources say their own (<see cref="ValidationRow.BaselineSource"/>).
    /// </summary>
    public string BaselineSource => AllPaired ? PairedSource : PassBaselineTimes.Count > 0 ? PassSource : TableSource;

    /// <summary>The <see cref="BaselineSource"/> of paired speedups.</summary>
    public const string PairedSource = "paired";
    /// <summary>The <see cref="BaselineSource"/> of baseline runs of the validation pass.</summary>
    public const string PassSource = "validation pass";
    /// <summary>The <see cref="BaselineSource"/> of the table's baseline.</summary>
    public const string TableSource = "table";

    /// <summary>True when there are rows and every one has a paired speedup.</summary>
    public bool AllPaired => Rows.Count > 0 && Rows.All(r => r.Paired);

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

    /// <summary>
    /// Matches measured configuration profiles to the simulated configurations and compares. <paramref name="baselines"/>:
    /// profiles of the baseline variant (the table's baseline knob) measured in the same pass as the configurations;
    /// measured speedups use their mean time. A baseline profile of another knob, benchmark or environment, or a failed
    /// one, is an error and is not used.
    /// </summary>
    public static ValidationReport Create(SimulationResult simulation, LookupTable table, IEnumerable<(string Path, Profile Profile)> measured,
        IEnumerable<(string Path, Profile Profile)>? baselines = null)
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
        var passTimes = new List<double>();
        var passStarts = new List<DateTimeOffset?>();
        foreach ((string path, Profile profile) in baselines ?? Array.Empty<(string, Profile)>())
        {
            string? problem = BaselineMismatch(profile, table, baseline);
            if (problem is not null)
            {
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.MeasuredMismatch, ConfigurationSeverity.Error, problem, path, 0, 0));
                continue;
            }
            passTimes.Add(profile.Summary.Time.Mean);
            passStarts.Add(Started(profile));
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
            double time = profile.Summary.Time.Mean;
            if (profile.Summary.Paired is { } paired)
            {
                if (paired.Baseline != baseline.Identity.VariantName)
                {
                    diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.MeasuredMismatch, ConfigurationSeverity.Error,
                        $"{config.Name} was paired with {paired.Baseline}, not the baseline variant {baseline.Identity.VariantName}; measure it with --paired {baseline.Identity.VariantName}", path, 0, 0));
                    continue;
                }
                rows.Add(new ValidationRow(config.Name, config.Index, prediction!.Speedup, paired.Speedup.Mean, baseline.Total.Mean / time,
                    prediction.Prediction.Time, time, profile.Summary.Time.CiHalfWidth, path, paired.Time.Mean, PairedSource, paired.Speedup.CiHalfWidth)
                {
                    PredictedAccuracyLoss = prediction.PredictedAccuracyLoss, MeasuredAccuracyLoss = profile.Qos?.AccuracyLoss,
                    OutputModelAccuracyLoss = prediction.OutputModelAccuracyLoss,
                });
                continue;
            }
            bool inPass = passTimes.Count > 0;
            double baselineTime = inPass ? Bracket(Started(profile), passStarts, passTimes) : baseline.Total.Mean;
            rows.Add(new ValidationRow(config.Name, config.Index, prediction!.Speedup, baselineTime / time, baseline.Total.Mean / time,
                prediction.Prediction.Time, time, profile.Summary.Time.CiHalfWidth, path, baselineTime, inPass ? PassSource : TableSource)
            {
                PredictedAccuracyLoss = prediction.PredictedAccuracyLoss, MeasuredAccuracyLoss = profile.Qos?.AccuracyLoss,
                OutputModelAccuracyLoss = prediction.OutputModelAccuracyLoss,
            });
        }
        return new ValidationReport(rows, diagnostics, baseline.Total.Mean, passTimes);
    }

    private static DateTimeOffset? Started(Profile profile) =>
        DateTimeOffset.TryParse(profile.Header.StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    // The mean of the last baseline run that started at or before the configuration and the first at or after it.
    private static double Bracket(DateTimeOffset? at, List<DateTimeOffset?> starts, List<double> times)
    {
        if (at is not { } t || starts.Any(s => s is null)) return times.Average();
        int before = -1, after = -1;
        for (int i = 0; i < starts.Count; i++)
        {
            DateTimeOffset s = starts[i]!.Value;
            if (s <= t && (before < 0 || s >= starts[before]!.Value)) before = i;
            if (s >= t && (after < 0 || s < starts[after]!.Value)) after = i;
        }
        if (before < 0) return times[after];
        if (after < 0) return times[before];
        return (times[before] + times[after]) / 2;
    }

    private static string? BaselineMismatch(Profile profile, LookupTable table, TableKnob baseline)
    {
        ProfileHeader h = profile.Header;
        if (h.Benchmark != table.Benchmark) return $"the baseline run measured {h.Benchmark}, not {table.Benchmark}";
        if (h.Configuration is not null || h.Knob is null || h.Knob.Name != baseline.Approx || h.Knob.Id != baseline.Id)
        {
            return $"the baseline run measured {h.Variant}, not the {baseline.Key} variant";
        }
        if (table.Environment is { } env && h.Environment.ComparisonKey != env.ComparisonKey)
        {
            return "the baseline run was measured in a different environment than the table; measure where the table was profiled";
        }
        return profile.Summary.Failed ? $"the baseline run of {h.Variant} failed ({profile.Summary.Error})" : null;
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

    /// <summary>The CSV header of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader =
        "configuration,index,predicted_speedup,measured_speedup,error,predicted_ms,measured_ms,measured_ci_ms,baseline_ms,baseline_source,table_baseline_ms,measured_speedup_vs_table,error_vs_table,predicted_accuracy_loss,measured_accuracy_loss";

    /// <summary>
    /// CSV, <see cref="CsvHeader"/>: measured_speedup and error use the baseline of the row's <c>baseline_source</c>
    /// (<c>paired</c>: the paired speedup of the configuration's own run; <c>validation pass</c>; <c>table</c>); measured_speedup_vs_table and error_vs_table use the table's baseline (profiling time).
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        string tableMs = TableBaselineTime is { } t ? N(t) : "";
        foreach (ValidationRow r in Rows)
        {
            sb.Append(Tables.TableText.Csv(r.Name)).Append(',').Append(r.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(N(r.PredictedSpeedup)).Append(',').Append(N(r.MeasuredSpeedup)).Append(',').Append(N(r.Error)).Append(',')
              .Append(N(r.PredictedTime)).Append(',').Append(N(r.MeasuredTime)).Append(',').Append(N(r.MeasuredCiHalfWidth)).Append(',')
              .Append(N(r.BaselineTime)).Append(',').Append(r.BaselineSource).Append(',').Append(tableMs).Append(',')
              .Append(N(r.TableBaselineSpeedup)).Append(',').Append(N(r.TableBaselineError)).Append(',')
              .Append(r.PredictedAccuracyLoss is { } p ? N(p) : "").Append(',').Append(r.MeasuredAccuracyLoss is { } m ? N(m) : "").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Predicted against measured accuracy loss, over the rows that have both: "accuracy loss (additive model): predicted
    /// within 1 percentage point for 45 of 50 configuration(s) (90 %); mean |error| 0.4, max 2.1 points (conf7)", and
    /// the output model's figures after it when it predicted every one of those rows. Null when no row has both (no
    /// labelled inputs).
    /// </summary>
    public string? DescribeAccuracy()
    {
        var both = Rows.Where(r => r.PredictedAccuracyLoss is not null && r.MeasuredAccuracyLoss is not null).ToList();
        if (both.Count == 0) return null;
        string text = "accuracy loss (additive model): " + Figures(both, r => r.PredictedAccuracyLoss!.Value);
        if (both.All(r => r.OutputModelAccuracyLoss is not null))
        {
            text += "; the output model: " + Figures(both, r => r.OutputModelAccuracyLoss!.Value);
        }
        return text;
    }

    private static string Figures(List<ValidationRow> rows, Func<ValidationRow, double> predicted)
    {
        double Diff(ValidationRow r) => Math.Abs(predicted(r) - r.MeasuredAccuracyLoss!.Value);
        int within = rows.Count(r => Diff(r) <= 1 + 1e-9);
        ValidationRow worst = rows.OrderByDescending(Diff).First();
        return FormattableString.Invariant(
            $"predicted within 1 percentage point for {within} of {rows.Count} configuration(s) ({100.0 * within / rows.Count:0} %); mean |error| {rows.Average(Diff):0.00}, max {Diff(worst):0.00} points ({worst.Name})");
    }

    /// <summary>Mean |relative error| of the speedups against the table's baseline (NaN without rows).</summary>
    public double MeanAbsTableBaselineError => Rows.Count == 0 ? double.NaN : Rows.Average(r => Math.Abs(r.TableBaselineError));

    /// <summary>The baseline line of <see cref="ToText"/>: both baselines and their drift.</summary>
    public string DescribeBaseline()
    {
        if (TableBaselineTime is not { } table) return "baseline: none";
        if (Rows.Any(r => r.Paired))
        {
            double paired = Rows.Where(r => r.Paired).Average(r => r.BaselineTime);
            string unpaired = AllPaired ? "" : FormattableString.Invariant($"; {Rows.Count(r => !r.Paired)} unpaired configuration(s) use the {(PassBaselineTimes.Count > 0 ? PassSource : TableSource)} baseline");
            return FormattableString.Invariant($"baseline: speedups are paired (each configuration measured interleaved, ABBA, with the baseline in its own run); the paired baseline averaged {paired:0.###} ms; {table:0.###} ms in the table (drift {(paired - table) / table * 100:+0.0;-0.0;0.0} %){unpaired}");
        }
        if (PassBaselineTimes.Count == 0) return FormattableString.Invariant($"baseline: {table:0.###} ms (table, measured when profiling; none measured in this pass)");
        string runs = string.Join(", ", PassBaselineTimes.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)));
        double pass = BaselineTime!.Value;
        return FormattableString.Invariant($"baseline: {pass:0.###} ms measured in this pass ({runs}); {table:0.###} ms in the table (drift {(pass - table) / table * 100:+0.0;-0.0;0.0} %)");
    }

    /// <summary>A text summary: the baseline, one line per configuration, then mean and max |error|.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(DescribeBaseline()).Append('\n');
        sb.Append("configuration   predicted  measured   error  vs table baseline\n");
        foreach (ValidationRow r in Rows)
        {
            sb.Append(r.Name.PadRight(14)).Append(' ')
              .Append(r.PredictedSpeedup.ToString("F3", CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
              .Append(r.MeasuredSpeedup.ToString("F3", CultureInfo.InvariantCulture).PadLeft(9)).Append(' ')
              .Append((r.Error * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture).PadLeft(6)).Append(" %")
              .Append(r.TableBaselineSpeedup.ToString("F3", CultureInfo.InvariantCulture).PadLeft(10)).Append(' ')
              .Append((r.TableBaselineError * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture).PadLeft(6)).Append(" %\n");
        }
        sb.Append(FormattableString.Invariant($"{Rows.Count} configurations measured"));
        if (Rows.Count > 0)
        {
            ValidationRow worst = Rows.OrderByDescending(r => Math.Abs(r.Error)).First();
            sb.Append(FormattableString.Invariant($"; speedup error |mean| {MeanAbsError * 100:F1} %, max {MaxAbsError * 100:F1} % ({worst.Name})"));
            sb.Append(FormattableString.Invariant($"; run-time error |mean| {MeanAbsTimeError * 100:F1} %, max {MaxAbsTimeError * 100:F1} %"));
            if (PassBaselineTimes.Count > 0 || Rows.Any(r => r.Paired)) sb.Append(FormattableString.Invariant($"; against the table's baseline: |mean| {MeanAbsTableBaselineError * 100:F1} %"));
        }
        sb.Append('\n');
        if (DescribeAccuracy() is { } accuracy) sb.Append(accuracy).Append('\n');
        return sb.ToString();
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
