using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// The register-blocked SGEMM micro-kernels: an 8×48 tile of C from a packed A panel (kc × 8, k-major) and a packed
/// B panel (kc × 48, k-major). Columns come in three chunks of 16; chunk g of row i is stored at
/// <c>c + g-offset + i·ldc</c>, so one tile may span images (batch merged into the column dimension).
/// </summary>
internal static unsafe class MicroKernels
{
    public const int MR = 8;
    public const int NR = 48;

    /// <summary>
    /// How far ahead, in floats (one 8×256 packed A panel), the AVX-512 kernels prefetch packed A. A network's packed filters
    /// are no longer in L3 when their layer comes round again (alexnet's are 10 MB), so every A panel's first pass waited on
    /// memory. Prefetching A one panel ahead hides the memory latency of filters that fell out of L3; a network whose
    /// filters stay in cache, and a warm repeated call, neither gain nor lose. The distance is not critical: half or
    /// twice a panel does as well.
    /// </summary>
    internal const int APrefetchDistance = 2048;

    /// <summary>
    /// Set (by <see cref="GemmOptions.Current"/>, for measuring) to turn the A prefetch off. Its default is the
    /// field's zero on purpose: a static initializer here gives the class a static constructor, and the kernels
    /// (AggressiveOptimization, so compiled before it has run) then ran several times slower.
    /// </summary>
    internal static bool APrefetchOff;

    /// <summary>The A prefetch distance every AVX-512 kernel reads once before its loop: <see cref="APrefetchDistance"/>, or 0 (none).</summary>
    internal static nint APrefetch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => APrefetchOff ? 0 : APrefetchDistance;
    }

    /// <summary>
    /// The tile's C from the packed panels; <paramref name="epilogue"/> (AVX-512 only; null: none) is applied to the sums in
    /// registers before they are stored (see <see cref="TileEpilogue"/>).
    /// </summary>
    public static void Run(CpuIsa isa, int kc, float* a, float* b, float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* epilogue = null)
    {
        if (isa == CpuIsa.Avx512) Avx512(kc, a, b, c, ldc, o1, o2, accumulate, epilogue);
        else if (isa == CpuIsa.Avx2Fma)
        {
            for (int half = 0; half < 2; half++)
            {
                float* cc = c + half * 4 * ldc;
                Avx2Quarter(kc, a + half * 4, b, cc, ldc, 0, 8, o1, accumulate);
                Avx2Quarter(kc, a + half * 4, b + 24, cc, ldc, o1 + 8, o2, o2 + 8, accumulate);
            }
        }
        else Scalar(kc, a, b, c, ldc, o1, o2, accumulate);
    }

    // 24 zmm accumulators (8 rows × 3 chunks); A broadcasts fold into the FMA as embedded broadcasts.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Avx512(int kc, float* a, float* b, float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* e)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        nint ahead = APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) Sse.Prefetch0(a + ahead);
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), b2 = Vector512.Load(b + 32);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01); c02 = Vector512.FusedMultiplyAdd(x, b2, c02);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11); c12 = Vector512.FusedMultiplyAdd(x, b2, c12);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21); c22 = Vector512.FusedMultiplyAdd(x, b2, c22);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31); c32 = Vector512.FusedMultiplyAdd(x, b2, c32);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41); c42 = Vector512.FusedMultiplyAdd(x, b2, c42);
            x = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51); c52 = Vector512.FusedMultiplyAdd(x, b2, c52);
            x = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61); c62 = Vector512.FusedMultiplyAdd(x, b2, c62);
            x = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71); c72 = Vector512.FusedMultiplyAdd(x, b2, c72);
            a += MR;
            b += NR;
        }
        Store8x3(c, ldc, o1, o2, accumulate, e, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72);
    }

    // As Avx512 but B is read in place (implicit im2col, no packing): chunk g of row k at s_g + rowOff[k].
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Avx512Direct(int kc, float* a, float* s0, float* s1, float* s2, int* rowOff, float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* e)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        nint ahead = APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) Sse.Prefetch0(a + ahead);
            nint r = rowOff[k];
            Vector512<float> b0 = Vector512.Load(s0 + r), b1 = Vector512.Load(s1 + r), b2 = Vector512.Load(s2 + r);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01); c02 = Vector512.FusedMultiplyAdd(x, b2, c02);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11); c12 = Vector512.FusedMultiplyAdd(x, b2, c12);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21); c22 = Vector512.FusedMultiplyAdd(x, b2, c22);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31); c32 = Vector512.FusedMultiplyAdd(x, b2, c32);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41); c42 = Vector512.FusedMultiplyAdd(x, b2, c42);
            x = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51); c52 = Vector512.FusedMultiplyAdd(x, b2, c52);
            x = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61); c62 = Vector512.FusedMultiplyAdd(x, b2, c62);
            x = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71); c72 = Vector512.FusedMultiplyAdd(x, b2, c72);
            a += MR;
        }
        Store8x3(c, ldc, o1, o2, accumulate, e, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72);
    }

    // The 8×48 tile's 24 sums, row by row (see Store3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store8x3(float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* e,
        Vector512<float> c00, Vector512<float> c01, Vector512<float> c02, Vector512<float> c10, Vector512<float> c11, Vector512<float> c12,
        Vector512<float> c20, Vector512<float> c21, Vector512<float> c22, Vector512<float> c30, Vector512<float> c31, Vector512<float> c32,
        Vector512<float> c40, Vector512<float> c41, Vector512<float> c42, Vector512<float> c50, Vector512<float> c51, Vector512<float> c52,
        Vector512<float> c60, Vector512<float> c61, Vector512<float> c62, Vector512<float> c70, Vector512<float> c71, Vector512<float> c72)
    {
        Store3(c, o1, o2, c00, c01, c02, accumulate, e, 0); c += ldc;
        Store3(c, o1, o2, c10, c11, c12, accumulate, e, 1); c += ldc;
        Store3(c, o1, o2, c20, c21, c22, accumulate, e, 2); c += ldc;
        Store3(c, o1, o2, c30, c31, c32, accumulate, e, 3); c += ldc;
        Store3(c, o1, o2, c40, c41, c42, accumulate, e, 4); c += ldc;
        Store3(c, o1, o2, c50, c51, c52, accumulate, e, 5); c += ldc;
        Store3(c, o1, o2, c60, c61, c62, accumulate, e, 6); c += ldc;
        Store3(c, o1, o2, c70, c71, c72, accumulate, e, 7);
    }

    // Row `row` of a tile: the sums (+ C when accumulating), then the epilogue's bias, residual and ReLU in that order —
    // GemmEngine.Apply's order, the separate ops' — so the same bits as applying them after the store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store3(float* c, nint o1, nint o2, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, bool accumulate,
        TileEpilogue* e, int row)
    {
        if (accumulate)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + o1);
            v2 += Vector512.Load(c + o2);
        }
        if (e != null)
        {
            if (e->Bias != null)
            {
                Vector512<float> b = Vector512.Create(e->Bias[row]);
                v0 += b;
                v1 += b;
                v2 += b;
            }
            if (e->HasResidual)
            {
                float* r = c + e->ResidualDelta;
                v0 += Vector512.Load(r);
                v1 += Vector512.Load(r + o1);
                v2 += Vector512.Load(r + o2);
            }
            if (e->Relu)
            {
                Vector512<float> zero = Vector512<float>.Zero;
                v0 = Vector512.ConditionalSelect(Vector512.LessThan(v0, zero), zero, v0);
                v1 = Vector512.ConditionalSelect(Vector512.LessThan(v1, zero), zero, v1);
                v2 = Vector512.ConditionalSelect(Vector512.LessThan(v2, zero), zero, v2);
            }
        }
        v0.Store(c);
        v1.Store(c + o1);
        v2.Store(c + o2);
    }

    // 4 rows × 24 columns (three 8-wide pieces at c+p0, c+p1, c+p2): 12 ymm accumulators fit AVX2's 16 registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx2Quarter(int kc, float* a, float* b, float* c, nint ldc, nint p0, nint p1, nint p2, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        for (int k = 0; k < kc; k++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), b2 = Vector256.Load(b + 16);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01); c02 = Vector256.FusedMultiplyAdd(x, b2, c02);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11); c12 = Vector256.FusedMultiplyAdd(x, b2, c12);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21); c22 = Vector256.FusedMultiplyAdd(x, b2, c22);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31); c32 = Vector256.FusedMultiplyAdd(x, b2, c32);
            a += MR;
            b += NR;
        }
        Store3(c, p0, p1, p2, c00, c01, c02, accumulate); c += ldc;
        Store3(c, p0, p1, p2, c10, c11, c12, accumulate); c += ldc;
        Store3(c, p0, p1, p2, c20, c21, c22, accumulate); c += ldc;
        Store3(c, p0, p1, p2, c30, c31, c32, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store3(float* c, nint p0, nint p1, nint p2, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c + p0);
            v1 += Vector256.Load(c + p1);
            v2 += Vector256.Load(c + p2);
        }
        v0.Store(c + p0);
        v1.Store(c + p1);
        v2.Store(c + p2);
    }

    private static void Scalar(int kc, float* a, float* b, float* c, nint ldc, nint o1, nint o2, bool accumulate)
    {
        float* acc = stackalloc float[MR * NR];
        for (int i = 0; i < MR * NR; i++) acc[i] = 0f;
        for (int k = 0; k < kc; k++, a += MR, b += NR)
            for (int i = 0; i < MR; i++)
            {
                float x = a[i];
                for (int j = 0; j < NR; j++) acc[i * NR + j] = MathF.FusedMultiplyAdd(x, b[j], acc[i * NR + j]);
            }
        for (int i = 0; i < MR; i++)
            for (int j = 0; j < NR; j++)
            {
                float* dst = c + i * ldc + (j < 16 ? j : j < 32 ? o1 + j - 16 : o2 + j - 32);
                *dst = accumulate ? *dst + acc[i * NR + j] : acc[i * NR + j];
            }
    }
}

/// <summary>
/// A GEMM epilogue applied by a micro-kernel to its tile's sums before they are stored (the last K block only):
/// + <see cref="Bias"/>[row] (null: none), + the residual at C's address + <see cref="ResidualDelta"/>, then ReLU.
/// </summary>
internal unsafe struct TileEpilogue
{
    /// <summary>The bias of the tile's first row (null: no bias).</summary>
    public float* Bias;
    /// <summary>Residual address minus C's address, in floats (the residual has C's layout).</summary>
    public nint ResidualDelta;
    public bool HasResidual;
    public bool Relu;
}
