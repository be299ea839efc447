using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Reporting;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Files;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Profiling;
using Knobs.Tasks.Simulation;
using Knobs.Tasks.Tables;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// Simulates a configuration file against the lookup table (Knobs.Core Simulator) and writes
/// <c>&lt;name&gt;.simulated.txt</c> and <c>&lt;name&gt;.simulated.csv</c>; with <see cref="Validate"/>, also measures every
/// configuration with the app and writes <c>&lt;name&gt;.validation.csv</c> (predicted against measured). Either way it
/// renders <c>&lt;name&gt;.report.html</c>: the table's report with the configurations (and their measurements) added.
/// </summary>
public sealed class SimulateConfigurations : LaunchingTask
{

    /// <summary>Whether the process that launched the build still exists (replaced by tests).</summary>
    internal Knobs.Tasks.Processes.LauncherWatch Launcher { get; set; } = Knobs.Tasks.Processes.LauncherWatch.ForThisProcess();

    /// <summary><c>$(KnobsConfigurations)</c>, full path.</summary>
    [Required] public string ConfigurationFile { get; set; } = "";

    /// <summary><c>@(KnobsTableFile)</c>.</summary>
    public ITaskItem[] Tables { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the outputs go (<c>$(KnobsTableDir)</c>).</summary>
    [Required] public string OutputDirectory { get; set; } = "";

    /// <summary><c>$(KnobsBenchmark)</c>: which benchmark's table, when the app has several.</summary>
    public string? Benchmark { get; set; }

    /// <summary><c>$(KnobsValidate)</c>.</summary>
    public bool Validate { get; set; }

    /// <summary>The built app, for validation runs.</summary>
    public string? App { get; set; }

    /// <summary><c>$(KnobsProfileDir)</c>: validation profiles go in its <c>validation/</c> folder.</summary>
    public string? ProfileDirectory { get; set; }

    /// <summary>Measurement settings for validation runs (as for ProfileTable).</summary>
    public string? Iterations { get; set; }

    /// <inheritdoc cref="Iterations"/>
    public string? TargetError { get; set; }

    /// <inheritdoc cref="Iterations"/>
    public string? Batch { get; set; }

    /// <inheritdoc cref="Iterations"/>
    public string? Threads { get; set; }

    /// <summary>Seconds per validation run.</summary>
    public string? TimeoutSeconds { get; set; }

    /// <summary><c>$(KnobsReportTemplate)</c>: a Scriban template replacing the built-in report template.</summary>
    public string? ReportTemplate { get; set; }

    /// <summary>The files written.</summary>
    [Output] public ITaskItem[] OutputFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// <c>$(KnobsSimulateGpuOnCpu)</c>: <c>true</c> simulates <c>gpu</c> lines with the CPU table when the benchmark has no GPU
    /// table (KNB0212); otherwise such a line is KNB0255.
    /// </summary>
    public bool GpuOnCpu { get; set; }

    /// <summary>
    /// <c>$(KnobsSimulateGpuOn)</c>: the device whose table simulates <c>gpu</c> lines (<c>cpu</c> or <c>accel:&lt;name&gt;</c>;
    /// KNB0221), or empty for a GPU table.
    /// </summary>
    public string? GpuOn { get; set; }

    /// <summary>
    /// Inserted between the configuration file's stem and <c>.simulated.txt</c> (and the other outputs), so simulations on
    /// different devices do not overwrite each other: <c>.accel-&lt;name&gt;</c> when profiling for an accelerator.
    /// </summary>
    public string? OutputSuffix { get; set; }

    /// <summary>Root of the help links of logged diagnostics (<c>KnobsHelpLinkRoot</c>); empty: the project's docs/diagnostics.</summary>
    public string? HelpLinkRoot { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildTaskLog(Log, HelpLinkRoot);
        // Every input is checked before anything is written or run: the settings, the folders, the tables, the
        // configuration file against them and, for validation, the app and the configuration names.
        if (!TaskValues.TryReadSettings(log, "", Iterations, TargetError, Batch, Threads, TimeoutSeconds, out RunSettings settings, out TimeSpan timeout))
        {
            return false;
        }
        if (Validate && (string.IsNullOrEmpty(App) || string.IsNullOrEmpty(ProfileDirectory)))
        {
            log.Error(KnobsTasksInfo.ValidationFailed, "KnobsValidate=true needs the built app and KnobsProfileDir.");
            return false;
        }
        if (!WritableFolder.Check(log, "KnobsTableDir", OutputDirectory) ||
            (Validate && !WritableFolder.Check(log, "KnobsProfileDir", ProfileDirectory!)))
        {
            return false;
        }
        IRunLauncher? runLauncher = null;
        if (Validate && !TryCreateLauncher(log, ProfileDirectory!, new[] { OutputDirectory, ProfileDirectory }, force: true, out runLauncher))
        {
            return false;
        }
        IReadOnlyList<string>? tablePaths = TableChoice.PickAll(Tables.Select(t => t.GetMetadata("FullPath")), Benchmark, out string? problem);
        if (tablePaths is null)
        {
            log.Error(KnobsTasksInfo.BenchmarkAmbiguous, LogText.Escape(problem!));
            return false;
        }
        // A configuration may run nodes on devices this ProfileTable did not profile (accel:<name> lines beside cpu ones):
        // their tables, made by earlier ProfileTable runs, sit in the same folder.
        tablePaths = TableChoice.WithNamedDevices(tablePaths, OutputDirectory, ConfigurationFile, GpuOn);
        var tables = new List<LookupTable>();
        foreach (string tablePath in tablePaths)
        {
            try
            {
                tables.Add(TableJsonReader.Read(tablePath));
            }
            catch (Exception e) when (e is TableFormatException or IOException or UnauthorizedAccessException)
            {
                log.Error(KnobsTasksInfo.TableUnreadable, $"cannot read the lookup table: {LogText.Escape(e.Message)}. Run ProfileTable with -p:KnobsForce=true.", LogText.Escape(tablePath));
                return false;
            }
        }
        Simulator simulator;
        try
        {
            simulator = new Simulator(tables);
        }
        catch (ArgumentException e)
        {
            log.Error(KnobsTasksInfo.TableUnreadable, $"the device tables do not fit together: {LogText.Escape(e.Message)}. Run ProfileTable with -p:KnobsForce=true.", LogText.Escape(tablePaths[0]));
            return false;
        }
        ConfigurationReadResult read = ConfigurationReader.ReadFile(ConfigurationFile, simulator.ReaderOptions());
        if (read.File is null)
        {
            WriteLookupTables.Report(log, read.Diagnostics);
            return false;
        }
        ConfigurationFile file = read.File;
        if (Validate && !ConfigurationValidator.CheckNames(log, ConfigurationFile, file.Configurations))
        {
            WriteLookupTables.Report(log, read.Diagnostics);
            return false;
        }
        // SimulateFile reads the file again so its result carries the reader's warnings (the report lists them).
        SimulationResult result = simulator.SimulateFile(ConfigurationFile, new SimulationOptions
        {
            GpuOnCpu = GpuOnCpu, GpuDevice = string.IsNullOrEmpty(GpuOn) ? null : GpuOn,
        });
        WriteLookupTables.Report(log, result.Diagnostics);
        if (result.HasErrors)
        {
            return false;
        }
        LookupTable table = simulator.Table;
        string stem = Path.GetFileNameWithoutExtension(ConfigurationFile) + (OutputSuffix ?? "");
        Directory.CreateDirectory(OutputDirectory);
        string simulated = Path.Combine(OutputDirectory, stem + ".simulated.txt");
        string csv = Path.Combine(OutputDirectory, stem + ".simulated.csv");
        FileWriter.WriteIfChanged(simulated, ConfigurationWriter.ToText(SimulationWriter.Rewrite(file, result)));
        if (SimulationWriter.RepeatedEnergyWarning(file, result) is { } repeatedEnergy)
        {
            WriteLookupTables.Report(log, new[] { repeatedEnergy });
        }
        FileWriter.WriteIfChanged(csv, SimulationWriter.ToCsv(result));
        var outputs = new List<string> { simulated, csv };
        log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: simulated {0} configuration(s) of {1} on the {2} table (baseline {3}: {4} ms)",
            result.Predictions.Count, LogText.Escape(Path.GetFileName(ConfigurationFile)), LogText.Escape(table.Benchmark), LogText.Escape(result.BaselineKnob),
            result.Baseline is { } b ? b.Time.ToString("0.###", CultureInfo.InvariantCulture) : "n/a"));
        foreach (ConfigurationPrediction p in result.Predictions)
        {
            // Numbers from modelled or predicted cells say so.
            string from = p.Provenance == Knobs.Profiles.Provenance.Measured ? "" : " (" + p.Provenance + ")";
            log.Info(string.Format(CultureInfo.InvariantCulture, "  {0}: {1} ms, speedup {2:0.00}x, energy {3}{4}",
                LogText.Escape(p.Configuration.Name), p.Prediction.Time.ToString("0.###", CultureInfo.InvariantCulture), p.Speedup,
                p.EnergyReduction is { } e ? e.ToString("0.00", CultureInfo.InvariantCulture) + "x less" : "not measured", from));
        }
        ValidationReport? validation = null;
        if (Validate && !ValidateByMeasuring(log, table, file, result, stem, outputs, settings, timeout, runLauncher!, out validation))
        {
            return false;
        }
        if (!WriteReport(log, table, result, validation, stem, outputs))
        {
            return false;
        }
        OutputFiles = outputs.Select(o => (ITaskItem)new TaskItem(o)).ToArray();
        log.Info($"Knobs: wrote {LogText.Escape(string.Join(", ", outputs.Select(Path.GetFileName)))} to {LogText.Escape(OutputDirectory)}");
        return !Log.HasLoggedErrors;
    }

    // <stem>.report.html: the benchmark's report with its simulated configurations (and validation) on the scatter plot.
    private bool WriteReport(ITaskLog log, LookupTable table, SimulationResult result, ValidationReport? validation, string stem, List<string> outputs)
    {
        string path = Path.Combine(OutputDirectory, stem + ".report.html");
        var input = new ReportInput { Title = $"Knobs: {Path.GetFileName(ConfigurationFile)} simulated on {table.Benchmark}" }.Add(table, result, validation);
        if (!ReportFile.Write(log, path, input, ReportTemplate, out _))
        {
            return false;
        }
        outputs.Add(path);
        return true;
    }

    private bool ValidateByMeasuring(ITaskLog log, LookupTable table, ConfigurationFile file, SimulationResult result, string stem, List<string> outputs,
        RunSettings settings, TimeSpan timeout, IRunLauncher runLauncher, out ValidationReport? report)
    {
        report = null;
        var validator = new ConfigurationValidator(new AppCommand(App!), settings, timeout, log, CancelSource.Token, Launcher.LauncherAlive,
            runLauncher);
        var configurations = result.Predictions.Select(p => (p.Configuration.Index, p.Configuration.Name)).ToList();
        string validationRoot = Path.Combine(ProfileDirectory!, "validation");
        string folder = SafeFileName.Inside(validationRoot, SafeFileName.From(stem));
        string baselineFolder = SafeFileName.Inside(validationRoot, SafeFileName.From(stem) + ".baseline");
        if (Directory.Exists(baselineFolder)) Directory.Delete(baselineFolder, recursive: true);
        // Every configuration run measures the baseline variant in the same process, interleaved with it (paired, ABBA),
        // so drift between profiling and validation (machine load, frequency, another build) cancels in each speedup.
        string? baselineVariant = BaselineVariant(table, result.BaselineKnob);
        var baselines = new List<(string Path, Profile Profile)>();
        if (baselineVariant is not null && validator.MeasureBaseline(table.Benchmark, baselineVariant, baselineFolder) is { } b) baselines.Add(b);
        var measured = validator.Measure(table.Benchmark, ConfigurationFile, configurations, folder, fresh: true, remainingAfter: 0).ToList();
        if (validator.Stopped)
        {
            log.Info("Knobs: validation stopped (the build was canceled, or the process that started it has exited); nothing written");
            if (validator.NotMeasured.Count > 0)
            {
                log.Info("Knobs: not measured: " + VariantProfiler.Names(validator.NotMeasured) +
                    ". The lookup table and its profiles are unchanged; validate again to measure every configuration.");
            }
            return false;
        }
        report = ValidationReport.Create(result, table, measured, baselines);
        WriteLookupTables.Report(log, report.Diagnostics);
        log.Info("Knobs: " + report.DescribeBaseline());
        foreach (ValidationRow row in report.Rows)
        {
            log.Info(string.Format(CultureInfo.InvariantCulture, "  {0}: predicted {1:0.00}x, measured {2:0.00}x, error {3:+0.0;-0.0;0.0} % (against the table's baseline: {4:0.00}x, {5:+0.0;-0.0;0.0} %)",
                LogText.Escape(row.Name), row.PredictedSpeedup, row.MeasuredSpeedup, row.Error * 100, row.TableBaselineSpeedup, row.TableBaselineError * 100));
        }
        if (report.Rows.Count > 0)
        {
            log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: prediction error over {0} configuration(s): mean {1:0.0} %, max {2:0.0} % (baseline: {3}; against the table's baseline: mean {4:0.0} %)",
                report.Rows.Count, report.MeanAbsError * 100, report.MaxAbsError * 100, report.BaselineSource, report.MeanAbsTableBaselineError * 100));
            if (report.DescribeAccuracy() is { } accuracy) log.Info("Knobs: " + accuracy);
        }
        string path = Path.Combine(OutputDirectory, stem + ".validation.csv");
        FileWriter.WriteIfChanged(path, ValidationCsv.ToText(report));
        outputs.Add(path);
        return !report.HasErrors;
    }

    // The generated variant of a knob is named <approx>_<id> (fp32_11); null when the table has no such knob.
    private static string? BaselineVariant(LookupTable table, string baselineKnob)
    {
        int k = table.KnobIndex(baselineKnob);
        return k < 0 ? null : table.Knobs[k].Identity.VariantName;
    }
}
