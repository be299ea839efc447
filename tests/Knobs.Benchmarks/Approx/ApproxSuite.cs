using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Benchmarks.Kernels;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Benchmarks.Approx;

/// <summary>
/// The <c>approx</c> suite: every fp32 perforation and sampling knob of HPVM's table on every ungrouped convolution of
/// the six sample networks, on Knobs' Cpu backend, against the exact convolution of the same layer measured round-robin
/// with it. A knob's theoretical speedup is rate/(rate−1); the goal is 85 % of it. Where the layer's shape lets the
/// knob save less than that (a map with few rows, a filter whose taps do not divide evenly), the row says so: the
/// knob then cannot reach the goal on that layer by construction, and the row carries that reason and the speedup the
/// shape allows instead.
/// </summary>
public static class ApproxSuite
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Share of the theoretical speedup a knob must reach.</summary>
    public const double Goal = 0.85;

    private const string Usage = """
        approx [--threads 1,2] [--batch 16] [--runs 15] [--budget 0.2] [--only TEXT] [--csv FILE]
          Every fp32 perforation and sampling knob (121–138, 231–239) on every ungrouped convolution of the six
          sample networks, speedup over the exact convolution measured round-robin with it (median of --runs rounds
          or more, up to --budget seconds per knob). --only: keep layers whose network or shape contains TEXT.
        """;

    private sealed record Options(int[] Threads, int Batch, int Runs, double Budget, string? Only, string? Csv);

    internal sealed record Row(SampleConv Layer, int Threads, int Knob, ConvApproxParams Params, double ExactMs, double KnobMs,
        double Theory, double ShapeLimit, string? ShapeReason)
    {
        public double Speedup => ExactMs / KnobMs;

        /// <summary>Measured speedup over the theoretical one.</summary>
        public double OfTheory => Speedup / Theory;

        public bool Met => OfTheory >= Goal;
    }

    public static int Run(string[] args)
    {
        Options o;
        try { o = Parse(args); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

        Console.WriteLine($"# Knobs approximation-knob speedups  {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", Inv)} UTC");
        Console.WriteLine($"# cpu: {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical processors; SIMD level: {CpuIsaDetection.Best}");
        Console.WriteLine($"# load average at start: {MachineInfo.LoadAverage()}");
        Console.WriteLine($"# batch {o.Batch}; goal: speedup >= {Goal:P0} of rate/(rate-1) (rate 2: {Goal * 2:0.###}x, 3: {Goal * 1.5:0.###}x, 4: {Goal * 4 / 3:0.###}x)");
        var layers = SampleLayers.All.Where(l => o.Only is null || l.Network.Contains(o.Only, StringComparison.OrdinalIgnoreCase) || l.Name.Contains(o.Only, StringComparison.Ordinal)).ToList();
        var rows = new List<Row>();
        foreach (int threads in o.Threads)
        {
            using var backend = new CpuBackend { Threads = threads };
            foreach (SampleConv layer in layers)
            {
                List<Row> layerRows = Measure(backend, layer, threads, o);
                rows.AddRange(layerRows);
                Console.WriteLine(Describe(layerRows));
            }
        }
        Console.WriteLine();
        Console.WriteLine("# summary");
        foreach (string line in Summary(rows, o.Threads)) Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine(Matrix(rows));
        Console.WriteLine(Shortfalls(rows));
        Console.WriteLine($"# load average at end: {MachineInfo.LoadAverage()}");
        if (o.Csv is not null) KernelReport.WriteAtomic(o.Csv, Csv(rows));
        return 0;
    }

    private static List<Row> Measure(CpuBackend backend, SampleConv layer, int threads, Options o)
    {
        ConvShape s = layer.Shape(o.Batch);
        float[] x = Data.Random(s.InputLength, 1), w = Data.Random(s.FilterLength, 2), y = new float[(long)s.N * s.K * s.OutH * s.OutW];
        var calls = new List<Action> { () => backend.Convolution(s, ConvApproxParams.Exact, x, w, y) };
        foreach (var (_, p) in SampleLayers.Knobs) calls.Add(() => backend.Convolution(s, p, x, w, y));
        double estimate = Kernels.Measure.MedianSeconds(calls[0], 2, 3);
        int runs = Math.Max(o.Runs, (int)Math.Min(400, o.Budget / Math.Max(estimate, 1e-6)));
        double[] medians = Kernels.Measure.Interleaved(calls, 2, runs);
        var rows = new List<Row>(SampleLayers.Knobs.Count);
        for (int i = 0; i < SampleLayers.Knobs.Count; i++)
        {
            var (id, p) = SampleLayers.Knobs[i];
            (double limit, string? reason) = ShapeLimit(s, p);
            rows.Add(new Row(layer, threads, id, p, medians[0] * 1e3, medians[i + 1] * 1e3, Theory(p), limit, reason));
        }
        return rows;
    }

    /// <summary>rate/(rate−1) of the knob's perforation or sampling rate.</summary>
    internal static double Theory(ConvApproxParams p)
    {
        int rate = p.Mode == ConvApproxMode.FilterSampling ? p.SkipEvery : Math.Max(p.Row, p.Col);
        return (double)rate / (rate - 1);
    }

    /// <summary>
    /// Exact multiply-adds over the knob's on this shape (what it can save at most), and, when that is below the goal
    /// share of the theory, why: the lines it skips or the taps it drops on this shape.
    /// </summary>
    internal static (double Limit, string? Reason) ShapeLimit(ConvShape s, ConvApproxParams p)
    {
        double theory = Theory(p);
        double limit;
        string what;
        switch (p.Mode)
        {
            case ConvApproxMode.RowPerforation:
            case ConvApproxMode.ColumnPerforation:
            {
                bool rows = p.Mode == ConvApproxMode.RowPerforation;
                int lines = rows ? s.OutH : s.OutW, rate = rows ? p.Row : p.Col;
                int computed = Perforation.ComputedCount(lines, rate, p.Offset);
                limit = (double)lines / computed;
                what = string.Create(Inv, $"skips {lines - computed} of {lines} output {(rows ? "rows" : "columns")}");
                break;
            }
            default:
            {
                int khkw = s.KH * s.KW, total = s.CPerGroup * khkw;
                int kept = FilterSampling.KeptIndices(s.CPerGroup, khkw, p.SkipEvery, p.Offset).Length;
                limit = (double)total / kept;
                what = string.Create(Inv, $"drops {total - kept} of {total} filter taps");
                break;
            }
        }
        return limit < Goal * theory - 1e-12
            ? (limit, string.Create(Inv, $"shape: on this layer it {what}, so it saves at most {limit:0.00}x, below {Goal:P0} of {theory:0.00}x"))
            : (limit, null);
    }

    private static string Describe(List<Row> rows)
    {
        Row first = rows[0];
        int met = rows.Count(r => r.Met), shape = rows.Count(r => !r.Met && r.ShapeReason is not null);
        var below = rows.Where(r => !r.Met && r.ShapeReason is null).Select(r => string.Create(Inv, $"{r.Knob} {r.Speedup:0.00}x ({r.OfTheory:P0})")).ToList();
        return string.Create(Inv, $"{first.Layer.Network,-18} {first.Layer.Name,-24} thr {first.Threads}: exact {first.ExactMs,8:0.000} ms; {met,2} of {rows.Count} at >= {Goal:P0} of theory")
            + (shape > 0 ? string.Create(Inv, $", {shape} limited by the shape") : "")
            + (below.Count > 0 ? "; below: " + string.Join(", ", below) : "");
    }

    internal static IEnumerable<string> Summary(IReadOnlyList<Row> rows, int[] threads)
    {
        foreach (int t in threads)
        {
            var r = rows.Where(x => x.Threads == t).ToList();
            if (r.Count == 0) continue;
            int met = r.Count(x => x.Met), shape = r.Count(x => !x.Met && x.ShapeReason is not null), below = r.Count - met - shape;
            yield return string.Create(Inv,
                $"threads={t}: {r.Count} knob x layer pairs: {met} at >= {Goal:P0} of theory, {shape} below it where the layer's shape limits the knob (reason in the row), {below} below it without such a reason");
        }
    }

    // Knob columns, one row per layer and thread count: percent of theory, '*' where the shape limits the knob.
    private static string Matrix(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| network | layer | thr | exact ms |");
        foreach (var (id, _) in SampleLayers.Knobs) sb.Append(' ').Append(id.ToString(Inv)).Append(" |");
        sb.AppendLine();
        sb.Append("|---|---|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", SampleLayers.Knobs.Count))).AppendLine();
        foreach (var g in rows.GroupBy(r => (r.Layer, r.Threads)))
        {
            Row first = g.First();
            sb.Append(string.Create(Inv, $"| {first.Layer.Network} | {first.Layer.Name} | {first.Threads} | {first.ExactMs:0.000} |"));
            foreach (Row r in g)
            {
                string mark = r.Met ? "" : r.ShapeReason is not null ? "*" : " **!**";
                sb.Append(string.Create(Inv, $" {r.OfTheory * 100:0}{mark} |"));
            }
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine("Cells: measured speedup as a percentage of rate/(rate-1). `*`: below the goal, and the layer's shape lets the knob save less than the goal (the row's reason below). `!`: below the goal with no such reason.");
        return sb.ToString();
    }

    // One row per knob x layer below the goal, with its reason (or none).
    private static string Shortfalls(IReadOnlyList<Row> rows)
    {
        var below = rows.Where(r => !r.Met).ToList();
        if (below.Count == 0) return "Every knob x layer pair reached the goal.";
        var sb = new StringBuilder();
        sb.AppendLine("| network | layer | thr | knob | mode, rate, offset | speedup | theory | % of theory | shape allows | reason |");
        sb.AppendLine("|---|---|---:|---:|---|---:|---:|---:|---:|---|");
        foreach (Row r in below)
        {
            sb.AppendLine(string.Create(Inv,
                $"| {r.Layer.Network} | {r.Layer.Name} | {r.Threads} | {r.Knob} | {r.Params.Mode} {Math.Max(Math.Max(r.Params.Row, r.Params.Col), r.Params.SkipEvery)}, {r.Params.Offset} | {r.Speedup:0.00}x | {r.Theory:0.00}x | {r.OfTheory * 100:0} % | {r.ShapeLimit:0.00}x | {r.ShapeReason ?? "none"} |"));
        }
        return sb.ToString();
    }

    private static string Csv(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder("network,layer,threads,knob,mode,rate,offset,exact_ms,knob_ms,speedup,theory,of_theory,shape_limit,reason\n");
        foreach (Row r in rows)
        {
            sb.Append(string.Create(Inv,
                $"{r.Layer.Network},{r.Layer.Name},{r.Threads},{r.Knob},{r.Params.Mode},{Math.Max(Math.Max(r.Params.Row, r.Params.Col), r.Params.SkipEvery)},{r.Params.Offset},{r.ExactMs:R},{r.KnobMs:R},{r.Speedup:R},{r.Theory:R},{r.OfTheory:R},{r.ShapeLimit:R},"));
            sb.Append(r.ShapeReason is null ? "" : "\"" + r.ShapeReason + "\"").Append('\n');
        }
        return sb.ToString();
    }

    private static Options Parse(string[] args)
    {
        var o = new Options([1, 2], 16, 15, 0.2, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"approx: {args[i]} needs a value.\n{Usage}");
            int Positive(string text, string option) => int.TryParse(text, NumberStyles.None, Inv, out int v) && v > 0
                ? v : throw new ArgumentException($"approx: {option} expects a positive integer, got '{text}'.");
            o = args[i] switch
            {
                "--threads" => o with { Threads = Next().Split(',').Select(t => Positive(t, "--threads")).ToArray() },
                "--batch" => o with { Batch = Positive(Next(), "--batch") },
                "--runs" => o with { Runs = Positive(Next(), "--runs") },
                "--budget" => o with
                {
                    Budget = double.TryParse(Next(), NumberStyles.Float, Inv, out double b) && b > 0 && b <= 60 ? b : throw new ArgumentException("approx: --budget expects seconds above 0 and at most 60."),
                },
                "--only" => o with { Only = Next() },
                "--csv" => o with { Csv = Next() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"approx: unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        return o;
    }
}
