using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Tensors.Tests;

/// <summary>fp16 conversion is IEEE binary16 round-to-nearest-even on every backend.</summary>
public sealed class HalfRoundingTests
{
    // fp32 input → expected binary16 bits (hand-derived from the IEEE 754 rules)
    internal static readonly (float Input, ushort Bits, string Why)[] Known =
    [
        (1f, 0x3C00, "one"),
        (-2f, 0xC000, "negative power of two"),
        (0.1f, 0x2E66, "0.1 rounds down to 0x2E66"),
        (1f + MathF.Pow(2, -11), 0x3C00, "tie between 1 and 1+2^-10 goes to the even mantissa (1)"),
        (1f + 3 * MathF.Pow(2, -11), 0x3C02, "tie between 1+2^-10 and 1+2^-9 goes to the even mantissa (1+2^-9)"),
        (1f + MathF.Pow(2, -11) + MathF.Pow(2, -20), 0x3C01, "just above a tie rounds up"),
        (65504f, 0x7BFF, "largest finite half"),
        (65519f, 0x7BFF, "below the overflow midpoint rounds to 65504"),
        (65520f, 0x7C00, "the overflow midpoint rounds to even, which is infinity"),
        (1e6f, 0x7C00, "overflow is infinity"),
        (-1e6f, 0xFC00, "negative overflow is -infinity"),
        (MathF.Pow(2, -14), 0x0400, "smallest normal"),
        (MathF.Pow(2, -24), 0x0001, "smallest subnormal"),
        (MathF.Pow(2, -25), 0x0000, "half the smallest subnormal ties to even zero"),
        (3 * MathF.Pow(2, -25), 0x0002, "1.5 subnormal ulps ties to even (2 ulps)"),
        (MathF.Pow(2, -26), 0x0000, "underflow is zero"),
        (-0f, 0x8000, "negative zero keeps its sign"),
        (float.PositiveInfinity, 0x7C00, "infinity"),
    ];

    public static IEnumerable<object[]> Backends() => BackendCases.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public void ToHalfRoundsToNearestEven(string backend)
    {
        // Tiled 7 times (126 values) so every value also passes through each vector lane of a SIMD conversion, not just a tail loop.
        const int Tiles = 7;
        float[] input = Enumerable.Repeat(Known, Tiles).SelectMany(k => k.Select(v => v.Input)).ToArray();
        ushort[] bits = BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.FromArray(input, input.Length);
            using Tensor h = Ops.ToHalf(x);
            return h.AsHalfSpan().ToArray().Select(BitConverter.HalfToUInt16Bits).ToArray();
        });
        for (int i = 0; i < input.Length; i++)
        {
            var known = Known[i % Known.Length];
            Assert.True(known.Bits == bits[i],
                $"{backend}: {known.Input:R} ({known.Why}) at position {i} became 0x{bits[i]:X4}, expected 0x{known.Bits:X4}.");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NaNStaysNaNThroughHalf(string backend)
    {
        float[] back = BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.FromArray([float.NaN, 1f], 2);
            using Tensor h = Ops.ToHalf(x);
            using Tensor f = Ops.ToFloat(h);
            return f.ToArray();
        });
        Assert.True(float.IsNaN(back[0]));
        Assert.Equal(1f, back[1]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void HalfToFloatIsExactForEveryHalfValue(string backend)
    {
        Half[] all = Enumerable.Range(0, 65536).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
        float[] widened = BackendCases.With(backend, () =>
        {
            using Tensor h = Tensor.Uninitialized(DType.Float16, all.Length);
            all.CopyTo(h.AsHalfSpan());
            using Tensor f = Ops.ToFloat(h);
            return f.ToArray();
        });
        for (int b = 0; b < all.Length; b++)
        {
            float expected = (float)all[b];
            Assert.True(expected.Equals(widened[b]) || (float.IsNaN(expected) && float.IsNaN(widened[b])),
                $"{backend}: half 0x{b:X4} widened to {widened[b]:R}, expected {expected:R}.");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void HalfAddRoundsOperandsAndResultToHalf(string backend)
    {
        // 2049 is not a half (rounds to 2048, ties to even); 2048 + 1 = 2049 rounds to 2048 again.
        float[] sum = BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.FromArray([2049f, 2048f, 0.1f], 3);
            using Tensor y = Tensor.FromArray([0f, 1f, 0.2f], 3);
            using Tensor z = Ops.HalfAdd(x, y);
            Assert.Equal(DType.Float16, z.DType);
            return z.ToArray();
        });
        Assert.Equal(2048f, sum[0]);
        Assert.Equal(2048f, sum[1]);
        Assert.Equal((float)(Half)((float)(Half)0.1f + (float)(Half)0.2f), sum[2]);
    }
}
