using System;

namespace Knobs.Tensors.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        int outH = s.OutH, outW = s.OutW, filterLen = s.CPerGroup * s.KH * s.KW;
        ConvApproxMode mode = a.Mode;
        float scale = 1f;
        bool[] dropped = new bool[filterLen];
        if (mode == ConvApproxMode.FilterSampling)
        {
            scale = FilterSampling.Scale(a.SkipEvery);
            for (int idx = 0; idx < filterLen; idx++) dropped[idx] = FilterSampling.IsSkipped(idx, s.KH * s.KW, a.SkipEvery, a.Offset);
        }

        for (int n = 0; n < s.N; n++)
            for (int k = 0; k < s.K; k++)
            {
                Span<float> plane = y.Slice((n * s.K + k) * outH * outW, outH * outW);
                ReadOnlySpan<float> filter = w.Slice(k * filterLen, filterLen);
                for (int oh = 0; oh < outH; oh++)
                {
                    if (mode == ConvApproxMode.RowPerforation && Perforation.IsSkipped(oh, a.Row, a.Offset)) continue;
                    for (int ow = 0; ow < outW; ow++)
                    {
                        if (mode == ConvApproxMode.ColumnPerforation && Perforation.IsSkipped(ow, a.Col, a.Offset)) continue;
                        plane[oh * outW + ow] = Point(s, x, filter, dropped, scale, n, k / s.KPerGroup, oh, ow);
                    }
                }
                if (mode is ConvApproxMode.RowPerforation or ConvApproxMode.ColumnPerforation)
                {
                    Perforation.FillSkipped(plane, outH, outW, mode == ConvApproxMode.RowPerforation, a.PerforationRate, a.Offset);
                }
            }
    }

    // One output point: Σ over the filter's kept weights (scaled) × input, zero padding.
    private float Point(in ConvShape s, ReadOnlySpan<float> x, ReadOnlySpan<float> filter, bool[] dropped, float scale,
        int n, int group, int oh, int ow)
    {
        int cpg = s.CPerGroup;
        float sum = 0f;
        long macs = 0;
        for (int c = 0; c < cpg; c++)
        {
            int inC = group * cpg + c;
            for (int i = 0; i < s.KH; i++)
            {
                int ih = oh * s.StrideH - s.PadH + i;
                for (int j = 0; j < s.KW; j++)
                {
                    int idx = (c * s.KH + i) * s.KW + j;
                    if (dropped[idx]) continue;
                    macs++;
                    int iw = ow * s.StrideW - s.PadW + j;
                    if (ih < 0 || ih >= s.H || iw < 0 || iw >= s.W) continue;
                    sum += x[((n * s.C + inC) * s.H + ih) * s.W + iw] * (filter[idx] * scale);
                }
            }
        }
        MultiplyAdds += macs;
        return sum;
    }
}
