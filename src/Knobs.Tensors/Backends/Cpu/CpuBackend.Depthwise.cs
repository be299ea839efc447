using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    private readonly ScratchBuffer[] _planeScratch = CreateScratch(64);

    private static ScratchBuffer[] CreateScratch(int count)
    {
        var buffers = new ScratchBuffer[count];
        for (int i = 0; i < count; i++) buffers[i] = new ScratchBuffer();
        return buffers;
    }

    // Depthwise (one input and one output channel per group): direct SIMD over output rows from a zero-padded plane
    // copy in L1; a GEMM would have K = KH·KW and M = 1 and waste the micro-kernel.
    private unsafe void Depthwise(in ConvShape s, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        int workers = s.OutputLength < SmallWork ? 1 : Workers(s.N * s.C);
        float** scratch = stackalloc float*[workers];
        int hp = s.H + 2 * s.PadH, wp = s.W + 2 * s.PadW;
        for (int i = 0; i < workers; i++) scratch[i] = _planeScratch[i].Get<float>((long)hp * wp + 32);
        fixed (float* px = x, pw = w, py = y)
        {
            var ctx = new DepthwiseContext { Shape = s, X = px, W = pw, Y = py, Scratch = scratch, Isa = _isa };
            _pool.Run(&DepthwiseWorker, &ctx, workers);
        }
    }

    private unsafe struct DepthwiseContext
    {
        public ConvShape Shape;
        public float* X, W, Y;
        public float** Scratch;
        public CpuIsa Isa;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // reached through a function pointer (see CpuBackend.Elementwise.cs)
    private static unsafe void DepthwiseWorker(void* context, int worker, int workers)
    {
        var c = (DepthwiseContext*)context;
        ConvShape s = c->Shape;
        int hp = s.H + 2 * s.PadH, wp = s.W + 2 * s.PadW, oh = s.OutH, ow = s.OutW, taps = s.KH * s.KW;
        float* pad = c->Scratch[worker];
        (int p0, int p1) = Split(s.N * s.C, worker, workers);
        for (int p = p0; p < p1; p++)
        {
            int ch = p % s.C;
            float* src = c->X + (long)p * s.H * s.W, dst = c->Y + (long)p * oh * ow, f = c->W + (long)ch * taps;
            new Span<float>(pad, hp * wp).Clear();
            for (int i = 0; i < s.H; i++)
                Buffer.MemoryCopy(src + i * s.W, pad + (i + s.PadH) * wp + s.PadW, s.W * sizeof(float), s.W * sizeof(float));
            for (int r = 0; r < oh; r++)
            {
                float* drow = dst + r * ow;
                int col = 0;
                if (s.StrideW == 1 && c->Isa == CpuIsa.Avx512)
                {
                    for (; col + 16 <= ow; col += 16)
                    {
                        Vector512<float> acc = Vector512<float>.Zero;
                        for (int i = 0; i < s.KH; i++)
                        {
                            float* prow = pad + (r * s.StrideH + i) * wp + col;
                            for (int j = 0; j < s.KW; j++)
                                acc = Vector512.FusedMultiplyAdd(Vector512.Load(prow + j), Vector512.Create(f[i * s.KW + j]), acc);
                        }
                        acc.Store(drow + col);
                    }
                }
                if (s.StrideW == 1 && c->Isa != CpuIsa.Scalar)
                {
                    for (; col + 8 <= ow; col += 8)
                    {
                        Vector256<float> acc = Vector256<float>.Zero;
                        for (int i = 0; i < s.KH; i++)
                        {
                            float* prow = pad + (r * s.StrideH + i) * wp + col;
                            for (int j = 0; j < s.KW; j++)
                                acc = Vector256.FusedMultiplyAdd(Vector256.Load(prow + j), Vector256.Create(f[i * s.KW + j]), acc);
                        }
                        acc.Store(drow + col);
                    }
                }
                for (; col < ow; col++)
                {
                    float sum = 0f;
                    for (int i = 0; i < s.KH; i++)
                    {
                        float* prow = pad + (r * s.StrideH + i) * wp + col * s.StrideW;
                        for (int j = 0; j < s.KW; j++) sum = MathF.FusedMultiplyAdd(prow[j], f[i * s.KW + j], sum);
                    }
                    drow[col] = sum;
                }
            }
        }
    }
}
