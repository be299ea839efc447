using System;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>
/// §4's convolution accumulated in fp64 (the CPU Reference backend's loops, with the shared Perforation and
/// FilterSampling rules): on sample-sized layers the fp32 Reference backend's own rounding (sums of up to 1600 terms)
/// is as large as the GPU's, so both are measured against this.
/// </summary>
internal static class Oracle
{
    public static float[] Convolution(in ConvShape s, in ConvApproxParams a, float[] x, float[] w)
    {
        int outH = s.OutH, outW = s.OutW, len = s.C * s.KH * s.KW;
        ConvApproxMode mode = a.Mode;
        double scale = mode == ConvApproxMode.FilterSampling ? FilterSampling.Scale(a.SkipEvery) : 1;
        var dropped = new bool[len];
        if (mode == ConvApproxMode.FilterSampling)
            for (int i = 0; i < len; i++) dropped[i] = FilterSampling.IsSkipped(i, s.KH * s.KW, a.SkipEvery, a.Offset);
        var y = new float[s.OutputLength];
        for (int n = 0; n < s.N; n++)
            for (int k = 0; k < s.K; k++)
            {
                Span<float> plane = y.AsSpan((n * s.K + k) * outH * outW, outH * outW);
                for (int oh = 0; oh < outH; oh++)
                {
                    if (mode == ConvApproxMode.RowPerforation && Perforation.IsSkipped(oh, a.Row, a.Offset)) continue;
                    for (int ow = 0; ow < outW; ow++)
                    {
                        if (mode == ConvApproxMode.ColumnPerforation && Perforation.IsSkipped(ow, a.Col, a.Offset)) continue;
                        double sum = 0;
                        for (int c = 0; c < s.C; c++)
                            for (int i = 0; i < s.KH; i++)
                            {
                                int ih = oh * s.StrideH - s.PadH + i;
                                if (ih < 0 || ih >= s.H) continue;
                                for (int j = 0; j < s.KW; j++)
                                {
                                    int idx = (c * s.KH + i) * s.KW + j, iw = ow * s.StrideW - s.PadW + j;
                                    if (dropped[idx] || iw < 0 || iw >= s.W) continue;
                                    sum += (double)x[((n * s.C + c) * s.H + ih) * s.W + iw] * (w[k * len + idx] * (float)scale);
                                }
                            }
                        plane[oh * outW + ow] = (float)sum;
                    }
                }
                if (mode is ConvApproxMode.RowPerforation or ConvApproxMode.ColumnPerforation)
                    Perforation.FillSkipped(plane, outH, outW, mode == ConvApproxMode.RowPerforation, a.PerforationRate, a.Offset);
            }
        return y;
    }
}
