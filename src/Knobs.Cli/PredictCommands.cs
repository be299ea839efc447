using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.KnobTables;
using Knobs.Predictors;
using Knobs.Predictors.Fitting;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Cli;

/// <summary>
/// <c>knobs fit</c> (fit a latency predictor on lookup tables) and <c>knobs predict</c> (predict tables' ops and whole runs
/// with one, beside what they measured). Inputs are all read and checked before anything is fitted or written.
/// </summary>
internal static class PredictCommands
{
    public static Command Fit(Func<int, int> done, TextWriter output, TextWriter error)
    {
        var tables = new Argument<string[]>("tables") { Description = "Lookup tables (.table.json) or folders of them, all measured on one device.", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string>("-o", "--output") { Description = "The predictor file to write (JSON, docs/formats.md).", HelpName = "file.predictor.json", Required = true };
        var model = new Option<string>("--model") { Description = "boosted (gradient-boosted trees, default), forest (random forest) or roofline (the analytic prior alone).", HelpName = "boosted|forest|roofline" };
        var trees = new Option<int?>("--trees") { Description = "Trees per op family (default 300), 1 to 5000.", HelpName = "N" };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default 1); the same tables and seed give the same file.", HelpName = "N" };
        var command = new Command("fit", "Fit a latency predictor on measured lookup tables: per op method a roofline prior corrected by trees fitted on the op features.")
        {
            tables, outFile, model, trees, seed,
        };
        command.SetAction(r => done(RunFit(r.GetValue(tables)!, r.GetValue(outFile)!, r.GetValue(model) ?? "boosted", r.GetValue(trees), r.GetValue(seed), output, error)));
        return command;
    }

    public static Command Predict(Func<int, int> done, TextWriter output, TextWriter error)
    {
        var tables = new Argument<string[]>("tables") { Description = "Lookup tables (.table.json) or folders of them: their op features are predicted, and compared where measured.", Arity = ArgumentArity.OneOrMore };
        var predictor = new Option<string>("-p", "--predictor") { Description = "A predictor file written by 'knobs fit'.", HelpName = "file.predictor.json", Required = true };
        var csv = new Option<string>("--csv") { Description = "Also write every predicted op (CSV: benchmark, batch, node, op index, op, knob, predicted and measured ms, error, prior, features outside the fitted range).", HelpName = "file.csv" };
        var tablesOut = new Option<string>("--tables-out") { Description = "Also write each table with every op's time predicted (provenance predicted, on the predictor's device) into this folder, as <Benchmark>.table.json/.csv/.md: Simulate reads them like measured tables (KnobsTableDir).", HelpName = "folder" };
        var command = new Command("predict", "Predict every op and whole run of lookup tables with a fitted predictor, beside what the tables measured (numbers printed as predicted).")
        {
            tables, predictor, csv, tablesOut,
        };
        command.SetAction(r => done(RunPredict(r.GetValue(tables)!, r.GetValue(predictor)!, r.GetValue(csv), r.GetValue(tablesOut), output, error)));
        return command;
    }

    internal static int RunFit(string[] inputs, string outPath, string modelWord, int? trees, int? seed, TextWriter output, TextWriter error)
    {
        PredictorModel? model = FitOptions.ParseModel(modelWord);
        if (model is null) return KnobsCommand.Usage(error, $"--model must be boosted, forest or roofline, got '{modelWord}'");
        if (trees is < 1 or > 5000) return KnobsCommand.Usage(error, $"--trees must be from 1 to 5000, got {trees}");
        var options = new FitOptions { Model = model.Value, Trees = trees ?? 300, Seed = seed ?? 1 };
        if (!TryReadTables(inputs, error, out var read)) return KnobsCommand.ExitUsage;
        Predictor predictor;
        try
        {
            predictor = PredictorFitter.Fit(TrainingSet.From(read), options);
        }
        catch (PredictorException e)
        {
            error.WriteLine(SafeText.Escape(e.ToString()));
            return KnobsCommand.ExitUsage;
        }
        try
        {
            PredictorFile.Write(outPath, predictor);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(SafeText.Escape($"error KNB0602: cannot write {outPath}: {e.Message}; a predictor already there is kept. Give -o a file in a folder you can write to."));
            return KnobsCommand.ExitOutputFailed;
        }
        output.WriteLine(SafeText.Escape($"fitted a {options.ModelWord} predictor for {DeviceIdentity.Describe(predictor.Device)}"));
        output.WriteLine(SafeText.Escape($"  on {predictor.Training.Samples} distinct measured op(s) from {predictor.Training.Tables.Count} table(s): " +
            string.Join(", ", predictor.Training.Tables.Select(t => Invariant($"{t.Benchmark} (batch {t.Batch}, {t.Threads} thread(s), {t.Samples} ops)")))));
        output.WriteLine("  op                          samples  trees  prior: fixed ms   ms/GFLOP     ms/MB");
        foreach (FamilyModel f in predictor.Families)
        {
            output.WriteLine(SafeText.Escape(Invariant($"  {f.Op,-27} {f.Samples,7} {f.Trees.Trees.Count,6}  {f.Prior.FixedMs,15:0.######} {f.Prior.MsPerGflop,10:0.####} {f.Prior.MsPerMegabyte,9:0.####}")));
        }
        foreach (ConversionModel c in predictor.Conversions)
            output.WriteLine(SafeText.Escape(Invariant($"  {c.Kind}: {c.FixedMs:0.######} ms + {c.MsPerMegaElement:0.####} ms per million values ({c.Samples} measured)")));
        output.WriteLine(SafeText.Escape(Invariant($"  whole run = {predictor.Run.Scale:0.####} x sum of ops + {predictor.Run.PerOpMs * 1000:0.###} us per op ({predictor.Run.Samples} measured runs)")));
        output.WriteLine(SafeText.Escape($"  data {predictor.Training.DataHash}"));
        output.WriteLine(SafeText.Escape("predictor: " + outPath));
        return KnobsCommand.ExitSuccess;
    }

    internal static int RunPredict(string[] inputs, string predictorPath, string? csvPath, string? tablesOut, TextWriter output, TextWriter error)
    {
        Predictor predictor;
        try
        {
            predictor = PredictorFile.Read(predictorPath);
        }
        catch (PredictorException e)
        {
            error.WriteLine(SafeText.Escape(e.ToString()));
            return KnobsCommand.ExitUsage;
        }
        if (!TryReadTables(inputs, error, out var read)) return KnobsCommand.ExitUsage;
        var results = new List<(string File, int Columns, IReadOnlyList<NetworkPrediction> Runs)>();
        var predictedTables = new List<LookupTable>();
        try
        {
            foreach ((LookupTable table, string file) in read)
            {
                results.Add((file, table.Knobs.Count, NetworkPredictor.Predict(predictor, table, file)));
                if (tablesOut is not null) predictedTables.Add(PredictedTable.Of(predictor, table, file));
            }
            if (tablesOut is not null)
            {
                // Benchmarks are template class names; a table's name becomes a file name only when it is one.
                string? odd = predictedTables.Select(t => t.Benchmark).FirstOrDefault(b => !System.Text.RegularExpressions.Regex.IsMatch(b, "^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
                if (odd is not null) return KnobsCommand.Usage(error, $"--tables-out: the benchmark name '{odd}' is not a template class name, so it is not written as a file name; check that table");
                string? twice = predictedTables.GroupBy(t => t.Benchmark).FirstOrDefault(g => g.Count() > 1)?.Key;
                if (twice is not null) return KnobsCommand.Usage(error, $"--tables-out: two tables of benchmark '{twice}' would be written to one {twice}.table.json; predict them into separate folders");
            }
        }
        catch (PredictorException e)
        {
            error.WriteLine(SafeText.Escape(e.ToString()));
            return KnobsCommand.ExitUsage;
        }
        output.WriteLine(SafeText.Escape($"predicted with {predictorPath} ({predictor.Training.Model}, fitted on {string.Join(", ", predictor.Training.Tables.Select(t => t.Benchmark).Distinct())}); every time below marked 'predicted' is a prediction"));
        var runErrors = new List<double>();
        var opErrors = new List<double>();
        int outside = 0, ops = 0;
        foreach ((string file, int columns, IReadOnlyList<NetworkPrediction> runs) in results)
        {
            output.WriteLine(SafeText.Escape($"{file}:"));
            if (runs.Count < columns)
                output.WriteLine(SafeText.Escape($"  {columns - runs.Count} of {columns} knob column(s) not predicted: some of their cells carry no op features (tables from profiles before version 2, or cells not measured)"));
            output.WriteLine("  knob                 predicted ms    measured ms    error");
            foreach (NetworkPrediction run in runs)
            {
                string measured = run.Measured is { } m ? Invariant($"{m,14:0.####}") : "  not measured";
                string err = run.RelativeError is { } e ? Invariant($"{e * 100,7:+0.0;-0.0} %") : "";
                if (run.RelativeError is { } re) runErrors.Add(re);
                output.WriteLine(SafeText.Escape(Invariant($"  {run.Knob,-20} {run.Predicted,12:0.####}  {measured} {err}")));
                foreach (CellPrediction c in run.Cells)
                {
                    ops++;
                    if (!c.Prediction.InsideBox) outside++;
                    if (c.Measured is > 0) opErrors.Add((c.Prediction.Time - c.Measured.Value) / c.Measured.Value);
                }
            }
        }
        if (runErrors.Count > 0) output.WriteLine(SafeText.Escape("whole runs: " + Summary(runErrors)));
        if (opErrors.Count > 0) output.WriteLine(SafeText.Escape("ops:        " + Summary(opErrors)));
        if (outside > 0) output.WriteLine(SafeText.Escape(Invariant($"{outside} of {ops} op prediction(s) lie outside the feature ranges the predictor was fitted on (extrapolated along its roofline prior)")));
        if (tablesOut is not null)
        {
            try
            {
                foreach (LookupTable t in predictedTables)
                {
                    string stem = Path.Combine(tablesOut, t.Benchmark);
                    TableJsonWriter.Write(stem + ".table.json", t);
                    TableCsvWriter.Write(stem + ".table.csv", t);
                    TableMarkdownWriter.Write(stem + ".table.md", t);
                    output.WriteLine(SafeText.Escape($"predicted table: {stem}.table.json (.csv, .md)"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(SafeText.Escape($"error KNB0602: cannot write the predicted tables under {tablesOut}: {e.Message}. Give --tables-out a folder you can write to."));
                return KnobsCommand.ExitOutputFailed;
            }
        }
        if (csvPath is not null)
        {
            try
            {
                AtomicFile.WriteAllText(csvPath, Csv(results));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(SafeText.Escape($"error KNB0602: cannot write {csvPath}: {e.Message}. Give --csv a file in a folder you can write to."));
                return KnobsCommand.ExitOutputFailed;
            }
            output.WriteLine(SafeText.Escape("predictions: " + csvPath));
        }
        return KnobsCommand.ExitSuccess;
    }

    /// <summary>Mean |error|, max |error| and the shares within ±5/10/15 %.</summary>
    internal static string Summary(IReadOnlyList<double> errors)
    {
        double Within(double x) => 100.0 * errors.Count(e => Math.Abs(e) <= x) / errors.Count;
        return Invariant($"{errors.Count} measured: mean |error| {errors.Average(Math.Abs) * 100:0.0} %, max {errors.Max(Math.Abs) * 100:0.0} %, within ±5 % {Within(0.05):0.0} %, ±10 % {Within(0.10):0.0} %, ±15 % {Within(0.15):0.0} %");
    }

    private static string Csv(IReadOnlyList<(string File, int Columns, IReadOnlyList<NetworkPrediction> Runs)> results)
    {
        var b = new StringBuilder("benchmark,batch,node,op_index,op,knob,provenance,predicted_ms,measured_ms,error,prior_ms,outside_range\n");
        foreach (var (_, _, runs) in results)
        {
            foreach (NetworkPrediction run in runs)
            {
                foreach (CellPrediction c in run.Cells)
                {
                    string measured = c.Measured is { } m ? TableText.Number(m) : "";
                    string err = c.Measured is > 0 ? TableText.Number((c.Prediction.Time - c.Measured.Value) / c.Measured.Value) : "";
                    b.Append(TableText.Csv(run.Benchmark)).Append(',').Append(run.Batch.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(c.Node.ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.OpIndex.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(TableText.Csv(c.Prediction.Op)).Append(',').Append(TableText.Csv(c.Knob)).Append(",predicted,")
                        .Append(TableText.Number(c.Prediction.Time)).Append(',').Append(measured).Append(',').Append(err).Append(',')
                        .Append(TableText.Number(c.Prediction.Prior)).Append(',').Append(TableText.Csv(string.Join(";", c.Prediction.OutsideBox))).Append('\n');
                }
            }
        }
        return b.ToString();
    }

    // Every input read and checked before any work: files or folders of *.table.json (modelled accelerator tables skipped in folders).
    /// <summary>Reads lookup tables (files, or folders of <c>*.table.json</c> without modelled accelerators'); false, with KNB0601 errors, when one cannot be used.</summary>
    internal static bool TryReadTables(string[] inputs, TextWriter error, out List<(LookupTable Table, string File)> tables)
    {
        tables = new List<(LookupTable, string)>();
        bool ok = true;
        foreach (string input in inputs)
        {
            IEnumerable<string> files;
            if (Directory.Exists(input))
            {
                files = Directory.GetFiles(input, "*.table.json").Where(f => !Path.GetFileName(f).Contains(".accel-")).OrderBy(f => f, StringComparer.Ordinal).ToList();
                if (!files.Any())
                {
                    error.WriteLine(SafeText.Escape($"error KNB0601: {input}: no *.table.json in this folder: give the table folder ProfileTable wrote (KnobsTableDir, by default bin/<config>/<tfm>/knobs/) or 'knobs table' wrote"));
                    ok = false;
                    continue;
                }
            }
            else if (File.Exists(input))
            {
                files = new[] { input };
            }
            else
            {
                error.WriteLine(SafeText.Escape($"error KNB0601: {input}: no such file or folder: give lookup tables (.table.json) or folders of them"));
                ok = false;
                continue;
            }
            foreach (string file in files)
            {
                try
                {
                    tables.Add((TableJsonReader.Read(file), file));
                }
                catch (TableFormatException e)
                {
                    error.WriteLine(SafeText.Escape($"error KNB0601: {e.Message}"));
                    ok = false;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine(SafeText.Escape($"error KNB0601: {file}: cannot be read: {e.Message}"));
                    ok = false;
                }
            }
        }
        return ok;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
