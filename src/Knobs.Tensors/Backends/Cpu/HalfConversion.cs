using System;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// fp32 ↔ fp16 with integer SIMD, 16 lanes at a time on AVX-512 and 8 on AVX2 (.NET exposes no F16C intrinsics):
/// round-to-nearest-even, overflow to ±∞, NaN stays NaN, subnormals exact — the same results as <see cref="Half"/>'s
/// conversions, whose scalar software path (several times slower) is left for the tail.
/// </summary>
internal static unsafe class HalfConversion
{
    public static void ToHalf(float* x, ushort* y, int n, CpuIsa isa)
    {
        int i = 0;
        if (isa == CpuIsa.Avx512)
            for (; i + 32 <= n; i += 32)
                Vector512.Narrow(ToHalfBits(Vector512.Load(x + i).AsUInt32()), ToHalfBits(Vector512.Load(x + i + 16).AsUInt32())).Store(y + i);
        else if (isa == CpuIsa.Avx2Fma)
            for (; i + 16 <= n; i += 16)
                Vector256.Narrow(ToHalfBits(Vector256.Load(x + i).AsUInt32()), ToHalfBits(Vector256.Load(x + i + 8).AsUInt32())).Store(y + i);
        for (; i < n; i++) y[i] = BitConverter.HalfToUInt16Bits((Half)x[i]);
    }

    public static void ToFloat(ushort* x, float* y, int n, CpuIsa isa)
    {
        int i = 0;
        if (isa == CpuIsa.Avx512)
            for (; i + 32 <= n; i += 32)
            {
                (Vector512<uint> lo, Vector512<uint> hi) = Vector512.Widen(Vector512.Load(x + i));
                ToFloatBits(lo).AsSingle().Store(y + i);
                ToFloatBits(hi).AsSingle().Store(y + i + 16);
            }
        else if (isa == CpuIsa.Avx2Fma)
            for (; i + 16 <= n; i += 16)
            {
                (Vector256<uint> lo, Vector256<uint> hi) = Vector256.Widen(Vector256.Load(x + i));
                ToFloatBits(lo).AsSingle().Store(y + i);
                ToFloatBits(hi).AsSingle().Store(y + i + 8);
            }
        for (; i < n; i++) y[i] = (float)BitConverter.UInt16BitsToHalf(x[i]);
    }

    // F. Giesen's float_to_half_fast3_rtne, branch-free.
    private static Vector512<uint> ToHalfBits(Vector512<uint> f)
    {
        Vector512<uint> sign = f & Vector512.Create(0x80000000u);
        f ^= sign;
        Vector512<uint> f32Infinity = Vector512.Create(255u << 23), f16Max = Vector512.Create((127u + 16) << 23);
        Vector512<uint> denormMagic = Vector512.Create(((127u - 15) + (23 - 10) + 1) << 23);
        Vector512<uint> special = Vector512.ConditionalSelect(Vector512.GreaterThan(f, f32Infinity), Vector512.Create(0x7e00u), Vector512.Create(0x7c00u));
        Vector512<uint> sub = (f.AsSingle() + denormMagic.AsSingle()).AsUInt32() - denormMagic;
        Vector512<uint> odd = (f >> 13) & Vector512<uint>.One;
        Vector512<uint> normal = (f + Vector512.Create(unchecked((uint)((15 - 127) << 23) + 0xfffu)) + odd) >> 13;
        Vector512<uint> o = Vector512.ConditionalSelect(Vector512.LessThan(f, Vector512.Create(113u << 23)), sub, normal);
        o = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(f, f16Max), special, o);
        return o | (sign >> 16);
    }

    // F. Giesen's half_to_float (exact for every half).
    private static Vector512<uint> ToFloatBits(Vector512<uint> h)
    {
        Vector512<uint> shiftedExp = Vector512.Create(0x7c00u << 13);
        Vector512<uint> o = (h & Vector512.Create(0x7fffu)) << 13;
        Vector512<uint> exp = shiftedExp & o;
        o += Vector512.Create((127u - 15) << 23);
        Vector512<uint> infNan = o + Vector512.Create((128u - 16) << 23);
        Vector512<uint> denorm = ((o + Vector512.Create(1u << 23)).AsSingle() - Vector512.Create(113u << 23).AsSingle()).AsUInt32();
        o = Vector512.ConditionalSelect(Vector512.Equals(exp, shiftedExp), infNan, o);
        o = Vector512.ConditionalSelect(Vector512.Equals(exp, Vector512<uint>.Zero), denorm, o);
        return o | ((h & Vector512.Create(0x8000u)) << 16);
    }

    // The same on 8 lanes.
    private static Vector256<uint> ToHalfBits(Vector256<uint> f)
    {
        Vector256<uint> sign = f & Vector256.Create(0x80000000u);
        f ^= sign;
        Vector256<uint> f32Infinity = Vector256.Create(255u << 23), f16Max = Vector256.Create((127u + 16) << 23);
        Vector256<uint> denormMagic = Vector256.Create(((127u - 15) + (23 - 10) + 1) << 23);
        Vector256<uint> special = Vector256.ConditionalSelect(Vector256.GreaterThan(f, f32Infinity), Vector256.Create(0x7e00u), Vector256.Create(0x7c00u));
        Vector256<uint> sub = (f.AsSingle() + denormMagic.AsSingle()).AsUInt32() - denormMagic;
        Vector256<uint> odd = (f >> 13) & Vector256<uint>.One;
        Vector256<uint> normal = (f + Vector256.Create(unchecked((uint)((15 - 127) << 23) + 0xfffu)) + odd) >> 13;
        Vector256<uint> o = Vector256.ConditionalSelect(Vector256.LessThan(f, Vector256.Create(113u << 23)), sub, normal);
        o = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(f, f16Max), special, o);
        return o | (sign >> 16);
    }

    // The same on 8 lanes.
    private static Vector256<uint> ToFloatBits(Vector256<uint> h)
    {
        Vector256<uint> shiftedExp = Vector256.Create(0x7c00u << 13);
        Vector256<uint> o = (h & Vector256.Create(0x7fffu)) << 13;
        Vector256<uint> exp = shiftedExp & o;
        o += Vector256.Create((127u - 15) << 23);
        Vector256<uint> infNan = o + Vector256.Create((128u - 16) << 23);
        Vector256<uint> denorm = ((o + Vector256.Create(1u << 23)).AsSingle() - Vector256.Create(113u << 23).AsSingle()).AsUInt32();
        o = Vector256.ConditionalSelect(Vector256.Equals(exp, shiftedExp), infNan, o);
        o = Vector256.ConditionalSelect(Vector256.Equals(exp, Vector256<uint>.Zero), denorm, o);
        return o | ((h & Vector256.Create(0x8000u)) << 16);
    }
}
