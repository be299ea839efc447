using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Predictors;
using Knobs.Predictors.Fitting;
using Knobs.Tables;

namespace Knobs.Benchmarks.Predictors;

/// <summary>
/// <c>predict --tables DIR [--trees N] [--no-peer]</c>: leave-one-network-out evaluation of latency predictors on the
/// lookup tables under DIR (every <c>*.table.json</c> below it, e.g. the batch-1 and batch-16 tables that
/// scripts/predict/profile-samples.sh writes). For each network, predictors are fitted on the other networks' tables and
/// predict the held-out network's ops and whole runs (every knob column, every batch). Printed per model — boosted trees
/// and a random forest on the roofline prior, the roofline prior alone, and scikit-learn's RandomForestRegressor at
/// nn-Meter's published settings on the same folds (peers/forest_peer.py, one forest per op method, Debian's
/// python3-sklearn) — the op-level and whole-run RMSE, RMSPE and shares within ±5/10/15 %, and the share of unseen-shape
/// convolutions within ±10 %. Goals: ≥ 95 % of held-out whole runs and ≥ 90 % of unseen-shape conv ops within ±10 %,
/// not worse than the scikit-learn forest.
/// </summary>
public static class PredictionSuite
{
    private sealed record Held(string Fold, OpSample Sample);

    private sealed class Scores
    {
        public readonly List<double> OpErrors = new();
        public readonly List<(double Predicted, double Measured)> Ops = new();
        public readonly List<double> UnseenConvErrors = new();
        public readonly List<double> RunErrors = new();
        public readonly List<double> SumErrors = new();
        public readonly List<(double Predicted, double Measured)> Runs = new();
        public int OpsMissing;
        public int RunsMissing;
    }

    public static int Run(string[] args)
    {
        string train = SuiteArguments.Option(args, "--train", "");
        if (train.Length > 0) return RunTrainTest(args, train, SuiteArguments.Option(args, "--test", ""));
        string dir = SuiteArguments.Option(args, "--tables", "");
        int trees = int.Parse(SuiteArguments.Option(args, "--trees", "300"), CultureInfo.InvariantCulture);
        bool peer = !args.Contains("--no-peer");
        if (dir.Length == 0 || !Directory.Exists(dir))
        {
            Console.Error.WriteLine("predict: --tables DIR is required: a folder of lookup tables (scripts/predict/profile-samples.sh DIR writes them)");
            return 2;
        }
        var tables = ReadTables(dir);
        TrainingSet all = TrainingSet.From(tables);
        var folds = tables.Select(t => t.Item1.Benchmark).Distinct().OrderBy(b => b, StringComparer.Ordinal).ToList();
        Console.WriteLine($"predict: CPU {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical cores, load average {MachineInfo.LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine($"tables: {tables.Count} under {dir} ({string.Join(", ", tables.Select(t => $"{t.Item1.Benchmark} b{t.Item1.Settings?.Batch}"))})");
        Console.WriteLine($"device: {DeviceIdentity.Describe(all.Device)}");
        Console.WriteLine($"{all.Samples.Count} distinct measured ops, {all.Networks.Count} whole runs; folds: leave one network out ({string.Join(", ", folds)}); {trees} trees per family");
        Console.WriteLine();
        PrintConsistency(tables);

        var models = new (string Name, FitOptions? Options)[]
        {
            ("boosted (Knobs)", new FitOptions { Model = PredictorModel.Boosted, Trees = trees }),
            ("forest (Knobs)", new FitOptions { Model = PredictorModel.Forest, Trees = trees }),
            ("roofline prior", new FitOptions { Model = PredictorModel.Roofline }),
        };
        var scores = models.ToDictionary(m => m.Name, _ => new Scores());
        var fitSeconds = models.ToDictionary(m => m.Name, _ => 0.0);
        var heldRuns = new Dictionary<string, Predictor>();
        foreach (string fold in folds)
        {
            TrainingSet training = all.Without(s => s.Benchmark == fold, n => n.Benchmark == fold);
            var seenShapes = new HashSet<string>(training.Samples.Select(s => s.ShapeKey), StringComparer.Ordinal);
            var heldTables = tables.Where(t => t.Item1.Benchmark == fold).ToList();
            var heldSamples = all.Samples.Where(s => s.Benchmark == fold).ToList();
            foreach (var (name, options) in models)
            {
                var clock = Stopwatch.StartNew();
                Predictor p = PredictorFitter.Fit(training, options!);
                fitSeconds[name] += clock.Elapsed.TotalSeconds;
                Score(p, heldTables, heldSamples, seenShapes, scores[name], s => p.Family(s.Op) is null ? null : p.Predict(s.Op, s.Features).Time);
                if (name.StartsWith("boosted", StringComparison.Ordinal)) heldRuns[fold] = p;
            }
        }
        if (peer)
        {
            Dictionary<string, double>? peerPredictions = RunPeer(all, folds);
            if (peerPredictions is not null)
            {
                var peerScores = new Scores();
                foreach (string fold in folds)
                {
                    TrainingSet training = all.Without(s => s.Benchmark == fold, n => n.Benchmark == fold);
                    var seenShapes = new HashSet<string>(training.Samples.Select(s => s.ShapeKey), StringComparer.Ordinal);
                    // Whole runs from the peer's op predictions go through the same run and conversion models as Knobs'.
                    Predictor runModels = heldRuns[fold];
                    Score(runModels, tables.Where(t => t.Item1.Benchmark == fold).ToList(), all.Samples.Where(s => s.Benchmark == fold).ToList(), seenShapes, peerScores,
                        s => peerPredictions.TryGetValue(Key(s), out double v) ? v : null);
                }
                scores["sklearn forest (nn-Meter settings)"] = peerScores;
            }
        }

        PrintTables(scores);
        Console.WriteLine("per held-out network, boosted (Knobs): whole runs within ±10 % and mean |error|");
        foreach (string fold in folds)
        {
            Predictor p = heldRuns[fold];
            var errors = new List<double>();
            foreach (var (table, file) in tables.Where(t => t.Item1.Benchmark == fold))
            {
                try
                {
                    errors.AddRange(NetworkPredictor.Predict(p, table, file).Where(n => n.RelativeError is not null).Select(n => n.RelativeError!.Value));
                }
                catch (PredictorException e)
                {
                    Console.WriteLine($"  {fold}: {e.Message}");
                }
            }
            if (errors.Count > 0) Console.WriteLine(Invariant($"  {fold,-20} {errors.Count,4} runs  ±10 %: {Within(errors, 0.10),5:0.0} %  mean |error| {errors.Average(Math.Abs) * 100:0.0} %  max {errors.Max(Math.Abs) * 100:0.0} %"));
        }
        Console.WriteLine();
        Console.WriteLine("fitting time, all folds: " + string.Join(", ", fitSeconds.Select(kv => Invariant($"{kv.Key} {kv.Value:0.0} s"))));
        Console.WriteLine($"load average at the end {MachineInfo.LoadAverage()}");
        Console.WriteLine("Goals: held-out whole runs ≥ 95 % within ±10 %, unseen-shape conv ops ≥ 90 % within ±10 %, not worse than the scikit-learn forest.");
        return 0;
    }

    // --train DIR --test DIR: fit on one set of tables (a genprof profiling project's), predict another (its sampled
    // architectures), beside the exact-lookup table model (aw_nas's: a measured primitive with the same features, else
    // not predicted) and the scikit-learn forest.
    private static int RunTrainTest(string[] args, string trainDir, string testDir)
    {
        int trees = int.Parse(SuiteArguments.Option(args, "--trees", "300"), CultureInfo.InvariantCulture);
        if (!Directory.Exists(trainDir) || !Directory.Exists(testDir))
        {
            Console.Error.WriteLine("predict: --train DIR and --test DIR are folders of lookup tables");
            return 2;
        }
        var trainTables = ReadTables(trainDir);
        var testTables = ReadTables(testDir);
        TrainingSet training = TrainingSet.From(trainTables);
        TrainingSet testSet = TrainingSet.From(testTables);
        TrainingSet both = TrainingSet.From(trainTables.Concat(testTables).ToList());
        Console.WriteLine($"predict: CPU {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical cores, load average {MachineInfo.LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine($"train: {trainTables.Count} table(s) under {trainDir}, {training.Samples.Count} distinct ops; test: {testTables.Count} table(s) under {testDir}, {testSet.Samples.Count} distinct ops, {testSet.Networks.Count} whole runs");
        Console.WriteLine($"device: {DeviceIdentity.Describe(training.Device)}; {trees} trees per family");
        Console.WriteLine();
        PrintConsistency(testTables);
        var seen = new HashSet<string>(training.Samples.Select(x => x.ShapeKey), StringComparer.Ordinal);
        var lookup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (OpSample x in training.Samples) lookup[x.Op + "#" + TrainingSet.FeatureText(x.Features)] = x.Time;
        var scores = new Dictionary<string, Scores>();
        Predictor? boosted = null;
        foreach (var (name, options) in new (string, FitOptions)[]
        {
            ("boosted (Knobs)", new FitOptions { Model = PredictorModel.Boosted, Trees = trees }),
            ("forest (Knobs)", new FitOptions { Model = PredictorModel.Forest, Trees = trees }),
            ("linear roofline prior", new FitOptions { Model = PredictorModel.Roofline }),
        })
        {
            Predictor p = PredictorFitter.Fit(training, options);
            boosted ??= p;
            var s = new Scores();
            Score(p, testTables, testSet.Samples.ToList(), seen, s, x => p.Family(x.Op) is null ? null : p.Predict(x.Op, x.Features).Time);
            scores[name] = s;
        }
        var table = new Scores();
        Score(boosted!, testTables, testSet.Samples.ToList(), seen, table, x => lookup.TryGetValue(x.Op + "#" + TrainingSet.FeatureText(x.Features), out double t) ? t : null);
        scores["table lookup (exact primitive)"] = table;
        if (!args.Contains("--no-peer"))
        {
            // The peer's folds: "train" rows fit, "test" rows are predicted (the suite reads only those).
            var trainKeys = new HashSet<string>(training.Samples.Select(Key), StringComparer.Ordinal);
            Dictionary<string, double>? peer = RunPeer(both, new List<string> { "train", "test" }, x => trainKeys.Contains(Key(x)) ? "train" : "test");
            if (peer is not null)
            {
                var ps = new Scores();
                Score(boosted!, testTables, testSet.Samples.ToList(), seen, ps, x => peer.TryGetValue(Key(x), out double v) ? v : null);
                scores["sklearn forest (nn-Meter settings)"] = ps;
            }
        }
        PrintTables(scores);
        Console.WriteLine($"load average at the end {MachineInfo.LoadAverage()}");
        Console.WriteLine("Goal: ≥ 95 % of the sampled architectures' whole runs within ±10 %.");
        return 0;
    }

    // Every measured table below the folder (modelled accelerator tables left out), in path order.
    private static List<(LookupTable, string)> ReadTables(string dir) => Directory.GetFiles(dir, "*.table.json", SearchOption.AllDirectories)
        .Where(f => !Path.GetFileName(f).Contains(".accel-")).OrderBy(f => f, StringComparer.Ordinal).Select(f => (TableJsonReader.Read(f), f)).ToList();

    private static void PrintTables(Dictionary<string, Scores> scores)
    {
        Console.WriteLine("test ops (distinct measured ops)");
        Console.WriteLine($"{"model",-36} {"n",6} {"missing",8} {"RMSE ms",9} {"RMSPE %",8} {"±5 %",7} {"±10 %",7} {"±15 %",7} {"unseen conv ±10 %",18}");
        foreach (var (name, s) in scores)
        {
            Console.WriteLine(Invariant($"{name,-36} {s.OpErrors.Count,6} {s.OpsMissing,8} {Rmse(s.Ops),9:0.0000} {Rmspe(s.OpErrors),8:0.0} {Within(s.OpErrors, 0.05),7:0.0} {Within(s.OpErrors, 0.10),7:0.0} {Within(s.OpErrors, 0.15),7:0.0} {Within(s.UnseenConvErrors, 0.10),10:0.0} of {s.UnseenConvErrors.Count,4}"));
        }
        Console.WriteLine();
        Console.WriteLine("test whole runs (every knob column; measured = the table's whole-run mean)");
        Console.WriteLine($"{"model",-36} {"n",6} {"missing",8} {"RMSE ms",9} {"RMSPE %",8} {"±5 %",7} {"±10 %",7} {"±15 %",7} {"mean |err| %",13}");
        foreach (var (name, s) in scores)
        {
            Console.WriteLine(Invariant($"{name,-36} {s.RunErrors.Count,6} {s.RunsMissing,8} {Rmse(s.Runs),9:0.000} {Rmspe(s.RunErrors),8:0.0} {Within(s.RunErrors, 0.05),7:0.0} {Within(s.RunErrors, 0.10),7:0.0} {Within(s.RunErrors, 0.15),7:0.0} {(s.RunErrors.Count == 0 ? 0 : s.RunErrors.Average(Math.Abs) * 100),13:0.0}"));
        }
        Console.WriteLine();
        Console.WriteLine("the same runs as sums of ops: predicted op times summed against the measured op times summed (no run model;");
        Console.WriteLine("shows the op predictions at network level where a table's whole-run mean and its op means disagree)");
        Console.WriteLine($"{"model",-36} {"n",6} {"RMSPE %",8} {"±5 %",7} {"±10 %",7} {"±15 %",7} {"mean |err| %",13}");
        foreach (var (name, s) in scores)
        {
            Console.WriteLine(Invariant($"{name,-36} {s.SumErrors.Count,6} {Rmspe(s.SumErrors),8:0.0} {Within(s.SumErrors, 0.05),7:0.0} {Within(s.SumErrors, 0.10),7:0.0} {Within(s.SumErrors, 0.15),7:0.0} {(s.SumErrors.Count == 0 ? 0 : s.SumErrors.Average(Math.Abs) * 100),13:0.0}"));
        }
        Console.WriteLine();
    }

    /// <summary>Per table, the spread of whole-run mean / sum of op means over its knob columns: how far a table agrees with itself.</summary>
    private static void PrintConsistency(IEnumerable<(LookupTable Table, string File)> tables)
    {
        Console.WriteLine("table consistency: whole-run mean / sum of op means, over each table's knob columns (1 = the ops account for the run)");
        foreach (var (table, file) in tables)
        {
            var r = NetworkSample.Of(table).Select(n => n.Total / n.MeasuredOps).OrderBy(x => x).ToList();
            if (r.Count == 0) continue;
            Console.WriteLine(Invariant($"  {Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file),-44} min {r[0]:0.000}  median {r[r.Count / 2]:0.000}  max {r[^1]:0.000}"));
        }
        Console.WriteLine();
    }

    private static void Score(Predictor p, List<(LookupTable, string)> heldTables, List<OpSample> heldSamples, HashSet<string> seenShapes, Scores s, Func<OpSample, double?> predict)
    {
        var bySample = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (OpSample sample in heldSamples)
        {
            double? t = predict(sample);
            bySample[Key(sample)] = t;
            if (t is null)
            {
                s.OpsMissing++;
                continue;
            }
            double e = (t.Value - sample.Time) / sample.Time;
            s.OpErrors.Add(e);
            s.Ops.Add((t.Value, sample.Time));
            if (sample.Op.Contains("Conv", StringComparison.Ordinal) && !seenShapes.Contains(sample.ShapeKey)) s.UnseenConvErrors.Add(e);
        }
        foreach (var (table, _) in heldTables)
        {
            foreach (NetworkSample run in NetworkSample.Of(table))
            {
                int k = table.KnobIndex(run.Knob);
                double sum = 0;
                bool complete = true;
                foreach (TableNode node in table.Nodes)
                {
                    for (int o = 0; o < node.Ops.Count; o++)
                    {
                        TableCell cell = node.Ops[o].Cells[k]!;
                        string key = Key(table.Benchmark, node.Id, o, cell.Op!, cell.Features!);
                        if (cell.Features is null || !bySample.TryGetValue(key, out double? t) || t is null) { complete = false; continue; }
                        sum += t.Value;
                        try
                        {
                            sum += NetworkPredictor.PredictedConversions(p, node.Ops[o], cell.Features);
                        }
                        catch (PredictorException)
                        {
                            sum = double.NaN;
                        }
                    }
                }
                if (!complete || double.IsNaN(sum))
                {
                    s.RunsMissing++;
                    continue;
                }
                double predicted = p.Run.Time(sum, run.Ops);
                s.RunErrors.Add((predicted - run.Total) / run.Total);
                s.SumErrors.Add((sum - run.MeasuredOps) / run.MeasuredOps);
                s.Runs.Add((predicted, run.Total));
            }
        }
    }

    private static string Key(OpSample s) => Key(s.Benchmark, s.Node, s.OpIndex, s.Op, s.Features);

    private static string Key(string benchmark, int node, int op, string method, Knobs.Profiles.OpFeatureRecord? f) =>
        benchmark + "|" + node.ToString(CultureInfo.InvariantCulture) + "|" + op.ToString(CultureInfo.InvariantCulture) + "|" + method + "|" + (f is null ? "" : TrainingSet.FeatureText(f));

    // The scikit-learn peer on the same folds: one CSV of every sample with its fold, predictions back per sample.
    private static Dictionary<string, double>? RunPeer(TrainingSet all, List<string> folds, Func<OpSample, string>? foldOf = null)
    {
        string script = Path.Combine(SuiteArguments.RepoRoot(), "tests", "Knobs.Benchmarks", "Predictors", "peers", "forest_peer.py");
        string work = Path.Combine(Path.GetTempPath(), "knobs-predict-peer-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(work);
        try
        {
            var b = new StringBuilder("row,fold,family,target," + string.Join(",", OpFeatureVector.Names) + "\n");
            for (int i = 0; i < all.Samples.Count; i++)
            {
                OpSample s = all.Samples[i];
                b.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(foldOf?.Invoke(s) ?? s.Benchmark).Append(',').Append(s.Op).Append(',')
                    .Append(s.Time.ToString("R", CultureInfo.InvariantCulture));
                foreach (float v in s.Vector) b.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
                b.Append('\n');
            }
            string input = Path.Combine(work, "samples.csv"), output = Path.Combine(work, "predictions.csv");
            File.WriteAllText(input, b.ToString());
            var clock = Stopwatch.StartNew();
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(input);
            psi.ArgumentList.Add(output);
            using Process proc = Process.Start(psi)!;
            string stderr = proc.StandardError.ReadToEnd();
            proc.StandardOutput.ReadToEnd();
            proc.WaitForExit();
            if (proc.ExitCode != 0)
            {
                Console.WriteLine($"scikit-learn peer: not measured (forest_peer.py exit {proc.ExitCode}: {stderr.Trim()}); install Debian's python3-sklearn");
                return null;
            }
            Console.WriteLine(Invariant($"scikit-learn peer: {clock.Elapsed.TotalSeconds:0.0} s for {folds.Count} folds"));
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllLines(output).Skip(1))
            {
                string[] parts = line.Split(',');
                int row = int.Parse(parts[0], CultureInfo.InvariantCulture);
                result[Key(all.Samples[row])] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            return result;
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static double Rmse(List<(double Predicted, double Measured)> x) => x.Count == 0 ? 0 : Math.Sqrt(x.Average(p => (p.Predicted - p.Measured) * (p.Predicted - p.Measured)));
    private static double Rmspe(List<double> e) => e.Count == 0 ? 0 : Math.Sqrt(e.Average(v => v * v)) * 100;
    private static double Within(List<double> e, double x) => e.Count == 0 ? 0 : 100.0 * e.Count(v => Math.Abs(v) <= x) / e.Count;
    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
