using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;
using static System.FormattableString;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs validate --tables DIR --configurations FILE --measured DIR</c>: Simulate's validation from configurations
/// measured elsewhere (<c>APP run --config FILE --paired fp32_11</c> on a GPU machine without the .NET SDK): each
/// configuration's predicted speedup from the tables against its measured paired speedup.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(Func<int, int> done, TextWriter output, TextWriter error)
    {
        var tables = new Option<string>("--tables") { Description = "Folder of lookup tables (*.table.json, e.g. from 'knobs table'; modelled accelerators' are left out, as Simulate does), or one table file.", HelpName = "folder", Required = true };
        var configurations = new Option<string>("--configurations", "-c") { Description = "The HPVM configuration file the measured runs used.", HelpName = "tuner_confs.txt", Required = true };
        var measured = new Option<string>("--measured", "-m") { Description = "Folder of the configurations' profiles ('APP run --config FILE --paired fp32_11 --out FOLDER').", HelpName = "folder", Required = true };
        var command = new Command("validate",
            "Validate predictions against configurations measured elsewhere: simulate the configuration file from the tables and compare each " +
            "configuration's predicted speedup with its measured (paired) one, as Simulate -p:KnobsValidate=true does when it measures here.")
        { tables, configurations, measured };
        command.SetAction(r => done(Run(r.GetValue(tables)!, r.GetValue(configurations)!, r.GetValue(measured)!, output, error)));
        return command;
    }

    internal static int Run(string tablesPath, string configurationFile, string measuredDir, TextWriter output, TextWriter error)
    {
        if (!PredictCommands.TryReadTables([tablesPath], error, out var read)) return KnobsCommand.ExitUsage;
        if (!File.Exists(configurationFile)) return KnobsCommand.Usage(error, $"validate: the configuration file {configurationFile} does not exist");
        if (!Directory.Exists(measuredDir)) return KnobsCommand.Usage(error, $"validate: the folder {measuredDir} does not exist; give the folder 'APP run --config' wrote");
        List<LookupTable> tables = read.Select(t => t.Table).ToList();
        Simulator simulator;
        try
        {
            simulator = new Simulator(tables);
        }
        catch (ArgumentException e)
        {
            return KnobsCommand.Usage(error, $"validate: the tables do not fit together: {e.Message}; give the tables of one benchmark");
        }
        SimulationResult result = simulator.SimulateFile(configurationFile, new SimulationOptions());
        foreach (ConfigurationDiagnostic d in result.Diagnostics) (d.IsError ? error : output).WriteLine(SafeText.Escape(d.ToString()));
        if (result.HasErrors) return KnobsCommand.ExitUsage;
        var unreadable = new List<ConfigurationDiagnostic>();
        List<(string Path, Profile Profile)> profiles = ProfileReader.ReadAll(Directory.GetFiles(measuredDir, "*.profile.jsonl"), unreadable);
        foreach (ConfigurationDiagnostic d in unreadable) error.WriteLine(SafeText.Escape(d.ToString()));
        if (unreadable.Count > 0) return KnobsCommand.ExitUsage;
        ValidationReport report = ValidationReport.Create(result, simulator.Table, profiles);
        foreach (ConfigurationDiagnostic d in report.Diagnostics) (d.IsError ? error : output).WriteLine(SafeText.Escape(d.ToString()));
        if (report.Rows.Count == 0)
        {
            error.WriteLine(SafeText.Escape($"error KNB0506: no profile in {measuredDir} is a measured configuration of {simulator.Table.Benchmark} in {Path.GetFileName(configurationFile)}"));
            return KnobsCommand.ExitUsage;
        }
        output.WriteLine(SafeText.Escape(Invariant($"{simulator.Table.Benchmark} on {simulator.Table.DeviceKind}: {report.DescribeBaseline()}")));
        foreach (ValidationRow row in report.Rows)
        {
            output.WriteLine(SafeText.Escape(Invariant($"  {row.Name}: predicted {row.PredictedSpeedup:0.000}x, measured {row.MeasuredSpeedup:0.000}x, error {row.Error * 100:+0.0;-0.0;0.0} %")));
        }
        int within = report.Rows.Count(r => Math.Abs(r.Error) <= 0.10);
        output.WriteLine(SafeText.Escape(Invariant(
            $"prediction error over {report.Rows.Count} configuration(s): mean {report.MeanAbsError * 100:0.0} %, max {report.MaxAbsError * 100:0.0} %, {within} within ±10 % (baseline: {report.BaselineSource})")));
        return report.HasErrors ? KnobsCommand.ExitUsage : KnobsCommand.ExitSuccess;
    }
}
