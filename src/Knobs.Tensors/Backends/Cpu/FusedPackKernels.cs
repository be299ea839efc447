using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// The 8×48 AVX-512 micro-kernel for the first A panel of a B panel that has to be gathered (column-perforated or
/// strided patch rows: three single-segment <see cref="PermuteChunks"/>): each chunk of B is built from its source
/// with one two-register permute, used at once, and stored into the packed panel that the panel's other A panels then
/// read. The gather and the stores run in the shadow of the 24 FMAs per k instead of in a packing pass of their own
/// (which cost about a tenth of a rate-3 column-perforated convolution).
/// </summary>
internal static unsafe class FusedPackKernels
{
    /// <summary>
    /// C tile (as <see cref="MicroKernels"/>) from packed A and B chunk g = permute(src_g + rowOff[k], index_g, src_g + rowOff[k] + 16);
    /// B's 48 columns of each k are also stored at <paramref name="bOut"/> + k·48.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Avx512PermutePack(int kc, float* a, float* s0, float* s1, float* s2, int* index, int* rowOff, float* bOut,
        float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* e)
    {
        Vector512<int> i0 = Vector512.Load(index), i1 = Vector512.Load(index + 16), i2 = Vector512.Load(index + 32);
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        nint ahead = MicroKernels.APrefetch;
        for (int k = 0; k < kc; k++)
        {
            if (ahead != 0) Sse.Prefetch0(a + ahead);
            nint r = rowOff[k];
            Vector512<float> b0 = Avx512F.PermuteVar16x32x2(Vector512.Load(s0 + r), i0, Vector512.Load(s0 + r + 16));
            Vector512<float> b1 = Avx512F.PermuteVar16x32x2(Vector512.Load(s1 + r), i1, Vector512.Load(s1 + r + 16));
            Vector512<float> b2 = Avx512F.PermuteVar16x32x2(Vector512.Load(s2 + r), i2, Vector512.Load(s2 + r + 16));
            b0.Store(bOut); b1.Store(bOut + 16); b2.Store(bOut + 32);
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
            a += MicroKernels.MR;
            bOut += MicroKernels.NR;
        }
        MicroKernels.Store8x3(c, ldc, o1, o2, accumulate, e, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72);
    }

    /// <summary>
    /// The packed 8×48 kernel (B already packed at <paramref name="b"/>) that also prefetches one cache line per k,
    /// <paramref name="prefetch"/> + rowOff[k]: the other A panels of a gathered panel fetch the next panel's source
    /// lines, so its kernel-packing A panel finds them in cache instead of waiting on L3 or memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Avx512Prefetching(int kc, float* a, float* b, float* prefetch, int* rowOff, float* c, nint ldc, nint o1, nint o2, bool accumulate, TileEpilogue* e)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        nint ahead = MicroKernels.APrefetch;
        for (int k = 0; k < kc; k++)
        {
            Sse.Prefetch0(prefetch + rowOff[k]);
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
            a += MicroKernels.MR;
            b += MicroKernels.NR;
        }
        MicroKernels.Store8x3(c, ldc, o1, o2, accumulate, e, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72);
    }
}
