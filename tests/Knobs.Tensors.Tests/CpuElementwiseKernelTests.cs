using System;
using System.Linq;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Tests.Properties;

namespace Knobs.Tensors.Tests;

/// <summary>
/// The Cpu backend's vector tanh, its 2×2 pooling fast path and its multi-threaded elementwise split, checked against
/// double-precision tanh and the Reference kernels on sizes above and below the parallel threshold.
/// </summary>
public sealed class CpuElementwiseKernelTests
{
    [Theory]
    [MemberData(nameof(CpuIsaAgreementTests.Levels), MemberType = typeof(CpuIsaAgreementTests))]
    public void VectorTanhIsWithinSixUlpOfExactTanhAcrossTheRange(CpuIsa isa)
    {
        var rng = new Random(11);
        float[] x = new float[400_003];
        for (int i = 0; i < 200_000; i++) x[i] = (i - 100_000) / 10_000f; // [−10, 10) in steps of 10⁻⁴
        for (int i = 200_000; i < x.Length; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.NextDouble() * 9 - 7));
        float[] y = new float[x.Length];
        using (var backend = new CpuBackend(isa) { Threads = 2 }) backend.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            float exact = (float)Math.Tanh(x[i]);
            int ulp = Math.Abs(BitConverter.SingleToInt32Bits(y[i]) - BitConverter.SingleToInt32Bits(exact));
            Assert.True(ulp <= 6, $"{isa}: tanh({x[i]:R}) = {y[i]:R}, exact {exact:R} ({ulp} ulp)");
        }
    }

    [Theory]
    [MemberData(nameof(CpuIsaAgreementTests.Levels), MemberType = typeof(CpuIsaAgreementTests))]
    public void VectorTanhKeepsNanSignedZeroAndSaturatesToOne(CpuIsa isa)
    {
        float[] x = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 9.5f, -20f, 1e-30f, -1e-30f, 8.7f, -8.0f, 0.5f, 3e-4f, -5e-4f, 1e38f, -1e38f];
        float[] y = new float[x.Length];
        using (var backend = new CpuBackend(isa) { Threads = 2 }) backend.Tanh(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.True(float.IsNegative(y[1]) && y[1] == 0f, "tanh(−0) is −0");
        Assert.True(!float.IsNegative(y[2]) && y[2] == 0f, "tanh(+0) is +0");
        Assert.Equal(1f, y[3]);
        Assert.Equal(-1f, y[4]);
        Assert.Equal(1f, y[5]);
        Assert.Equal(-1f, y[6]);
        Assert.Equal(1e-30f, y[7]);
        Assert.Equal(-1e-30f, y[8]);
        for (int i = 9; i < x.Length; i++)
            Assert.True(Math.Abs(y[i] - Math.Tanh(x[i])) <= 2.5e-7 * Math.Abs(Math.Tanh(x[i])), $"{isa}: tanh({x[i]:R}) = {y[i]:R}");
    }

    [Theory]
    [InlineData(PoolKind.Max, 16, 32, 32)]
    [InlineData(PoolKind.Mean, 16, 32, 32)]
    [InlineData(PoolKind.Max, 3, 16, 18)]   // a width that leaves a scalar tail
    [InlineData(PoolKind.Mean, 2, 9, 8)]    // odd height: the last row is dropped, as HPVM's integer division does
    [InlineData(PoolKind.Max, 2, 8, 7)]     // odd width
    [InlineData(PoolKind.Min, 2, 8, 8)]     // no fast path for min: the general loops
    public void TwoByTwoPoolingIsBitIdenticalToReferenceOnEveryLevelAndThreadCount(PoolKind kind, int channels, int h, int w)
    {
        float[] data = Tensor.Random([4, channels, h, w], seed: 5).ToArray();
        data[3] = float.NaN; // a NaN window stays NaN
        data[w + 2] = float.NegativeInfinity;
        var shape = new PoolShape(4, channels, h, w, 2, 2, 0, 0, 2, 2);
        float[] expected = new float[4 * channels * shape.OutH * shape.OutW];
        ReferenceKernels.Pooling(shape, kind, data, expected);
        foreach (CpuIsa isa in Enum.GetValues<CpuIsa>().Where(CpuIsaDetection.IsSupported))
            foreach (int threads in new[] { 1, 2 })
            {
                using var backend = new CpuBackend(isa) { Threads = threads };
                float[] actual = new float[expected.Length];
                backend.Pooling(shape, kind, data, actual);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                        $"{kind} {isa} {threads}t: output {i} is {actual[i]:R}, Reference {expected[i]:R}");
                Assert.True(float.IsNaN(actual[1]), $"{kind} {isa} {threads}t: the window holding the NaN (output 1) is {actual[1]:R}");
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ElementwiseOpsSplitOverThreadsEqualReferenceExactly(int threads)
    {
        // 16·64·32·32 elements: alexnet's first activation at batch 16, far above the parallel threshold; plus an odd length.
        foreach (int n in new[] { 16 * 64 * 32 * 32, 100_003, 77 })
        {
            float[] x = Tensor.Random([n], seed: 21).ToArray(), y = Tensor.Random([n], seed: 22).ToArray();
            x[n / 2] = float.NaN;
            using var backend = new CpuBackend { Threads = threads };
            AssertSame($"Add n={n}", z => ReferenceKernels.Add(x, y, z), z => backend.Add(x, y, z), n);
            AssertSame($"Relu n={n}", z => ReferenceKernels.ClippedRelu(x, float.PositiveInfinity, z), z => backend.Relu(x, z), n);
            AssertSame($"ClippedRelu n={n}", z => ReferenceKernels.ClippedRelu(x, 0.25f, z), z => backend.ClippedRelu(x, 0.25f, z), n);
            int c = 64, hw = n / c / 4;
            if (hw == 0) continue;
            int len = 4 * c * hw;
            float[] bias = Tensor.Random([c], seed: 23).ToArray(), gamma = Tensor.Random([c], seed: 24).ToArray();
            float[] variance = bias.Select(v => Math.Abs(v) + 0.1f).ToArray();
            AssertSame($"AddBias n={len}", z => ReferenceKernels.AddBias(4, c, hw, x.AsSpan(0, len), bias, z), z => backend.AddBias(4, c, hw, x.AsSpan(0, len), bias, z), len);
            AssertSame($"BatchNorm n={len}", z => ReferenceKernels.BatchNorm(4, c, hw, x.AsSpan(0, len), gamma, bias, y.AsSpan(0, c), variance, 1e-3f, z),
                z => backend.BatchNorm(4, c, hw, x.AsSpan(0, len), gamma, bias, y.AsSpan(0, c), variance, 1e-3f, z), len);
        }
    }

    private delegate void Kernel(Span<float> output);

    private static void AssertSame(string what, Kernel reference, Kernel candidate, int n)
    {
        float[] expected = new float[n], actual = new float[n];
        reference(expected);
        candidate(actual);
        for (int i = 0; i < n; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{what}: element {i} is {actual[i]:R}, Reference {expected[i]:R}");
    }
}
