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
/// back to back in the same run (the peer is a child process), then the summary ratios of the kernel-speed goals: geometric mean of PyTorch/Knobs time over the conv layers at
/// batch 16 and SGEMM 1024 against OpenBLAS, each at least 0.8; perforation and sampling speedups on VGG 64×32×32→64
/// batch 16 of at least 1.7 (rate 2) and 1.35 (rate 3).
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
        string request = string.Format(Inv, "conv {0} {1} {2} {3} {4} {5} {6} {7} 1 {8}",
            batch, layer.C, layer.H, layer.W, layer.K, layer.KH, layer.KW, layer.Pad, layer.Groups);
        (double knobs, double? peerSeconds, string note) = Alternate(o, Call, peer, request);
        return new KernelRow(layer.Network, layer.Name, batch, threads, layer.Flops(batch), knobs, peerSeconds, note);
    }

    private static KernelRow Gemm(KernelOptions o, CpuBackend backend, PeerProcess? peer, int n, int threads)
    {
        float[] a = Data.Random((long)n * n, 3), b = Data.Random((long)n * n, 4), c = new float[n * n];
        void Call() => backend.Gemm(n, n, n, a, b, c);
        (double knobs, double? peerSeconds, string note) = Alternate(o, Call, peer, string.Format(Inv, "gemm {0}", n));
        return new KernelRow("sgemm", n.ToString(Inv), 1, threads, 2.0 * n * n * n, knobs, peerSeconds, note);
    }

    private const int Blocks = 4;

    // Both sides measured in alternating blocks (peer, Knobs, peer, Knobs, ...), each after its own warm-up; the
    // median of each side over all its runs. Load changes during a row then hit both sides alike.
    private static (double Knobs, double? Peer, string Note) Alternate(KernelOptions o, Action call, PeerProcess? peer, string request)
    {
        int runs = Measure.Runs(Measure.MedianSeconds(call, 1, 3), o.MinRuns, o.BudgetSeconds);
        int perBlock = Math.Max(5, (runs + Blocks - 1) / Blocks);
        var knobs = new List<double>();
        var peerTimes = new List<double>();
        string note = peer is null ? "no peer" : "";
        for (int b = 0; b < Blocks; b++)
        {
            if (peer is not null && note.Length == 0)
            {
                (double[]? t, string why) = peer.Request(string.Format(Inv, "{0} {1} {2}", request, b == 0 ? o.Warmup : 1, perBlock));
                if (t is null) note = why;
                else peerTimes.AddRange(t);
            }
            for (int i = 0; i < (b == 0 ? o.Warmup : 1); i++) call();
            knobs.AddRange(Measure.Times(call, perBlock));
        }
        return (Measure.Median(knobs), peerTimes.Count > 0 ? Measure.Median(peerTimes) : null, note);
    }

    // Speedup of each approximation knob over the exact convolution, both on Knobs, same layer (vgg 64x32x32->64, batch 16).
    private static IEnumerable<string> Approximations(KernelOptions o, CpuBackend backend, int threads)
    {
        ConvLayer layer = KernelLayers.ApproxLayer;
        ConvShape s = layer.Shape(16);
        float[] x = Data.Random(s.InputLength, 1), w = Data.Random(s.FilterLength, 2), y = new float[s.OutputLength];
        var calls = new List<Action> { () => backend.Convolution(s, ConvApproxParams.Exact, x, w, y) };
        foreach (var knob in KernelLayers.ApproxKnobs) calls.Add(() => backend.Convolution(s, knob.Params, x, w, y));
        double[] medians = Measure.Interleaved(calls, o.Warmup, Math.Max(o.MinRuns, 60));
        double exact = medians[0];
        var lines = new List<string> { string.Create(Inv, $"threads={threads}: approximations on {layer.Network} {layer.Name} batch 16 (measured round-robin), exact {exact * 1e3:F3} ms:") };
        for (int i = 0; i < KernelLayers.ApproxKnobs.Count; i++)
        {
            var (id, p, goal) = KernelLayers.ApproxKnobs[i];
            double t = medians[i + 1];
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
            double[] m = Measure.Interleaved([() => Ops.Convolution(x, w, 1, 1, 1, 1).Dispose(), () => Ops.HalfConvolution(xh, wh, 1, 1, 1, 1).Dispose()], o.Warmup, o.MinRuns);
            double fp32 = m[0], fp16 = m[1];
            float[] src = Data.Random(s.OutputLength, 5);
            var half = new Half[s.OutputLength];
            double f2h = Measure.MedianSeconds(() => backend.FloatToHalf(src, half), o.Warmup, o.MinRuns);
            double h2f = Measure.MedianSeconds(() => backend.HalfToFloat(half, src), o.Warmup, o.MinRuns);
            (double[]? peerTimes, string note) = peer?.Request(string.Format(Inv, "halfconv 16 {0} {1} {2} {3} {4} {5} {6} 1 1 {7} {8}",
                layer.C, layer.H, layer.W, layer.K, layer.KH, layer.KW, layer.Pad, o.Warmup, o.MinRuns)) ?? (null, "no peer");
            double? peerSeconds = peerTimes is null ? null : Measure.Median(peerTimes);
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
