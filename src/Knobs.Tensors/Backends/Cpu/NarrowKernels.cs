using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// AVX-512 kernels for the last B panel when it holds only 16 or 32 valid columns (small planes at batch 1, e.g.
/// 512×4×4 has 16 columns in all): the 8×48 kernel would spend two thirds or one third of its FMAs on zero padding.
/// 24×16 keeps 24 accumulators busy over three A panels; 8×32 uses 16; 8×16 (the panels left over from 24×16) 8.
/// Same packed layouts and store rules as <see cref="MicroKernels"/>.
/// </summary>
internal static unsafe class NarrowKernels
{
    /// <summary>24 rows (three packed A panels, <paramref name="panelStride"/> floats apart) × 16 columns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Rows24x16(int kc, float* a, nint panelStride, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
        Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default, e4 = default, e5 = default, e6 = default, e7 = default;
        float* a1 = a + panelStride, a2 = a + 2 * panelStride;
        nint ahead = MicroKernels.APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) { Sse.Prefetch0(a + ahead); Sse.Prefetch0(a1 + ahead); Sse.Prefetch0(a2 + ahead); }
            Vector512<float> bv = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0); c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), bv, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), bv, c2); c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), bv, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), bv, c4); c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), bv, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), bv, c6); c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), bv, c7);
            d0 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[0]), bv, d0); d1 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[1]), bv, d1);
            d2 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[2]), bv, d2); d3 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[3]), bv, d3);
            d4 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[4]), bv, d4); d5 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[5]), bv, d5);
            d6 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[6]), bv, d6); d7 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[7]), bv, d7);
            e0 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[0]), bv, e0); e1 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[1]), bv, e1);
            e2 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[2]), bv, e2); e3 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[3]), bv, e3);
            e4 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[4]), bv, e4); e5 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[5]), bv, e5);
            e6 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[6]), bv, e6); e7 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[7]), bv, e7);
            a += MicroKernels.MR; a1 += MicroKernels.MR; a2 += MicroKernels.MR;
            b += MicroKernels.NR;
        }
        Store(c, ldc, accumulate, c0, c1, c2, c3, c4, c5, c6, c7);
        Store(c + 8 * ldc, ldc, accumulate, d0, d1, d2, d3, d4, d5, d6, d7);
        Store(c + 16 * ldc, ldc, accumulate, e0, e1, e2, e3, e4, e5, e6, e7);
    }

    /// <summary>8 rows × 32 columns (chunks at c and c + o1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Rows8x32(int kc, float* a, float* b, float* c, nint ldc, nint o1, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
        nint ahead = MicroKernels.APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) Sse.Prefetch0(a + ahead);
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a[0]); c0 = Vector512.FusedMultiplyAdd(x, b0, c0); d0 = Vector512.FusedMultiplyAdd(x, b1, d0);
            x = Vector512.Create(a[1]); c1 = Vector512.FusedMultiplyAdd(x, b0, c1); d1 = Vector512.FusedMultiplyAdd(x, b1, d1);
            x = Vector512.Create(a[2]); c2 = Vector512.FusedMultiplyAdd(x, b0, c2); d2 = Vector512.FusedMultiplyAdd(x, b1, d2);
            x = Vector512.Create(a[3]); c3 = Vector512.FusedMultiplyAdd(x, b0, c3); d3 = Vector512.FusedMultiplyAdd(x, b1, d3);
            x = Vector512.Create(a[4]); c4 = Vector512.FusedMultiplyAdd(x, b0, c4); d4 = Vector512.FusedMultiplyAdd(x, b1, d4);
            x = Vector512.Create(a[5]); c5 = Vector512.FusedMultiplyAdd(x, b0, c5); d5 = Vector512.FusedMultiplyAdd(x, b1, d5);
            x = Vector512.Create(a[6]); c6 = Vector512.FusedMultiplyAdd(x, b0, c6); d6 = Vector512.FusedMultiplyAdd(x, b1, d6);
            x = Vector512.Create(a[7]); c7 = Vector512.FusedMultiplyAdd(x, b0, c7); d7 = Vector512.FusedMultiplyAdd(x, b1, d7);
            a += MicroKernels.MR;
            b += MicroKernels.NR;
        }
        Store(c, ldc, accumulate, c0, c1, c2, c3, c4, c5, c6, c7);
        Store(c + o1, ldc, accumulate, d0, d1, d2, d3, d4, d5, d6, d7);
    }

    /// <summary>8 rows × 16 columns: the one or two A panels left over when 16 valid columns meet a row count that is not a multiple of 24.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Rows8x16(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        nint ahead = MicroKernels.APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) Sse.Prefetch0(a + ahead);
            Vector512<float> bv = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0); c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), bv, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), bv, c2); c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), bv, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), bv, c4); c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), bv, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), bv, c6); c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), bv, c7);
            a += MicroKernels.MR;
            b += MicroKernels.NR;
        }
        Store(c, ldc, accumulate, c0, c1, c2, c3, c4, c5, c6, c7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, nint ldc, bool accumulate, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2,
        Vector512<float> v3, Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7)
    {
        Store1(c, v0, accumulate); Store1(c + ldc, v1, accumulate); Store1(c + 2 * ldc, v2, accumulate); Store1(c + 3 * ldc, v3, accumulate);
        Store1(c + 4 * ldc, v4, accumulate); Store1(c + 5 * ldc, v5, accumulate); Store1(c + 6 * ldc, v6, accumulate); Store1(c + 7 * ldc, v7, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store1(float* c, Vector512<float> v, bool accumulate)
    {
        if (accumulate) v += Vector512.Load(c);
        v.Store(c);
    }
}
