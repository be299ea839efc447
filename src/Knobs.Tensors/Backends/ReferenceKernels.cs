using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// Plain-loop kernels for the non-convolution ops: the Reference backend's implementation and the default
/// <see cref="IBackend"/> bodies, so a new backend only has to supply what it does faster.
/// </summary>
internal static class ReferenceKernels
{
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        for (int i = 0; i < z.Length; i++) z[i] = x[i] + y[i];
    }

    public static void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++)
                {
                    int at = (b * c + ch) * hw + i;
                    y[at] = x[at] + bias[ch];
                }
    }

    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = float.IsNaN(x[i]) ? x[i] : x[i] > 0f ? x[i] : 0f;
    }

    public static void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = float.IsNaN(v) ? v : v < 0f ? 0f : v > max ? max : v;
        }
    }

    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = MathF.Tanh(x[i]);
    }

    public static void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y)
    {
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
            {
                float inv = 1f / MathF.Sqrt(variance[ch] + eps);
                for (int i = 0; i < hw; i++)
                {
                    int at = (b * c + ch) * hw + i;
                    y[at] = gamma[ch] * (x[at] - mean[ch]) * inv + beta[ch];
                }
            }
    }

    public static void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = x.Slice(r * cols, cols);
            Span<float> dst = y.Slice(r * cols, cols);
            float max = float.NegativeInfinity;
            bool nan = false;
            foreach (float v in row) { nan |= float.IsNaN(v); if (v > max) max = v; }
            if (nan) { dst.Fill(float.NaN); continue; }
            float sum = 0f;
            for (int i = 0; i < cols; i++) { dst[i] = MathF.Exp(row[i] - max); sum += dst[i]; }
            for (int i = 0; i < cols; i++) dst[i] /= sum;
        }
    }

    public static void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = (Half)x[i];
    }

    public static void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = (float)x[i];
    }

    public static void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y)
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
