using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Accelerators.Description;
using Knobs.Accelerators.Systolic;
using Knobs.Diagnostics;
using Knobs.KnobTables;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs</c>: <c>scalesim</c> (SCALE-Sim's command line: config and topology in, SCALE-Sim's three reports out),
/// <c>accelerator</c> (check an accelerator description and print what it describes), <c>fit</c> and <c>predict</c>
/// (latency predictors fitted on lookup tables), <c>genprof</c> and <c>schedule</c> (place and schedule concurrent DNNs'
/// layer groups on devices, <see cref="ScheduleCommand"/>). Exit codes: 0 done; 2 a wrong
/// argument or input file (one <c>file(line,col): error KNB05xx: …</c> line per problem, nothing written); 3 the reports
/// could not be written.
/// </summary>
public static class KnobsCommand
{
    /// <summary>Everything ran.</summary>
    public const int ExitSuccess = 0;
    /// <summary>A wrong argument or input file; nothing was written.</summary>
    public const int ExitUsage = 2;
    /// <summary>An output could not be written.</summary>
    public const int ExitOutputFailed = 3;

    /// <summary>Runs <paramref name="args"/>, printing to the given writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var config = new Option<string>("-c", "--config") { Description = "SCALE-Sim configuration file (INI: [general] run_name, [architecture_presets], [run_presets]).", HelpName = "config.cfg", Required = true };
        var topology = new Option<string>("-t", "--topology") { Description = "SCALE-Sim topology file (CSV, one layer per row, each row ending with a comma).", HelpName = "topology.csv", Required = true };
        var outDir = new Option<string>("-p", "--path") { Description = "Folder for the reports: they go to <folder>/<run_name>/. Default: ./results.", HelpName = "folder" };
        var inputType = new Option<string>("-i", "--input-type") { Description = "conv (name, IFMAP H/W, filter H/W, channels, filters, strides) or gemm (name, M, N, K). Default: conv.", HelpName = "conv|gemm" };
        var quiet = new Option<bool>("-q", "--quiet") { Description = "Print only errors." };
        var scalesim = new Command("scalesim",
            "Model a systolic array as SCALE-Sim v2 does (same cycles, stalls, utilisation and SRAM/DRAM accesses) and write SCALE-Sim's " +
            "COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv to <folder>/<run_name>/.")
        { config, topology, outDir, inputType, quiet };
        var description = new Argument<string>("description") { Description = "An accelerator description (YAML; docs/accelerators.md)." };
        var accelerator = new Command("accelerator", "Check an accelerator description and print the device it describes, every value, and which values are assumptions.") { description };
        var instance = new Option<string>("--instance") { Description = "A HaX-CoNN instance (JSON, as in HaX-CoNN's instances.json: a file with an 'instances' array, or one instance object).", HelpName = "file.json" };
        var tables = new Option<string>("--tables") { Description = "Instead of --instance: the lookup tables (comma-separated .table.json, one per DNN, profiled at 1 thread) of DNNs co-running on this CPU's cores.", HelpName = "A.table.json,B.table.json" };
        var corunProfile = new Option<string>("--corun") { Description = "With --tables: the co-run profile 'APP corun --contention' wrote (transition costs; the contention model is fitted on it).", HelpName = "corun.profile.json" };
        var budget = new Option<string>("--budget") { Description = "With --tables: QoS budgets, accuracy loss in percentage points per DNN (Name=POINTS,…); a DNN with a budget may run knobs whose per-node loss its table holds.", HelpName = "A=2,B=0" };
        var cores = new Option<int?>("--cores") { Description = "With --tables: cores to schedule on (devices core0, core1, …). Default: 2, or the profile's cores if fewer.", HelpName = "n" };
        var gantt = new Option<string>("--gantt") { Description = "Also write the schedule as a Gantt chart (SVG): a row per device, a bar per group.", HelpName = "chart.svg" };
        var scheduleOut = new Option<string>("--out", "-o") { Description = "With --tables: write the schedule as JSON to this file (for 'APP corun --schedule FILE').", HelpName = "schedule.json" };
        var instanceId = new Option<string>("--id") { Description = "Which entry of the 'instances' array (its 'id'). Default: the first.", HelpName = "id" };
        var solverName = new Option<string>("--solver") { Description = "cpsat (Google OR-Tools CP-SAT, integer time in 1 µs ticks) or z3 (HaX-CoNN's own formulation in exact rationals). Default: cpsat.", HelpName = "cpsat|z3" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds: CP-SAT's deterministic time limit (keeps the answer the same from run to run), or Z3's timeout per check. Default: 10 (cpsat), 60 (z3).", HelpName = "seconds" };
        var json = new Option<bool>("--json") { Description = "Print the schedule as JSON." };
        var schedule = new Command("schedule",
            "Place and schedule the layer groups of concurrent DNNs on devices (HaX-CoNN's problem) and print the makespan, each group's device, knob and " +
            "start time, and whether the schedule is optimal or its gap.")
        { instance, instanceId, solverName, timeLimit, json, tables, corunProfile, budget, cores, scheduleOut, gantt };
        int code = ExitSuccess;
        int Done(int c) => code = c;
        var root = new RootCommand("knobs: the Knobs command-line tool.\nExamples:\n  knobs scalesim -c scale.cfg -t alexnet.csv -p results\n  knobs accelerator arr32_ws.yaml\n" +
            "  knobs fit bin/Release/net10.0/knobs/ -o cpu.predictor.json\n  knobs predict -p cpu.predictor.json other/Net.table.json\n  knobs genprof space.yaml -o genprof --architectures 50\n" +
            "  knobs schedule --instance instances.json --solver cpsat\n  knobs table gpu-profiles/ -o tables/\n  knobs validate --tables tables/ -c tuner_confs.txt -m measured/")
        {
            scalesim, accelerator, PredictCommands.Fit(Done, output, error), PredictCommands.Predict(Done, output, error),
            GenprofCommand.Create(Done, output, error), schedule, TableCommand.Create(Done, output, error), ValidateCommand.Create(Done, output, error),
        };
        scalesim.SetAction(r => code = ScaleSim(r.GetValue(config)!, r.GetValue(topology)!, r.GetValue(outDir) ?? "results",
            r.GetValue(inputType) ?? "conv", r.GetValue(quiet), output, error));
        accelerator.SetAction(r => code = Accelerator(r.GetValue(description)!, output, error));
        schedule.SetAction(r =>
        {
            string? inst = r.GetValue(instance), tab = r.GetValue(tables);
            if ((inst is null) == (tab is null))
            {
                error.WriteLine("error KNB0506: schedule needs exactly one of --instance FILE (a HaX-CoNN instance) and --tables A,B (Knobs tables with --corun)");
                code = ExitUsage;
                return;
            }
            code = tab is not null
                ? ScheduleCommand.RunTables(tab, r.GetValue(corunProfile), r.GetValue(budget), r.GetValue(cores), r.GetValue(timeLimit), r.GetValue(json), r.GetValue(scheduleOut), r.GetValue(gantt), output, error)
                : ScheduleCommand.Run(inst!, r.GetValue(instanceId), r.GetValue(solverName) ?? "cpsat", r.GetValue(timeLimit), r.GetValue(json), r.GetValue(gantt), output, error);
        });
        root.SetAction(_ =>
        {
            error.WriteLine("error KNB0506: no command given: use 'knobs scalesim -c CONFIG -t TOPOLOGY -p FOLDER', 'knobs accelerator FILE', 'knobs fit TABLES -o FILE', 'knobs predict -p FILE TABLES', 'knobs genprof SPACE -o FOLDER' or 'knobs schedule --instance FILE' (see 'knobs --help')");
            code = ExitUsage;
        });
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return Usage(error, parsed.Errors[0].Message);
        }
        int invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return invoked != 0 ? invoked : code;
    }

    /// <summary>Prints a wrong argument as KNB0506 (escaped, with the pointer to --help) and returns <see cref="ExitUsage"/>.</summary>
    internal static int Usage(TextWriter error, string message)
    {
        error.WriteLine("error KNB0506: " + SafeText.Escape(message) + " (see 'knobs --help')");
        return ExitUsage;
    }

    internal static int ScaleSim(string configPath, string topologyPath, string folder, string inputType, bool quiet, TextWriter output, TextWriter error)
    {
        if (inputType != "conv" && inputType != "gemm")
        {
            error.WriteLine($"error KNB0506: -i must be conv or gemm, got '{SafeText.Escape(inputType)}'");
            return ExitUsage;
        }
        ScaleSimConfig cfg;
        IReadOnlyList<ConvLayer> layers;
        try
        {
            // Both files are read and checked before anything is simulated or written.
            cfg = ScaleSimConfig.Load(configPath);
            layers = ScaleSimTopology.Load(topologyPath, inputType == "gemm");
        }
        catch (ScaleSimInputException e)
        {
            error.WriteLine(Diagnostic(e));
            return ExitUsage;
        }
        var clock = Stopwatch.StartNew();
        var results = new List<LayerResult>(layers.Count);
        foreach (ConvLayer layer in layers) results.Add(SystolicSimulator.Simulate(cfg.Array, layer));
        double seconds = clock.Elapsed.TotalSeconds;
        try
        {
            ScaleSimReports.Write(folder, cfg.RunName, results);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error KNB0506: cannot write the reports under {SafeText.Escape(Path.Combine(folder, cfg.RunName))}: {SafeText.Escape(e.Message)}; any reports already there are kept. Give -p a folder you can write to.");
            return ExitOutputFailed;
        }
        if (!quiet)
        {
            output.WriteLine(SafeText.Escape(FormattableString.Invariant(
                $"{cfg.RunName}: {cfg.Array.Rows}x{cfg.Array.Columns} {DataflowWord(cfg.Array.Dataflow)}, {layers.Count} layer(s) of {Path.GetFileName(topologyPath)} modelled in {seconds * 1000:0.###} ms (cycles are modelled)")));
            output.WriteLine("layer              total cycles   stall cycles   overall util %   mapping eff %");
            foreach (LayerResult r in results)
            {
                output.WriteLine(SafeText.Escape(string.Format(CultureInfo.InvariantCulture, "{0,-18} {1,12} {2,14} {3,16:0.00} {4,15:0.00}",
                    r.Name, r.TotalCycles, r.StallCycles, r.OverallUtilization, r.MappingEfficiency)));
            }
            output.WriteLine(SafeText.Escape("reports: " + Path.Combine(folder, cfg.RunName) + Path.DirectorySeparatorChar + "{COMPUTE,BANDWIDTH,DETAILED_ACCESS}_REPORT.csv"));
        }
        return ExitSuccess;
    }

    internal static int Accelerator(string path, TextWriter output, TextWriter error)
    {
        AcceleratorDescription d;
        try
        {
            d = AcceleratorReader.Load(path);
        }
        catch (AcceleratorInputException e)
        {
            foreach (AcceleratorDiagnostic diagnostic in e.Diagnostics) error.WriteLine(diagnostic.ToString());
            return ExitUsage;
        }
        var device = new Knobs.Accelerators.Modelling.AcceleratorModeller(d).Device();
        output.WriteLine(SafeText.Escape($"{d.DeviceKind}: {Path.GetFileName(path)} is a valid accelerator description"));
        foreach (KeyValuePair<string, string> p in device.Properties) output.WriteLine(SafeText.Escape($"  {p.Key}: {p.Value}"));
        return ExitSuccess;
    }

    private static string DataflowWord(Dataflow d) => d switch
    {
        Dataflow.OutputStationary => "output stationary",
        Dataflow.WeightStationary => "weight stationary",
        _ => "input stationary",
    };

    // ScaleSimInputException's message starts with "file(line): "; the diagnostic puts the id after the location.
    private static string Diagnostic(ScaleSimInputException e)
    {
        string prefix = e.File + "(" + e.Line.ToString(CultureInfo.InvariantCulture) + "): ";
        string message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message.Substring(prefix.Length) : e.Message;
        return SafeText.Escape(prefix) + "error " + AcceleratorDiagnosticIds.ScaleSimInput + ": " + SafeText.Escape(message);
    }
}
