using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Knobs.KnobTables;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Probing;
using Knobs.Profiles;

namespace Knobs.Runtime.CoRunning;

/// <summary>What <c>corun</c> was asked to do.</summary>
/// <param name="Schedule">A schedule file to run (or null).</param>
/// <param name="Contention">Measure a co-run profile instead.</param>
/// <param name="Benchmarks">With --contention: the benchmarks (null: all).</param>
/// <param name="Batch">The batch of every DNN without one in <paramref name="Batches"/> (with --contention).</param>
/// <param name="Batches">Batches by benchmark (with --contention).</param>
/// <param name="Rounds">Measured rounds.</param>
/// <param name="Warmup">Rounds run first and not measured (null: automatic, see <see cref="CoRunner.Run"/>).</param>
/// <param name="Out">Where to write the result (null: the default, or nothing).</param>
internal sealed record CoRunRequest(string? Schedule, bool Contention, IReadOnlyList<string>? Benchmarks, int Batch, IReadOnlyDictionary<string, int> Batches,
    int Rounds, int? Warmup, string? Out);

/// <summary>
/// <c>corun</c>: DNNs of this app running at the same time, one per core. <c>--contention</c> measures, for every pair of
/// benchmarks, each node alone on core 0 and beside the other benchmark running on core 1, and the cost of moving between
/// cores (every node on the other core than the last), and writes a co-run profile (what <c>knobs schedule --tables</c>
/// fits its contention model and transition costs on). <c>--schedule</c> runs a schedule <c>knobs schedule</c> wrote, for
/// real: every DNN on its own thread, each node on the core the schedule gives, each core taken in the schedule's order,
/// and prints the measured makespan beside the predicted one.
/// </summary>
internal sealed class CoRunCommand(IBenchmarkRegistry registry, CoRunRequest request, TextWriter output, TextWriter error)
{
    /// <summary>The co-run profile's format version.</summary>
    public const int FormatVersion = 1;

    public int Execute()
    {
        if (CorePinning.Cores < 2) throw new UsageException($"a co-run needs at least two cores; this machine has {CorePinning.Cores}");
        return request.Contention ? MeasureContention() : RunSchedule();
    }

    // Printed lines carry file and benchmark names: one line each, control characters escaped.
    private void Say(string line) => output.WriteLine(ConsoleText.Escape(line));

    // Before anything is measured: the output's folder exists or can be made, and a file can be created in it.
    private static void CheckWritable(string path)
    {
        try
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            Directory.CreateDirectory(dir);
            if (Directory.Exists(path)) throw new IOException("it is a folder");
            string probe = Path.Combine(dir, ".knobs-corun-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(probe, Array.Empty<byte>());
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path}: cannot be written ({e.Message}); give a file in a folder you can write");
        }
    }

    private int MeasureContention()
    {
        BenchmarkDescriptor[] chosen = Choose();
        string path = request.Out ?? "corun.profile.json";
        if (chosen.Length < 2) throw new UsageException($"--contention needs at least two benchmarks (--benchmark A,B); this app selects {chosen.Length}");
        string loadBefore = LoadAverage();
        foreach (string name in request.Batches.Keys)
        {
            if (!chosen.Any(b => b.Name == name)) throw new UsageException($"--batch names '{name}', which is not one of the benchmarks measured ({string.Join(", ", chosen.Select(b => b.Name))})");
        }
        CheckWritable(path);
        Say(FormattableString.Invariant(
            $"co-run profile: {string.Join(", ", chosen.Select(b => $"{b.Name} (batch {BatchOf(b)})"))}; {request.Rounds} rounds after {WarmupText}, cores 0 and 1, load average {loadBefore}"));
        var entries = new List<BenchmarkContention>();
        foreach (BenchmarkDescriptor x in chosen)
        {
            int nodes = x.Nodes.Count;
            IReadOnlyList<CoRunRound> soloRounds = CoRunner.Run(new[] { Fp32(x, Same(nodes, 0)) }, null, request.Warmup, request.Rounds);
            double[] solo = NodeMedians(soloRounds, 0);
            var alternate = Enumerable.Range(0, nodes).Select(i => i % 2).ToArray();
            IReadOnlyList<CoRunRound> alt = CoRunner.Run(new[] { Fp32(x, alternate) }, null, request.Warmup, request.Rounds);
            double soloTotal = CoRunner.Median(soloRounds.Select(r => r.EndMs[0]));
            double altTotal = CoRunner.Median(alt.Select(r => r.EndMs[0]));
            var beside = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (BenchmarkDescriptor y in chosen)
            {
                if (ReferenceEquals(x, y)) continue;
                IReadOnlyList<CoRunRound> co = CoRunner.Run(new[] { Fp32(x, Same(nodes, 0)) }, null, request.Warmup, request.Rounds,
                    load: Fp32(y, Same(y.Nodes.Count, 1)));
                beside[y.Name] = NodeMedians(co, 0);
            }
            int switches = Math.Max(0, nodes - 1);
            var entry = new BenchmarkContention(x, solo, soloTotal, altTotal, switches, beside);
            entries.Add(entry);
            Say(FormattableString.Invariant($"  {x.Name}: alone {soloTotal:F3} ms; moving core at each of {switches} node boundaries {altTotal:F3} ms ({entry.TransitionMs:F4} ms a move)"));
            foreach ((string other, double[] times) in beside)
            {
                Say(FormattableString.Invariant($"    beside {other}: sum of nodes {times.Sum():F3} ms against {solo.Sum():F3} ms alone ({times.Sum() / solo.Sum():F3}x)"));
            }
        }
        string loadAfter = LoadAverage();
        if (!WriteFile(path, ContentionJson(entries, loadBefore, loadAfter))) return Runner.ExitOutputFailed;
        Say($"co-run profile written to {path}; load average after {loadAfter}");
        return Runner.ExitSuccess;
    }

    private int RunSchedule()
    {
        string[] files = request.Schedule!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        PlannedSchedule[] plans = files.Select(f => PlannedSchedule.Read(f, registry)).ToArray();
        if (request.Out is string target) CheckWritable(target);
        string loadBefore = LoadAverage();
        for (int p = 0; p < plans.Length; p++)
        {
            Say(FormattableString.Invariant(
                $"co-run of {files[p]}: {string.Join(", ", plans[p].Dnns.Select(d => $"{d.Name} (batch {d.Batch})"))} on cores {string.Join(",", plans[p].Cores)}; {request.Rounds} rounds after {WarmupText}, load average {loadBefore}"));
        }
        // Blocks of co-run rounds, each schedule in turn, each followed by the same number of rounds of every DNN alone (on
        // its scheduled cores, nothing beside): the solo runs say how fast the machine runs each DNN now against its tables,
        // and schedules compared block by block see the same spells of the machine.
        int blocks = Math.Min(plans.Length > 1 ? ComparedBlocks : Blocks, request.Rounds);
        var runs = plans.Select(p => new ScheduleRuns(p, blocks)).ToArray();
        for (int b = 0; b < blocks; b++)
        {
            int count = request.Rounds / blocks + (b < request.Rounds % blocks ? 1 : 0);
            foreach (ScheduleRuns r in runs)
            {
                IReadOnlyList<CoRunRound> block = CoRunner.Run(r.Plan.Dnns, r.Plan.Order, b == 0 ? request.Warmup : 1, count);
                r.Rounds.AddRange(block);
                r.BlockMakespans[b] = CoRunner.Median(block.Select(x => x.MakespanMs));
                for (int k = 0; k < r.Plan.Dnns.Count; k++)
                {
                    r.Solo[k].AddRange(CoRunner.Run(new[] { r.Plan.Dnns[k] }, null, 1, count).Select(x => x.EndMs[0]));
                }
            }
        }
        string loadAfter = LoadAverage();
        for (int p = 0; p < runs.Length; p++) Report(files[p], runs[p], loadAfter, plans.Length > 1);
        for (int p = 1; p < runs.Length; p++)
        {
            double[] ratios = Enumerable.Range(0, blocks).Select(b => runs[p].BlockMakespans[b] / runs[0].BlockMakespans[b]).ToArray();
            Say(FormattableString.Invariant(
                $"paired, block by block: {files[p]} over {files[0]}: measured makespan ratio {CoRunner.Median(ratios):F3} (median of {blocks} blocks: {string.Join(" ", ratios.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}); predicted {plans[p].PredictedMakespanMs / plans[0].PredictedMakespanMs:F3}"));
        }
        if (request.Out is string path)
        {
            if (!WriteFile(path, MeasuredJson(files, runs, loadBefore, loadAfter))) return Runner.ExitOutputFailed;
            Say($"measurement written to {path}");
        }
        return Runner.ExitSuccess;
    }

    /// <summary>What one schedule's co-run measured: its rounds, each block's median makespan, each DNN's runs alone.</summary>
    private sealed class ScheduleRuns
    {
        public ScheduleRuns(PlannedSchedule plan, int blocks)
        {
            Plan = plan;
            BlockMakespans = new double[blocks];
            Solo = plan.Dnns.Select(_ => new List<double>()).ToArray();
        }

        public PlannedSchedule Plan { get; }
        public List<CoRunRound> Rounds { get; } = new();
        public double[] BlockMakespans { get; }
        public List<double>[] Solo { get; }
        public double Measured => CoRunner.Median(Rounds.Select(r => r.MakespanMs));

        /// <summary>Each DNN's time alone now over its tables' (null where the schedule lacks the tables' times).</summary>
        public double? Speed(int k) => Plan.AloneMs[k] is double table ? CoRunner.Median(Solo[k]) / table : null;

        /// <summary>The prediction × the last-ending DNN's speed ratio: the makespan at the machine's speed now.</summary>
        public double? Calibrated => Speed(Plan.Critical) is double f ? Plan.PredictedMakespanMs * f : null;
    }

    private void Report(string file, ScheduleRuns r, string loadAfter, bool named)
    {
        PlannedSchedule plan = r.Plan;
        if (named) Say(file + ":");
        for (int k = 0; k < plan.Dnns.Count; k++)
        {
            double end = CoRunner.Median(r.Rounds.Select(x => x.EndMs[k]));
            double alone = CoRunner.Median(r.Solo[k]);
            Say(FormattableString.Invariant(
                $"  {plan.Dnns[k].Name}: predicted end {plan.PredictedEndMs[k]:F3} ms, measured {end:F3} ms ({Error(plan.PredictedEndMs[k], end)}); alone {alone:F3} ms{(plan.AloneMs[k] is double t ? FormattableString.Invariant($" against {t:F3} ms in its tables ({r.Speed(k):F3}x)") : "")}"));
        }
        double q1 = CoRunner.Quantile(r.Rounds.Select(x => x.MakespanMs), 0.25), q3 = CoRunner.Quantile(r.Rounds.Select(x => x.MakespanMs), 0.75);
        Say(FormattableString.Invariant(
            $"makespan: predicted {plan.PredictedMakespanMs:F3} ms, measured {r.Measured:F3} ms (median; quartiles {q1:F3}–{q3:F3}), error {Error(plan.PredictedMakespanMs, r.Measured)}; load average after {loadAfter}"));
        if (r.Calibrated is double c)
        {
            Say(FormattableString.Invariant(
                $"makespan at the machine's speed now (the prediction × {plan.Dnns[plan.Critical].Name}'s time alone now over its tables'): {c:F3} ms, error {Error(c, r.Measured)}"));
        }
    }

    /// <summary>Blocks when several schedules are compared: more, so the block-by-block ratio has a median worth the name.</summary>
    public const int ComparedBlocks = 8;

    /// <summary>Co-run rounds of one schedule come in this many blocks, each followed by as many rounds of every DNN alone.</summary>
    public const int Blocks = 4;

    private string WarmupText => request.Warmup is int w
        ? $"{w} warm-up round(s)"
        : $"a warm-up of {CoRunner.AutoWarmupRounds} rounds and {CoRunner.AutoWarmupTime.TotalSeconds:F0} s or more";

    private static string Error(double predicted, double measured) =>
        ((predicted - measured) / measured * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

    private BenchmarkDescriptor[] Choose()
    {
        if (request.Benchmarks is null) return registry.Benchmarks.ToArray();
        return request.Benchmarks.Select(name => registry.Benchmarks.FirstOrDefault(b => b.Name == name)
            ?? throw new UsageException($"--benchmark: this app has no benchmark '{name}'; it has {string.Join(", ", registry.Benchmarks.Select(b => b.Name))}")).ToArray();
    }

    private static int[] Same(int nodes, int core) => Enumerable.Repeat(core, nodes).ToArray();

    private int BatchOf(BenchmarkDescriptor b) => request.Batches.TryGetValue(b.Name, out int n) ? n : request.Batch;

    private CoRunDnn Fp32(BenchmarkDescriptor b, int[] cores) =>
        new(b.Name, b.CreateConfiguration("fp32", b.Nodes.Select(_ => new NodeKnob(KnobIdentity.Fp32Word, KnobIdentity.Fp32Id)).ToArray()), cores, BatchOf(b));

    private static double[] NodeMedians(IReadOnlyList<CoRunRound> rounds, int dnn)
    {
        int nodes = rounds[0].NodeMs[dnn].Length;
        return Enumerable.Range(0, nodes).Select(i => CoRunner.Median(rounds.Select(r => r.NodeMs[dnn][i]))).ToArray();
    }

    internal static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    // Atomically (AtomicFile): a file an earlier run left stays whole until the new one replaces it.
    private bool WriteFile(string path, string text)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(RuntimeDiagnostics.Error(RuntimeDiagnostics.ProfileNotWritten, $"{path}: could not be written: {e.Message}"));
            return false;
        }
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true })) body(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private sealed record BenchmarkContention(BenchmarkDescriptor Benchmark, double[] SoloMs, double SoloTotalMs, double AlternatingTotalMs, int Switches,
        Dictionary<string, double[]> BesideMs)
    {
        /// <summary>What one move between cores costs (the alternating run's extra time per move; never below 0).</summary>
        public double TransitionMs => Switches == 0 ? 0 : Math.Max(0, (AlternatingTotalMs - SoloTotalMs) / Switches);
    }

    private string ContentionJson(List<BenchmarkContention> entries, string loadBefore, string loadAfter)
    {
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "knobs-corun-profile");
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("provenance", "measured");
            w.WriteStartObject("machine");
            w.WriteString("cpu", EnvironmentProbe.CpuModel());
            w.WriteNumber("logical_cores", Environment.ProcessorCount);
            w.WriteString("load_average_before", loadBefore);
            w.WriteString("load_average_after", loadAfter);
            w.WriteEndObject();
            w.WriteNumber("threads_per_dnn", 1);
            w.WriteNumber("rounds", request.Rounds);
            if (request.Warmup is int warm) w.WriteNumber("warmup_rounds", warm);
            else w.WriteString("warmup", "auto");
            w.WriteStartArray("benchmarks");
            foreach (BenchmarkContention e in entries)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Benchmark.Name);
                w.WriteNumber("batch", BatchOf(e.Benchmark));
                Number(w, "alone_ms", e.SoloTotalMs);
                Number(w, "alternating_ms", e.AlternatingTotalMs);
                w.WriteNumber("switches", e.Switches);
                Number(w, "transition_ms", e.TransitionMs);
                w.WriteStartArray("nodes");
                for (int i = 0; i < e.SoloMs.Length; i++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", i + 1);
                    w.WriteString("name", e.Benchmark.Nodes[i].Name);
                    Number(w, "alone_ms", e.SoloMs[i]);
                    w.WriteStartObject("beside_ms");
                    foreach ((string other, double[] times) in e.BesideMs) Number(w, other, times[i]);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private string MeasuredJson(string[] files, ScheduleRuns[] runs, string loadBefore, string loadAfter)
    {
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "knobs-corun-measurement");
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("cpu", EnvironmentProbe.CpuModel());
            w.WriteString("load_average_before", loadBefore);
            w.WriteString("load_average_after", loadAfter);
            w.WriteNumber("rounds", request.Rounds);
            w.WriteNumber("blocks", runs[0].BlockMakespans.Length);
            w.WriteStartArray("schedules");
            for (int p = 0; p < runs.Length; p++)
            {
                ScheduleRuns r = runs[p];
                w.WriteStartObject();
                w.WriteString("schedule", files[p]);
                Number(w, "predicted_makespan_ms", r.Plan.PredictedMakespanMs);
                Number(w, "measured_makespan_ms", r.Measured);
                if (r.Calibrated is double c) Number(w, "calibrated_makespan_ms", c);
                else w.WriteNull("calibrated_makespan_ms");
                w.WriteStartArray("block_makespans_ms");
                foreach (double m in r.BlockMakespans) w.WriteNumberValue(Math.Round(m, 6));
                w.WriteEndArray();
                w.WriteStartArray("round_makespans_ms");
                foreach (CoRunRound round in r.Rounds) w.WriteNumberValue(Math.Round(round.MakespanMs, 6));
                w.WriteEndArray();
                w.WriteStartArray("dnns");
                for (int k = 0; k < r.Plan.Dnns.Count; k++)
                {
                    w.WriteStartObject();
                    w.WriteString("name", r.Plan.Dnns[k].Name);
                    w.WriteNumber("batch", r.Plan.Dnns[k].Batch);
                    Number(w, "predicted_end_ms", r.Plan.PredictedEndMs[k]);
                    Number(w, "measured_end_ms", CoRunner.Median(r.Rounds.Select(x => x.EndMs[k])));
                    if (r.Plan.AloneMs[k] is double table) Number(w, "table_alone_ms", table);
                    Number(w, "measured_alone_ms", CoRunner.Median(r.Solo[k]));
                    w.WriteStartArray("node_ms");
                    foreach (double m in NodeMedians(r.Rounds, k)) w.WriteNumberValue(Math.Round(m, 6));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Number(Utf8JsonWriter w, string name, double v) => w.WriteNumber(name, Math.Round(v, 6));
}
