using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Packs one 8-row panel of A for one K block: <c>dst[k·8 + i] = A[row0 + i, pc + k] · scale</c>. Full panels of a
/// dense A are transposed 8×8 at a time in AVX registers (the weights of a 512→512 3×3 layer are 9 MiB, and a scalar
/// transpose of them costs as much as the GEMM at batch 1); sampled (index-mapped) or partial panels go element by element.
/// </summary>
internal static unsafe class APacking
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackPanel(float* a, int m, int lda, int* kIndex, float scale, int row0, int pc, int kc, float* d)
    {
        int rows = System.Math.Min(MicroKernels.MR, m - row0);
        int kk = 0;
        if (rows == MicroKernels.MR && kIndex == null && Avx.IsSupported)
        {
            float* s = a + (long)row0 * lda + pc;
            Vector256<float> vs = Vector256.Create(scale);
            for (; kk + 8 <= kc; kk += 8)
            {
                Vector256<float> r0 = Vector256.Load(s + kk), r1 = Vector256.Load(s + lda + kk);
                Vector256<float> r2 = Vector256.Load(s + 2 * (long)lda + kk), r3 = Vector256.Load(s + 3 * (long)lda + kk);
                Vector256<float> r4 = Vector256.Load(s + 4 * (long)lda + kk), r5 = Vector256.Load(s + 5 * (long)lda + kk);
                Vector256<float> r6 = Vector256.Load(s + 6 * (long)lda + kk), r7 = Vector256.Load(s + 7 * (long)lda + kk);
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
                float* o = d + kk * MicroKernels.MR;
                (Avx.Permute2x128(u0, u4, 0x20) * vs).Store(o);
                (Avx.Permute2x128(u1, u5, 0x20) * vs).Store(o + 8);
                (Avx.Permute2x128(u2, u6, 0x20) * vs).Store(o + 16);
                (Avx.Permute2x128(u3, u7, 0x20) * vs).Store(o + 24);
                (Avx.Permute2x128(u0, u4, 0x31) * vs).Store(o + 32);
                (Avx.Permute2x128(u1, u5, 0x31) * vs).Store(o + 40);
                (Avx.Permute2x128(u2, u6, 0x31) * vs).Store(o + 48);
                (Avx.Permute2x128(u3, u7, 0x31) * vs).Store(o + 56);
            }
        }
        for (int i = 0; i < MicroKernels.MR; i++)
        {
            if (i >= rows) { for (int k = kk; k < kc; k++) d[k * MicroKernels.MR + i] = 0f; continue; }
            float* src = a + (long)(row0 + i) * lda;
            if (kIndex == null)
                for (int k = kk; k < kc; k++) d[k * MicroKernels.MR + i] = src[pc + k] * scale;
            else
                for (int k = kk; k < kc; k++) d[k * MicroKernels.MR + i] = src[kIndex[pc + k]] * scale;
        }
    }
}
