using System;

namespace Knobs.Tensors.Backends.Reference;

/// <summary>
/// The oracle: plain, obviously-correct loops, single-threaded, no SIMD. Tests compare every other backend with it.
/// Convolutions count their multiply-adds in <see cref="MultiplyAdds"/> so tests can check that approximations do
/// proportionally less work.
/// </summary>
public sealed partial class ReferenceBackend : IBackend
{
    private int _threads = 1;

    /// <inheritdoc/>
    public string Name => "Reference";

    /// <inheritdoc/>
    public int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
    }

    /// <summary>Multiply-adds done by this instance's convolutions and GEMMs since creation.</summary>
    internal long MultiplyAdds { get; private set; }

    /// <inheritdoc/>
    public void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        }
        MultiplyAdds += (long)m * n * k;
    }

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        for (int i = 0; i < z.Length; i++) z[i] = x[i] + y[i];
    }

    /// <inheritdoc/>
    public void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++)
                {
                    int at = (b * c + ch) * hw + i;
                    y[at] = x[at] + bias[ch];
                }
    }

    /// <inheritdoc/>
    public void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = float.IsNaN(x[i]) ? x[i] : x[i] > 0f ? x[i] : 0f;
    }

    /// <inheritdoc/>
    public void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = float.IsNaN(v) ? v : v < 0f ? 0f : v > max ? max : v;
        }
    }

    /// <inheritdoc/>
    public void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = MathF.Tanh(x[i]);
    }

    /// <inheritdoc/>
    public void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
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

    /// <inheritdoc/>
    public void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y)
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

    /// <inheritdoc/>
    public void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = (Half)x[i];
    }

    /// <inheritdoc/>
    public void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = (float)x[i];
    }
}
