using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            var ctx = new PoolContext { Shape = s, Kind = kind, X = px, Y = py, Isa = _isa };
            _pool.Run(&PoolWorker, &ctx, (long)s.N * s.C * s.H * s.W < ParallelElements ? 1 : Workers(s.N * s.C));
        }
    }

    private unsafe struct PoolContext
    {
        public PoolShape Shape;
        public PoolKind Kind;
        public CpuIsa Isa;
        public float* X, Y;
    }

    // Split over planes. The 2×2 stride-2 unpadded max/mean pooling of every CNN here has a vector path; any other
    // geometry runs plain loops (a small share of a network's time).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PoolWorker(void* context, int worker, int workers)
    {
        var c = (PoolContext*)context;
        PoolShape s = c->Shape;
        PoolKind kind = c->Kind;
        int outH = s.OutH, outW = s.OutW;
        (int p0, int p1) = Split(s.N * s.C, worker, workers);
        bool pairs = s is { WinH: 2, WinW: 2, StrideH: 2, StrideW: 2, PadH: 0, PadW: 0 } && kind != PoolKind.Min && c->Isa == CpuIsa.Avx512;
        for (int plane = p0; plane < p1; plane++)
        {
            if (pairs)
            {
                PoolPairs(c->X + (long)plane * s.H * s.W, c->Y + (long)plane * outH * outW, s.W, outH, outW, kind == PoolKind.Max);
                continue;
            }
            float* src = c->X + (long)plane * s.H * s.W, dst = c->Y + (long)plane * outH * outW;
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++)
                {
                    float acc = kind switch { PoolKind.Max => float.NegativeInfinity, PoolKind.Min => float.PositiveInfinity, _ => 0f };
                    bool nan = false;
                    int i0 = Math.Max(0, s.PadH - oh * s.StrideH), i1 = Math.Min(s.WinH, s.H + s.PadH - oh * s.StrideH);
                    int j0 = Math.Max(0, s.PadW - ow * s.StrideW), j1 = Math.Min(s.WinW, s.W + s.PadW - ow * s.StrideW);
                    for (int i = i0; i < i1; i++)
                    {
                        float* row = src + (oh * s.StrideH - s.PadH + i) * s.W + ow * s.StrideW - s.PadW;
                        for (int j = j0; j < j1; j++)
                        {
                            float v = row[j];
                            nan |= float.IsNaN(v);
                            acc = kind switch { PoolKind.Max => MathF.Max(acc, v), PoolKind.Min => MathF.Min(acc, v), _ => acc + v };
                        }
                    }
                    if (kind == PoolKind.Mean) acc /= s.WinH * s.WinW;
                    dst[oh * outW + ow] = nan ? float.NaN : acc;
                }
        }
    }

    // Even/odd lanes of 16 floats: the first 8 indices pick the even columns, the last 8 the odd ones.
    private static readonly Vector512<int> Deinterleave = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);

    // 2×2 stride-2 windows, 8 outputs per 16 input columns: deinterleave each input row into even and odd columns, then
    // combine in the Reference order ((r0 even ∘ r0 odd) ∘ r1 even) ∘ r1 odd, so results are bit-identical (NaN included:
    // vector max propagates NaN as MathF.Max does).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PoolPairs(float* src, float* dst, int w, int outH, int outW, bool max)
    {
        Vector512<int> idx = Deinterleave;
        Vector256<float> quarter = Vector256.Create(4f);
        for (int oh = 0; oh < outH; oh++)
        {
            float* r0 = src + 2 * oh * w, r1 = r0 + w, d = dst + oh * outW;
            int ow = 0;
            for (; ow + 8 <= outW; ow += 8)
            {
                Vector512<float> a = Avx512F.PermuteVar16x32(Vector512.Load(r0 + 2 * ow), idx);
                Vector512<float> b = Avx512F.PermuteVar16x32(Vector512.Load(r1 + 2 * ow), idx);
                Vector256<float> r = max
                    ? Vector256.Max(Vector256.Max(Vector256.Max(a.GetLower(), a.GetUpper()), b.GetLower()), b.GetUpper())
                    : (a.GetLower() + a.GetUpper() + b.GetLower() + b.GetUpper()) / quarter;
                r.Store(d + ow);
            }
            for (; ow < outW; ow++)
            {
                float x0 = r0[2 * ow], x1 = r0[2 * ow + 1], x2 = r1[2 * ow], x3 = r1[2 * ow + 1];
                d[ow] = max ? MathF.Max(MathF.Max(MathF.Max(x0, x1), x2), x3) : (x0 + x1 + x2 + x3) / 4f;
            }
        }
    }
}
