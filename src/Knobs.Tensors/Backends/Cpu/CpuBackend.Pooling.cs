using System;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            var ctx = new PoolContext { Shape = s, Kind = kind, X = px, Y = py };
            _pool.Run(&PoolWorker, &ctx, Workers(s.N * s.C));
        }
    }

    private unsafe struct PoolContext
    {
        public PoolShape Shape;
        public PoolKind Kind;
        public float* X, Y;
    }

    // Pooling is a small share of a network's time: plain loops, split over planes.
    private static unsafe void PoolWorker(void* context, int worker, int workers)
    {
        var c = (PoolContext*)context;
        PoolShape s = c->Shape;
        PoolKind kind = c->Kind;
        int outH = s.OutH, outW = s.OutW;
        (int p0, int p1) = Split(s.N * s.C, worker, workers);
        for (int plane = p0; plane < p1; plane++)
        {
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
}
