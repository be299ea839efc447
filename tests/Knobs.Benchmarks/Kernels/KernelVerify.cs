using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Benchmarks.Kernels;

/// <summary>
/// Before timing anything: every benchmark layer (batch 1) and every approximation knob, on every SIMD level this
/// processor supports, must equal the Reference backend within 1e-5 relative (to the output's largest magnitude).
/// A speed number for a wrong kernel is worthless.
/// </summary>
internal static class KernelVerify
{
    public static bool Run(Action<string> log)
    {
        var reference = new ReferenceBackend();
        int checks = 0, failures = 0;
        foreach (CpuIsa isa in Enum.GetValues<CpuIsa>())
        {
            if (!CpuIsaDetection.IsSupported(isa)) continue;
            using var cpu = new CpuBackend(isa) { Threads = 2 };
            foreach (ConvLayer layer in KernelLayers.All)
            {
                Check(layer, ConvApproxParams.Exact);
                if (layer == KernelLayers.ApproxLayer)
                    foreach (var knob in KernelLayers.ApproxKnobs) Check(layer, knob.Params);
            }

            void Check(ConvLayer layer, ConvApproxParams a)
            {
                ConvShape s = layer.Shape(1);
                float[] x = Data.Random(s.InputLength, 1), w = Data.Random(s.FilterLength, 2);
                float[] expected = new float[s.OutputLength], actual = new float[s.OutputLength];
                reference.Convolution(s, a, x, w, expected);
                cpu.Convolution(s, a, x, w, actual);
                double error = Data.RelativeError(expected, actual);
                checks++;
                if (error > 1e-5)
                {
                    failures++;
                    log($"VERIFY FAILED: {isa} {layer.Network} {layer.Name} {a}: relative error {error:E2}");
                }
            }
        }
        log($"verify: {checks} layer/knob/SIMD-level checks against Reference, {failures} failed");
        return failures == 0;
    }
}

/// <summary>Deterministic benchmark data and comparisons.</summary>
internal static class Data
{
    public static float[] Random(long length, int seed)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (long i = 0; i < length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }

    public static double RelativeError(float[] expected, float[] actual)
    {
        double scale = 0, worst = 0;
        foreach (float v in expected) scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        return scale == 0 ? worst : worst / scale;
    }
}
