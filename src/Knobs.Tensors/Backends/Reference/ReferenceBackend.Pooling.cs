using System;

namespace Knobs.Tensors.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y)
    {
        int outH = s.OutH, outW = s.OutW;
        for (int plane = 0; plane < s.N * s.C; plane++)
        {
            ReadOnlySpan<float> src = x.Slice(plane * s.H * s.W, s.H * s.W);
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++)
                {
                    float acc = kind switch { PoolKind.Max => float.NegativeInfinity, PoolKind.Min => float.PositiveInfinity, _ => 0f };
                    bool nan = false;
                    for (int i = 0; i < s.WinH; i++)
                    {
                        int ih = oh * s.StrideH - s.PadH + i;
                        if (ih < 0 || ih >= s.H) continue;
                        for (int j = 0; j < s.WinW; j++)
                        {
                            int iw = ow * s.StrideW - s.PadW + j;
                            if (iw < 0 || iw >= s.W) continue;
                            float v = src[ih * s.W + iw];
                            nan |= float.IsNaN(v);
                            acc = kind switch { PoolKind.Max => MathF.Max(acc, v), PoolKind.Min => MathF.Min(acc, v), _ => acc + v };
                        }
                    }
                    if (kind == PoolKind.Mean) acc /= s.WinH * s.WinW;
                    y[(plane * outH + oh) * outW + ow] = nan ? float.NaN : acc;
                }
        }
    }
}
