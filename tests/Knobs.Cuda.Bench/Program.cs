using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Benchmarks.Kernels;
using Knobs.Cuda;
using Knobs.Cuda.Bench;
using Knobs.Cuda.Convolution;
using Knobs.Cuda.Nvml;
using Knobs.Tensors.Backends;

// Usage: Knobs.Cuda.Bench --golden <conv-golden folder> --out <report.md> [--python python3] [--peer conv_peer.py] [--quick] [--no-energy]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--backend"))
{
    // Only the tensor backend's check: every op through Ops on the GPU against the Reference backend.
    string outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "gpu-backend.md";
    using var backend = new CudaBackend();
    IReadOnlyList<BackendCheck.Row> checks = BackendCheck.Run(backend);
    var text = new StringBuilder();
    text.AppendLine("# Knobs Cuda backend: every op against the Reference backend").AppendLine();
    text.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {backend.Device.Name}: `Knobs.Cuda.Bench {string.Join(' ', args)}`").AppendLine();
    text.AppendLine($"Error: max |gpu − reference| / max(|reference|, 1e-2); fp32 passes at {BackendCheck.Fp32Tolerance:0e0}, half (against the Reference backend's half semantics) at {BackendCheck.HalfTolerance:0.######}.").AppendLine();
    text.AppendLine("| op | precision | error | pass |").AppendLine("| --- | --- | --- | --- |");
    foreach (BackendCheck.Row row in checks)
        text.AppendLine($"| {row.Op} | {(row.Half ? "fp16" : "fp32")} | {(row.Failure ?? row.Error.ToString("0.00e0", CultureInfo.InvariantCulture))} | {(row.Pass ? "yes" : "NO")} |");
    text.AppendLine().AppendLine($"{checks.Count(r => r.Pass)} of {checks.Count} pass.");
    Console.Write(text);
    File.WriteAllText(outPath, text.ToString());
    return checks.All(r => r.Pass) ? 0 : 1;
}
var options = Options.Parse(args);
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}
var wall = Stopwatch.StartNew();

using CudaDevice device = CudaDevice.Open();
CudaStack stack = CudaStack.Read(device);
using NvmlDevice nvml = NvmlDevice.Open(device.PciBusId);
GpuInfo before = nvml.ReadInfo();
string target = CudaStack.KernelTarget(device);

Say("# Knobs GPU kernels: HPVM golden convolutions, timings against PyTorch, NVML energy");
Say("");
Say($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: `Knobs.Cuda.Bench {string.Join(' ', args)}`");
Say("");
Say("## GPU");
Say("");
Say($"- CUDA device {device.Ordinal}: {device.Name}, compute capability {device.ComputeCapability.Major}.{device.ComputeCapability.Minor}, {device.Multiprocessors} SMs, {device.TotalMemory / (1L << 30)} GiB, PCI {device.PciBusId}");
Say($"- NVML at start: {before}");
Say($"- CUDA driver API {stack.DriverApiVersion}, NVRTC {stack.NvrtcVersion} (kernels built for {target}), cuDNN {stack.CudnnVersion}, cuBLAS {stack.CublasVersion}");
foreach (var (lib, from) in stack.LoadedFrom) Say($"- {lib}: {from}");
Say("");

using var conv = new CudaConvolution(device);
var gpu = new GpuRunner(device, conv);

// ---- golden ------------------------------------------------------------------------------------------------------
IReadOnlyList<GoldenCase> golden = GoldenCase.LoadAll(options.Golden);
IReadOnlyList<GoldenResult> results = GoldenCheck.Run(gpu, golden);
Say("## HPVM golden convolutions on the GPU");
Say("");
Say($"{golden.Count} cases of `conv-golden` (HPVM's own CPU kernels), each run in fp32 and fp16 on the GPU.");
Say($"fp32 error: max over elements of |gpu − hpvm| / max(|hpvm|, 1e-2·scale), scale = max |hpvm| (the CPU golden test's measure); tolerance {Errors.Fp32Tolerance:0e0}.");
Say($"fp16 error: max |gpu − hpvm| / scale, against HPVM's fp32 output; tolerance 2^-8 = {Errors.Fp16Tolerance:0.000000} (16 half-precision ulps at the output's largest magnitude: operands and result are rounded to half, unit roundoff 2^-11).");
Say("\"vs CPU half\" is the same measure against the CPU backend's fp16 semantics (operands rounded to half, fp32 arithmetic, result rounded to half).");
Say("");
Say("| knob family | cases | fp32 pass | fp32 max rel error | fp16 pass | fp16 max error / scale | fp16 vs CPU half |");
Say("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var family in results.GroupBy(r => r.Case.Family))
{
    var f32 = family.Where(r => r.Precision == CudaPrecision.Float32).ToArray();
    var f16 = family.Where(r => r.Precision == CudaPrecision.Float16).ToArray();
    Say($"| {family.Key} | {f32.Length} | {f32.Count(r => r.Pass)}/{f32.Length} | {Max(f32.Select(r => r.Error)):0.00e0} | {f16.Count(r => r.Pass)}/{f16.Length} | {Max(f16.Select(r => r.Error)):0.00e0} | {Max(f16.Select(r => r.ErrorVsCpuHalf)):0.00e0} |");
}
Say("");
Say("Per knob (all 7 shapes):");
Say("");
Say("| knob | row col skip offset | fp32 max rel error | fp16 max error / scale | pass |");
Say("| --- | --- | --- | --- | --- |");
foreach (var knob in results.GroupBy(r => r.Case.Knob).OrderBy(g => g.Key))
{
    ConvApproxParams p = knob.First().Case.Params;
    Say($"| {knob.Key} | {p.Row} {p.Col} {p.SkipEvery} {p.Offset} | {Max(knob.Where(r => r.Precision == CudaPrecision.Float32).Select(r => r.Error)):0.00e0} | {Max(knob.Where(r => r.Precision == CudaPrecision.Float16).Select(r => r.Error)):0.00e0} | {knob.Count(r => r.Pass)}/{knob.Count()} |");
}
foreach (GoldenResult failed in results.Where(r => !r.Pass))
    Say($"- FAILED {failed.Case.File} {failed.Precision}: error {failed.Error:0.00e0}{(failed.Failure is null ? "" : " — " + failed.Failure)}");
Say("");

// ---- large shapes against the CPU reference -------------------------------------------------------------------------
Say("## Sample layers (batch 2) against the CPU Reference backend");
Say("");
Say("The timed knobs on the large layers, checked element by element. fp32: the GPU and the CPU Reference backend (fp32 sums in loop order) each against the same convolution accumulated in fp64, measure and tolerance as the golden fp32 check. fp16: the GPU against the CPU backend's half semantics (operands rounded to half, result rounded to half), measure and tolerance as the golden fp16 check.");
Say("");
Say("| layer | knob | fp32 GPU vs fp64 | fp32 CPU Reference vs fp64 | fp16 GPU vs CPU half | how (fp32 / fp16) |");
Say("| --- | --- | --- | --- | --- | --- |");
bool largePass = true;
foreach (ConvLayer layer in Layers.Large)
    foreach (var (id, knob) in new[] { (11, ConvApproxParams.Exact) }.Concat(Layers.Knobs))
    {
        ConvShape s = layer.Shape(2);
        var rng = new Random(id);
        float[] x = Enumerable.Range(0, (int)s.InputLength).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        float[] w = Enumerable.Range(0, (int)s.FilterLength).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        float[] exact64 = Oracle.Convolution(s, knob, x, w);
        double e32 = Errors.Relative(gpu.Run(s, knob, CudaPrecision.Float32, x, w), exact64);
        double cpu32 = Errors.Relative(GpuRunner.Reference(s, knob, false, x, w), exact64);
        double e16 = Errors.OfScale(gpu.Run(s, knob, CudaPrecision.Float16, x, w), GpuRunner.Reference(s, knob, true, x, w));
        largePass &= e32 <= Errors.Fp32Tolerance && e16 <= Errors.Fp16Tolerance;
        Say($"| {layer.Label} | {id} | {e32:0.00e0}{(e32 <= Errors.Fp32Tolerance ? "" : " (over 1e-5)")} | {cpu32:0.00e0} | {e16:0.00e0}{(e16 <= Errors.Fp16Tolerance ? "" : " (over 2^-8)")} | {conv.Describe(s, knob, CudaPrecision.Float32)} / {conv.Describe(s, knob, CudaPrecision.Float16)} |");
    }
Say("");

// ---- timings ------------------------------------------------------------------------------------------------------
var exact = new Dictionary<string, (ConvLayer Layer, int Batch, CudaPrecision P, GpuTime T, string Algo)>();
var approx = new List<(ConvLayer Layer, int Batch, CudaPrecision P, int Knob, GpuTime T, string Algo)>();
var precisions = new[] { CudaPrecision.Float32, CudaPrecision.Float16 };
IEnumerable<ConvLayer> timedLayers = options.Quick ? Layers.Large : Layers.All;
foreach (ConvLayer layer in timedLayers)
    foreach (int batch in Layers.Batches)
        foreach (CudaPrecision p in precisions)
        {
            ConvShape s = layer.Shape(batch);
            using var data = new TimedCase(device, s, p, seed: batch);
            GpuTime t = Timing.Measure(device, () => data.Run(conv, s, ConvApproxParams.Exact, p));
            exact[Key(layer, batch, p)] = (layer, batch, p, t, conv.Describe(s, ConvApproxParams.Exact, p));
            Console.WriteLine($"exact {layer.Label} b{batch} {p}: {t.MedianMs:0.0000} ms");
            if (!Layers.Large.Contains(layer)) continue;
            foreach (var (id, knob) in Layers.Knobs)
            {
                GpuTime ta = Timing.Measure(device, () => data.Run(conv, s, knob, p));
                approx.Add((layer, batch, p, id, ta, conv.Describe(s, knob, p)));
                Console.WriteLine($"knob {id} {layer.Label} b{batch} {p}: {ta.MedianMs:0.0000} ms");
            }
        }

var peerCases = exact.Values.Select(e => new PeerCase(Key(e.Layer, e.Batch, e.P), e.Layer.Shape(e.Batch), e.P == CudaPrecision.Float16)).ToList();
var (torch, banner) = PeerRunner.Run(options.Python, options.Peer, peerCases);

Say("## Exact convolution against PyTorch F.conv2d");
Say("");
Say($"PyTorch: {banner}; `torch.backends.cudnn.benchmark = True`, `allow_tf32 = False` (cuDNN and matmul). Knobs: cuDNN 9 through its legacy API, algorithm from cudnnFindConvolutionForwardAlgorithmEx, fp32 with CUDNN_FMA_MATH (no TF32), fp16 with CUDNN_TENSOR_OP_MATH and fp32 accumulation.");
Say($"Both sides: CUDA events around a loop of ~{Timing.LoopMs} ms on one stream after 10+10 warm-up calls, median of {Timing.Repeats} loops, ms per call. Speed ratio = PyTorch time / Knobs time (≥ 1: Knobs as fast or faster).");
Say("");
Say("| layer | batch | fp32 Knobs ms | fp32 PyTorch ms | fp32 ratio | fp16 Knobs ms | fp16 PyTorch ms | fp16 ratio | algos (fp32 / fp16) |");
Say("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
var ratios = new Dictionary<CudaPrecision, List<double>> { [CudaPrecision.Float32] = [], [CudaPrecision.Float16] = [] };
foreach (ConvLayer layer in timedLayers)
    foreach (int batch in Layers.Batches)
    {
        var cells = new List<string>();
        foreach (CudaPrecision p in precisions)
        {
            var e = exact[Key(layer, batch, p)];
            if (torch.TryGetValue(Key(layer, batch, p), out GpuTime? tt))
            {
                double ratio = tt.MedianMs / e.T.MedianMs;
                ratios[p].Add(ratio);
                cells.Add($"{e.T.MedianMs:0.0000} | {tt.MedianMs:0.0000} | {ratio:0.00}");
            }
            else
            {
                cells.Add($"{e.T.MedianMs:0.0000} | not measured | –");
            }
        }
        Say($"| {layer.Label} | {batch} | {string.Join(" | ", cells)} | {exact[Key(layer, batch, CudaPrecision.Float32)].Algo} / {exact[Key(layer, batch, CudaPrecision.Float16)].Algo} |");
    }
Say("");
foreach (CudaPrecision p in precisions)
    Say(ratios[p].Count > 0
        ? $"- {p}: geometric mean speed ratio vs PyTorch {Geomean(ratios[p]):0.000} over {ratios[p].Count} layer×batch cases (min {ratios[p].Min():0.00}, max {ratios[p].Max():0.00})"
        : $"- {p}: PyTorch not measured");
Say("");

Say("## Approximation knobs: speedup over exact of the same precision");
Say("");
Say("| layer | batch | precision | knob | ms | exact ms | speedup | PyTorch exact ms | vs PyTorch | how |");
Say("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var a in approx)
{
    var e = exact[Key(a.Layer, a.Batch, a.P)];
    string peer = torch.TryGetValue(Key(a.Layer, a.Batch, a.P), out GpuTime? tt) ? $"{tt.MedianMs:0.0000} | {tt.MedianMs / a.T.MedianMs:0.00}" : "not measured | –";
    Say($"| {a.Layer.Label} | {a.Batch} | {a.P} | {a.Knob} | {a.T.MedianMs:0.0000} | {e.T.MedianMs:0.0000} | {e.T.MedianMs / a.T.MedianMs:0.00} | {peer} | {a.Algo} |");
}
Say("");

// ---- energy ---------------------------------------------------------------------------------------------------------
Say("## Energy (NVML total-energy counter)");
Say("");
if (options.NoEnergy)
{
    Say("Not measured (--no-energy).");
}
else
{
    Say($"Each op repeated in batches of ~50 ms until at least {EnergyMeter.MinimumPeriods} counter periods ({EnergyMeter.CounterPeriod.TotalMilliseconds:0} ms each) passed; energy = counter difference / calls. Includes the GPU's idle power over the span.");
    Say("");
    Say("| layer | batch | precision | knob | mJ per call | mean W | span s | calls |");
    Say("| --- | --- | --- | --- | --- | --- | --- | --- |");
    var meter = new EnergyMeter(nvml);
    foreach (ConvLayer layer in Layers.Large)
        foreach (CudaPrecision p in precisions)
        {
            ConvShape s = layer.Shape(128);
            using var data = new TimedCase(device, s, p, seed: 128);
            foreach (var (id, knob) in new[] { (11, ConvApproxParams.Exact) }.Concat(Layers.Knobs))
            {
                double ms = id == 11 ? exact[Key(layer, 128, p)].T.MedianMs : approx.First(a => a.Layer == layer && a.Batch == 128 && a.P == p && a.Knob == id).T.MedianMs;
                EnergyReading r = EnergyOf.Measure(device, meter, () => data.Run(conv, s, knob, p), ms);
                Say(r.Measured
                    ? $"| {layer.Label} | 128 | {p} | {id} | {r.JoulesPerOp * 1000:0.0000} | {r.MeanWatts:0.0} | {r.Span.TotalSeconds:0.00} | {r.Ops} |"
                    : $"| {layer.Label} | 128 | {p} | {id} | not measured ({r.Reason}) | – | {r.Span.TotalSeconds:0.00} | {r.Ops} |");
            }
        }
}
Say("");
Say($"NVML at end: {nvml.ReadInfo()}");
Say("");
Say($"Harness wall time {wall.Elapsed.TotalSeconds:0} s.");

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
File.WriteAllText(options.Out, report.ToString());
Console.WriteLine($"wrote {options.Out}");
return results.All(r => r.Pass) && largePass ? 0 : 1;

static string Key(ConvLayer layer, int batch, CudaPrecision p) => $"{layer.Network}_{layer.C}x{layer.H}x{layer.W}_{layer.K}_{layer.KH}x{layer.KW}_g{layer.Groups}_b{batch}_{(p == CudaPrecision.Float16 ? "f16" : "f32")}";
static double Max(IEnumerable<double> v) => v.DefaultIfEmpty(double.NaN).Max();
static double Geomean(IEnumerable<double> v) => Math.Exp(v.Average(Math.Log));

internal sealed record Options(string Golden, string Out, string Python, string Peer, bool Quick, bool NoEnergy)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        return new Options(
            Value("--golden") ?? throw new ArgumentException("--golden <conv-golden folder> is required."),
            Value("--out") ?? "gpu-kernels.md",
            Value("--python") ?? "python3",
            Value("--peer") ?? Path.Combine(AppContext.BaseDirectory, "peers", "conv_peer.py"),
            args.Contains("--quick"),
            args.Contains("--no-energy"));
    }
}
