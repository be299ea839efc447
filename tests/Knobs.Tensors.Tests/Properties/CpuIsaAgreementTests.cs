using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>
/// The Cpu backend's fallback SIMD levels (AVX2+FMA, scalar) equal the Reference too: a machine without AVX-512 runs
/// them, so they are tested here on every level this processor supports.
/// </summary>
public sealed class CpuIsaAgreementTests
{
    public static IEnumerable<object[]> Levels() =>
        Enum.GetValues<CpuIsa>().Where(CpuIsaDetection.IsSupported).Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Levels))]
    public void EverySupportedSimdLevelMatchesReference(CpuIsa isa)
    {
        var backend = new CpuBackend(isa);
        try
        {
            void Check(string what, Func<Tensor> op, double tol) => Agreement.CheckOne(what, op, tol, backend, $"Cpu/{isa}");
            Check("Convolution 3x3", () => { using Tensor x = Tensor.Random([3, 24, 13, 11], seed: 81), w = Tensor.Random([40, 24, 3, 3], seed: 82); return Ops.Convolution(x, w, 1, 1, 1, 1); }, Agreement.Fp32);
            Check("Convolution 11x11 stride 2", () => { using Tensor x = Tensor.Random([2, 3, 20, 19], seed: 83), w = Tensor.Random([9, 3, 11, 11], seed: 84); return Ops.Convolution(x, w, 5, 5, 2, 2); }, Agreement.Fp32);
            Check("Convolution 1x1", () => { using Tensor x = Tensor.Random([2, 32, 9, 9], seed: 85), w = Tensor.Random([64, 32, 1, 1], seed: 86); return Ops.Convolution(x, w, 0, 0, 1, 1); }, Agreement.Fp32);
            Check("ConvApprox row 3", () => { using Tensor x = Tensor.Random([3, 24, 13, 11], seed: 81), w = Tensor.Random([40, 24, 3, 3], seed: 82); return Ops.ConvApprox(x, w, 1, 1, 1, 1, 3, 1, 1, 1); }, Agreement.Fp32);
            Check("ConvApprox col 2", () => { using Tensor x = Tensor.Random([3, 24, 13, 11], seed: 81), w = Tensor.Random([40, 24, 3, 3], seed: 82); return Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, 2, 1, 0); }, Agreement.Fp32);
            Check("ConvApprox skip 3", () => { using Tensor x = Tensor.Random([3, 24, 13, 11], seed: 81), w = Tensor.Random([40, 24, 3, 3], seed: 82); return Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, 1, 3, 2); }, Agreement.Fp32);
            Check("Depthwise stride 2", () => { using Tensor x = Tensor.Random([2, 32, 15, 15], seed: 87), w = Tensor.Random([32, 1, 3, 3], seed: 88); return Ops.GroupConvolution(x, w, 1, 1, 2, 2, 32); }, Agreement.Fp32);
            Check("Gemm", () => { using Tensor x = Tensor.Random([17, 300], seed: 89), w = Tensor.Random([300, 130], seed: 90); return Ops.Gemm(x, w); }, Agreement.Fp32);
            Check("HalfConvolution", () => { using Tensor x = Tensor.Random([2, 8, 9, 9], seed: 91), w = Tensor.Random([16, 8, 3, 3], seed: 92); return Ops.HalfConvolution(x, w, 1, 1, 1, 1); }, Agreement.Fp16);
            Check("Relu", () => { using Tensor x = Tensor.Random([3, 5, 7, 9], seed: 93); return Ops.Relu(x); }, Agreement.Fp32);
            Check("Tanh", () => { using Tensor x = Tensor.Random([3, 5, 7, 9], seed: 93); return Ops.Tanh(x); }, Agreement.Fp32);
            Check("Pooling max", () => { using Tensor x = Tensor.Random([3, 5, 9, 9], seed: 94); return Ops.Pooling(x, PoolKind.Max, 3, 3, 1, 1, 2, 2); }, Agreement.Fp32);
            Check("Pooling mean", () => { using Tensor x = Tensor.Random([3, 5, 8, 8], seed: 94); return Ops.Pooling(x, PoolKind.Mean, 2, 2, 0, 0, 2, 2); }, Agreement.Fp32);
            Check("ToHalf", () => { using Tensor x = Tensor.Random([1000], seed: 95); return Ops.ToHalf(x); }, 0);
            float[] edges = Enumerable.Repeat(HalfRoundingTests.Known, 7).SelectMany(k => k.Select(v => v.Input)).ToArray();
            ushort[] bits = BackendCases.With(backend, () =>
            {
                using Tensor x = Tensor.FromArray(edges, edges.Length);
                using Tensor h = Ops.ToHalf(x);
                return h.AsHalfSpan().ToArray().Select(BitConverter.HalfToUInt16Bits).ToArray();
            });
            for (int i = 0; i < edges.Length; i++)
                Assert.True(HalfRoundingTests.Known[i % HalfRoundingTests.Known.Length].Bits == bits[i], $"Cpu/{isa}: ToHalf({edges[i]:R}) = 0x{bits[i]:X4}");
        }
        finally
        {
            backend.Dispose();
        }
    }

    public static IEnumerable<object[]> ColumnCases()
    {
        // Shapes whose kept columns make every kind of packed chunk: one window or two per 8-column half (a row's end
        // inside a chunk), rows narrower than a chunk, 5x5 filters over a 1-channel 28x28 map, 8x8 and 4x4 maps, and
        // every rate and offset of HPVM's column perforation knobs.
        foreach (CpuIsa isa in Enum.GetValues<CpuIsa>().Where(CpuIsaDetection.IsSupported))
            foreach ((int c, int h, int k, int kernel) in new[] { (16, 32, 8, 3), (1, 28, 8, 5), (4, 14, 8, 5), (8, 8, 16, 3), (8, 4, 16, 3), (5, 13, 8, 3), (8, 2, 16, 3) })
                foreach (int rate in new[] { 2, 3, 4 })
                    for (int offset = 0; offset < rate; offset++)
                        yield return new object[] { isa, c, h, k, kernel, rate, offset };
    }

    [Theory]
    [MemberData(nameof(ColumnCases))]
    public void ColumnPerforationOnEverySimdLevelMatchesReference(CpuIsa isa, int c, int h, int k, int kernel, int rate, int offset)
    {
        using var backend = new CpuBackend(isa);
        int pad = kernel / 2;
        Agreement.CheckOne($"ConvApprox {c}x{h}x{h}->{k} {kernel}x{kernel} col {rate} offset {offset}", () =>
        {
            using Tensor x = Tensor.Random([3, c, h, h], seed: 101), w = Tensor.Random([k, c, kernel, kernel], seed: 102);
            return Ops.ConvApprox(x, w, pad, pad, 1, 1, 1, rate, 1, offset);
        }, Agreement.Fp32, backend, $"Cpu/{isa}");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void APerforationThatSkipsNoLineOfA2x2OutputIsTheExactConvolution(CpuIsa isa)
    {
        using var backend = new CpuBackend(isa);
        using Tensor x = Tensor.Random([2, 8, 2, 2], seed: 105), w = Tensor.Random([16, 8, 3, 3], seed: 106);
        float[] exact = BackendCases.With(backend, () => { using Tensor y = Ops.Convolution(x, w, 1, 1, 1, 1); return y.ToArray(); });
        // Rate 3 offset 2 and rate 4 offsets 2 and 3 skip lines 2 or 3, which a 2-line output does not have.
        foreach ((int row, int col, int offset) in new[] { (3, 1, 2), (4, 1, 2), (4, 1, 3), (1, 3, 2), (1, 4, 3) })
        {
            float[] approx = BackendCases.With(backend, () => { using Tensor y = Ops.ConvApprox(x, w, 1, 1, 1, 1, row, col, 1, offset); return y.ToArray(); });
            Assert.Equal(exact, approx);
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void StridedConvolutionsOfTheSamplesOnEverySimdLevelMatchReference(CpuIsa isa)
    {
        using var backend = new CpuBackend(isa);
        foreach ((int c, int h, int k, int kernel) in new[] { (16, 32, 32, 3), (16, 32, 32, 1), (32, 16, 64, 3), (32, 16, 64, 1), (3, 9, 8, 3) })
        {
            int pad = kernel / 2;
            Agreement.CheckOne($"Convolution {c}x{h}x{h}->{k} {kernel}x{kernel} stride 2", () =>
            {
                using Tensor x = Tensor.Random([2, c, h, h], seed: 103), w = Tensor.Random([k, c, kernel, kernel], seed: 104);
                return Ops.Convolution(x, w, pad, pad, 2, 2);
            }, Agreement.Fp32, backend, $"Cpu/{isa}");
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void HalfConversionsOnEverySimdLevelMatchDotNetsHalfForEveryHalfAndEveryRoundingBoundary(CpuIsa isa)
    {
        // Every half value widened; then, narrowed, every half's own value, the midpoints to its neighbours (ties go to
        // even) and the floats one ulp either side of them, in an order that puts each kind on vector lanes and tails.
        float[] halves = Enumerable.Range(0, 65536).Select(b => (float)BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
        var narrow = new List<float>();
        foreach (float v in halves.Where(float.IsFinite))
        {
            float next = (float)BitConverter.UInt16BitsToHalf((ushort)(BitConverter.HalfToUInt16Bits((Half)v) + 1));
            float mid = float.IsFinite(next) ? (v + next) / 2 : v * 1.0005f;
            narrow.AddRange([v, mid, MathF.BitDecrement(mid), MathF.BitIncrement(mid), -mid]);
        }
        narrow.AddRange([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 65520f, 65519.996f, 1e-8f, -1e-8f, 3e38f]);
        using var backend = new CpuBackend(isa) { Threads = 2 };

        var widened = new float[65536];
        backend.HalfToFloat(Enumerable.Range(0, 65536).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).ToArray(), widened);
        for (int b = 0; b < 65536; b++)
            Assert.True(halves[b].Equals(widened[b]), $"Cpu/{isa}: half 0x{b:X4} widened to {widened[b]:R}, expected {halves[b]:R}");

        float[] input = narrow.ToArray();
        var rounded = new Half[input.Length];
        backend.FloatToHalf(input, rounded);
        for (int i = 0; i < input.Length; i++)
        {
            Half expected = (Half)input[i];
            Assert.True(Half.IsNaN(expected) ? Half.IsNaN(rounded[i]) : BitConverter.HalfToUInt16Bits(expected) == BitConverter.HalfToUInt16Bits(rounded[i]),
                $"Cpu/{isa}: {input[i]:R} narrowed to 0x{BitConverter.HalfToUInt16Bits(rounded[i]):X4}, expected 0x{BitConverter.HalfToUInt16Bits(expected):X4}");
        }
    }
}
