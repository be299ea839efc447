using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Benchmarks.Kernels;

/// <summary>
/// The <c>kernels</c> suite: Knobs' Cpu backend against PyTorch's conv2d and numpy/OpenBLAS SGEMM, each row measured
/// back to back in the same run (the peer is a child process), then the summary ratios of issue 3's Speed section.
/// </summary>
public static class KernelsSuite
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        KernelOptions o;
        try { o = KernelOptions.Parse(args); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

        Console.WriteLine($"# Knobs kernels benchmark  {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", Inv)} UTC");
        Console.WriteLine($"# cpu: {CpuModel()}, {Environment.ProcessorCount} logical processors; SIMD level: {CpuIsaDetection.Best}; .NET {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"# load average at start: {LoadAverage()}");
        if (o.Verify && !KernelVerify.Run(Console.WriteLine)) return 1;

        string script = FindPeerScript();
        var rows = new List<KernelRow>();
        var summary = new List<string>();
        IEnumerable<ConvLayer> layers = KernelLayers.All.Where(l => o.Filter is null || l.Network.Contains(o.Filter, StringComparison.OrdinalIgnoreCase) || l.Name.Contains(o.Filter, StringComparison.OrdinalIgnoreCase));
        foreach (int threads in o.Threads)
        {
            using var backend = new CpuBackend { Threads = threads };
            using PeerProcess? torch = o.Peer ? new PeerProcess(o.Python, script, threads, openBlasThreads: 1) : null;
            using PeerProcess? blas = o.Peer ? new PeerProcess(o.Python, script, threads, openBlasThreads: threads) : null;
            if (torch is not null) Console.WriteLine($"# peer ({threads} thread(s)): {torch.Banner}");
            Console.WriteLine(KernelReport.Header);
            var convRows = new List<KernelRow>();
            foreach (ConvLayer layer in layers)
                foreach (int batch in o.Batches)
                {
                    KernelRow row = Conv(o, backend, torch, layer, batch, threads);
                    Print(rows, row);
                    convRows.Add(row);
                }
            foreach (int n in KernelLayers.GemmSizes)
                Print(rows, Gemm(o, backend, blas, n, threads));

            double? geo = KernelReport.GeometricMean(convRows.Where(r => r.Batch == 16 && r.Ratio is not null).Select(r => r.Ratio!.Value));
            summary.Add($"threads={threads}: geometric mean of PyTorch/Knobs time over conv layers at batch 16: {KernelReport.Verdict(geo, 0.8)}");
            KernelRow? sgemm = rows.FirstOrDefault(r => r.Group == "sgemm" && r.Name == "1024" && r.Threads == threads);
            summary.Add($"threads={threads}: SGEMM 1024 OpenBLAS/Knobs time: {KernelReport.Verdict(sgemm?.Ratio, 0.8)}");
            summary.AddRange(Approximations(o, backend, threads));
            summary.AddRange(Half(o, backend, torch, threads));
        }
        Console.WriteLine();
        Console.WriteLine("# summary");
        foreach (string line in summary) Console.WriteLine(line);
        Console.WriteLine($"# load average at end: {LoadAverage()}");
        if (o.MarkdownOut is not null)
        {
            string md = KernelReport.Markdown(rows) + Environment.NewLine + string.Join(Environment.NewLine, summary.Select(s => "- " + s)) + Environment.NewLine;
            KernelReport.WriteAtomic(o.MarkdownOut, md);
        }
        return 0;
    }

    private static void Print(List<KernelRow> rows, KernelRow row)
    {
        rows.Add(row);
        Console.WriteLine(KernelReport.Line(row));
    }

    private static KernelRow Conv(KernelOptions o, CpuBackend backend, PeerProcess? peer, ConvLayer layer, int batch, int threads)
    {
        ConvShape s = layer.Shape(batch);
        float[] x = Data.Random(s.InputLength, 1), w = Data.Random(s.FilterLength, 2), y = new float[s.OutputLength];
        void Call() => backend.Convolution(s, ConvApproxParams.Exact, x, w, y);
        int runs = Measure.Runs(Measure.MedianSeconds(Call, 1, 3), o.MinRuns, o.BudgetSeconds);
        (double? peerSeconds, string note) = peer?.Request(string.Format(Inv, "conv {0} {1} {2} {3} {4} {5} {6} {7} 1 {8} {9} {10}",
            batch, layer.C, layer.H, layer.W, layer.K, layer.KH, layer.KW, layer.Pad, layer.Groups, o.Warmup, runs)) ?? (null, "no peer");
        double knobs = Measure.MedianSeconds(Call, o.Warmup, runs);
        return new KernelRow(layer.Network, layer.Name, batch, threads, layer.Flops(batch), knobs, peerSeconds, note);
    }

    private static KernelRow Gemm(KernelOptions o, CpuBackend backend, PeerProcess? peer, int n, int threads)
    {
        float[] a = Data.Random((long)n * n, 3), b = Data.Random((long)n * n, 4), c = new float[n * n];
        void Call() => backend.Gemm(n, n, n, a, b, c);
        int runs = Measure.Runs(Measure.MedianSeconds(Call, 1, 3), o.MinRuns, o.BudgetSeconds);
        (double? peerSeconds, string note) = peer?.Request(string.Format(Inv, "gemm {0} {1} {2}", n, o.Warmup, runs)) ?? (null, "no peer");
        double knobs = Measure.MedianSeconds(Call, o.Warmup, runs);
        return new KernelRow("sgemm", n.ToString(Inv), 1, threads, 2.0 * n * n * n, knobs, peerSeconds, note);
    }

    // Speedup of each approximation knob over the exact convolution, both on Knobs, same layer (vgg 64x32x32->64, batch 16).
    private static IEnumerable<string> Approximations(KernelOptions o, CpuBackend backend, int threads)
    {
        ConvLayer layer = KernelLayers.ApproxLayer;
        ConvShape s = layer.Shape(16);
        float[] x = Data.Random(s.InputLength, 1), w = Data.Random(s.FilterLength, 2), y = new float[s.OutputLength];
        double Time(ConvApproxParams a)
        {
            void Call() => backend.Convolution(s, a, x, w, y);
            return Measure.MedianSeconds(Call, o.Warmup, Measure.Runs(Measure.MedianSeconds(Call, 1, 3), o.MinRuns, o.BudgetSeconds));
        }
        double exact = Time(ConvApproxParams.Exact);
        var lines = new List<string> { string.Create(Inv, $"threads={threads}: approximations on {layer.Network} {layer.Name} batch 16, exact {exact * 1e3:F3} ms:") };
        foreach (var (id, p, goal) in KernelLayers.ApproxKnobs)
        {
            double t = Time(p);
            lines.Add(string.Create(Inv, $"    knob {id} ({p.Mode} rate {Math.Max(p.PerforationRate, p.SkipEvery)}): {t * 1e3:F3} ms, speedup {KernelReport.Verdict(exact / t, goal)}"));
        }
        return lines;
    }

    // fp16 through the public ops (HalfConvolution rounds operands to half, runs the fp32 kernel, rounds the result):
    // this CPU has F16C conversions but no fp16 arithmetic, so fp16 can only cost conversions here.
    private static IEnumerable<string> Half(KernelOptions o, CpuBackend backend, PeerProcess? peer, int threads)
    {
        ConvLayer layer = KernelLayers.ApproxLayer;
        ConvShape s = layer.Shape(16);
        IBackend previous = Backend.Current;
        Backend.Current = backend;
        try
        {
            using Tensor x = Tensor.FromArray(Data.Random(s.InputLength, 1), s.N, s.C, s.H, s.W);
            using Tensor w = Tensor.FromArray(Data.Random(s.FilterLength, 2), s.K, s.C, s.KH, s.KW);
            using Tensor xh = Ops.ToHalf(x);
            using Tensor wh = Ops.ToHalf(w);
            double fp32 = Measure.MedianSeconds(() => Ops.Convolution(x, w, 1, 1, 1, 1).Dispose(), o.Warmup, o.MinRuns);
            double fp16 = Measure.MedianSeconds(() => Ops.HalfConvolution(xh, wh, 1, 1, 1, 1).Dispose(), o.Warmup, o.MinRuns);
            float[] src = Data.Random(s.OutputLength, 5);
            var half = new Half[s.OutputLength];
            double f2h = Measure.MedianSeconds(() => backend.FloatToHalf(src, half), o.Warmup, o.MinRuns);
            double h2f = Measure.MedianSeconds(() => backend.HalfToFloat(half, src), o.Warmup, o.MinRuns);
            (double? peerSeconds, string note) = peer?.Request(string.Format(Inv, "halfconv 16 {0} {1} {2} {3} {4} {5} {6} 1 1 {7} {8}",
                layer.C, layer.H, layer.W, layer.K, layer.KH, layer.KW, layer.Pad, o.Warmup, o.MinRuns)) ?? (null, "no peer");
            return
            [
                string.Create(Inv, $"threads={threads}: fp16 on {layer.Network} {layer.Name} batch 16 (Ops level, Float16 tensors in and out): HalfConvolution {fp16 * 1e3:F3} ms vs Convolution {fp32 * 1e3:F3} ms = {fp32 / fp16:F2}x (no fp16 arithmetic on this CPU: operands and result are converted around the fp32 kernel)"),
                string.Create(Inv, $"    conversions of the {s.OutputLength} output elements: f2h {f2h * 1e3:F3} ms ({s.OutputLength / f2h / 1e9:F2} G elem/s), h2f {h2f * 1e3:F3} ms ({s.OutputLength / h2f / 1e9:F2} G elem/s)"),
                peerSeconds is double p
                    ? string.Create(Inv, $"    PyTorch conv2d on float16 tensors: {p * 1e3:F3} ms")
                    : $"    PyTorch conv2d on float16 tensors: not measured ({note})",
            ];
        }
        finally
        {
            Backend.Current = previous;
        }
    }

    private static string FindPeerScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Knobs.Benchmarks", "peers", "kernels_peer.py");
            if (File.Exists(candidate)) return candidate;
        }
        string cwd = Path.Combine(Directory.GetCurrentDirectory(), "tests", "Knobs.Benchmarks", "peers", "kernels_peer.py");
        return File.Exists(cwd) ? cwd : throw new FileNotFoundException("kernels: cannot find tests/Knobs.Benchmarks/peers/kernels_peer.py above the program or the current directory; run from the repository root.");
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return "unknown"; }
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); }
        catch (IOException) { return "unknown"; }
    }
}
