using System;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// fp32 ↔ fp16 on 16 lanes at a time with integer SIMD (.NET exposes no F16C intrinsics): round-to-nearest-even,
/// overflow to ±∞, NaN stays NaN, subnormals exact — the same results as <see cref="Half"/>'s conversions.
/// </summary>
internal static unsafe class HalfConversion
{
    public static void ToHalf(float* x, ushort* y, int n, CpuIsa isa)
    {
        int i = 0;
        if (isa == CpuIsa.Avx512)
            for (; i + 32 <= n; i += 32)
                Vector512.Narrow(ToHalfBits(Vector512.Load(x + i).AsUInt32()), ToHalfBits(Vector512.Load(x + i + 16).AsUInt32())).Store(y + i);
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
}
