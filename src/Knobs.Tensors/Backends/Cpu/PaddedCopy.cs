using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// The zero-padded copy of input planes that the implicit-im2col GEMM reads. Rows are copied with 16-float vectors
/// (the last one overlapping the previous one) and the pad columns written as scalars: a span clear and a memory copy
/// per 32-float row cost about twice as much (per-call overhead on ~35 000 rows of a VGG batch-16 layer).
/// </summary>
internal static unsafe class PaddedCopy
{
    /// <summary>Copies planes [plane0, plane1) of <paramref name="x"/> (H × W each) into <paramref name="padded"/> (Hp × Wp each).</summary>
    public static void Planes(float* x, float* padded, int plane0, int plane1, int h, int w, int padH, int padW) =>
        Rows(x, padded, plane0, plane1, 0, h + 2 * padH, h, w, padH, padW);

    /// <summary>
    /// Worker <paramref name="worker"/>'s share of the whole copy: a band of the padded rows of every plane
    /// (<paramref name="rowBands"/>: batch 1, where the GEMM's column blocks are row bands), else whole planes.
    /// </summary>
    public static void Share(float* x, float* padded, int planes, int h, int w, int padH, int padW, bool rowBands, int worker, int workers)
    {
        if (rowBands)
        {
            (int r0, int r1) = CpuBackend.Split(h + 2 * padH, worker, workers);
            Rows(x, padded, 0, planes, r0, r1, h, w, padH, padW);
        }
        else
        {
            (int p0, int p1) = CpuBackend.Split(planes, worker, workers);
            Planes(x, padded, p0, p1, h, w, padH, padW);
        }
    }

    /// <summary>
    /// Padded rows [row0, row1) (0 … Hp) of planes [plane0, plane1): a worker that copies the rows of every plane that
    /// its own GEMM columns read (batch 1) finds them in its cache instead of another core's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(float* x, float* padded, int plane0, int plane1, int row0, int row1, int h, int w, int padH, int padW)
    {
        int hp = h + 2 * padH, wp = w + 2 * padW;
        bool vectors = Vector512.IsHardwareAccelerated && w >= Vector512<float>.Count;
        for (int p = plane0; p < plane1; p++)
        {
            float* dst = padded + (long)p * hp * wp, src = x + (long)p * h * w;
            for (int r = row0; r < row1; r++)
            {
                float* row = dst + (long)r * wp;
                int i = r - padH;
                if (i < 0 || i >= h)
                {
                    new Span<float>(row, wp).Clear();
                    continue;
                }
                float* s = src + (long)i * w;
                for (int j = 0; j < padW; j++)
                {
                    row[j] = 0f;
                    row[padW + w + j] = 0f;
                }
                float* d = row + padW;
                if (!vectors)
                {
                    Buffer.MemoryCopy(s, d, w * sizeof(float), w * sizeof(float));
                    continue;
                }
                int k = 0;
                for (; k + Vector512<float>.Count <= w; k += Vector512<float>.Count) Vector512.Load(s + k).Store(d + k);
                if (k < w) Vector512.Load(s + w - Vector512<float>.Count).Store(d + w - Vector512<float>.Count);
            }
        }
    }
}
