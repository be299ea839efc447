using System;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

// Elementwise ops are memory-bound: one Vector256 pass (fast on AVX2 and AVX-512 machines), same arithmetic order as
// the Reference backend so results agree bit for bit where no transcendental is involved.
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        fixed (float* px = x, py = y, pz = z)
        {
            int n = z.Length, i = 0;
            for (; i + 8 <= n; i += 8) (Vector256.Load(px + i) + Vector256.Load(py + i)).Store(pz + i);
            for (; i < n; i++) pz[i] = px[i] + py[i];
        }
    }

    /// <inheritdoc/>
    public unsafe void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        fixed (float* px = x, pb = bias, py = y)
        {
            for (int p = 0; p < n * c; p++)
            {
                float* s = px + (long)p * hw, d = py + (long)p * hw;
                float b = pb[p % c];
                var vb = Vector256.Create(b);
                int i = 0;
                for (; i + 8 <= hw; i += 8) (Vector256.Load(s + i) + vb).Store(d + i);
                for (; i < hw; i++) d[i] = s[i] + b;
            }
        }
    }

    /// <inheritdoc/>
    public unsafe void Relu(ReadOnlySpan<float> x, Span<float> y) => ClippedRelu(x, float.PositiveInfinity, y);

    /// <inheritdoc/>
    public unsafe void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            int n = y.Length, i = 0;
            Vector256<float> zero = Vector256<float>.Zero, top = Vector256.Create(max);
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> v = Vector256.Load(px + i);
                Vector256<float> r = Vector256.ConditionalSelect(Vector256.LessThan(v, zero), zero, v);
                r = Vector256.ConditionalSelect(Vector256.GreaterThan(r, top), top, r);
                Vector256.ConditionalSelect(Vector256.Equals(v, v), r, v).Store(py + i); // NaN stays NaN
            }
            for (; i < n; i++)
            {
                float v = px[i];
                py[i] = float.IsNaN(v) ? v : v < 0f ? 0f : v > max ? max : v;
            }
        }
    }

    /// <inheritdoc/>
    public void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = MathF.Tanh(x[i]);
    }

    /// <inheritdoc/>
    public unsafe void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            for (int p = 0; p < n * c; p++)
            {
                int ch = p % c;
                float inv = 1f / MathF.Sqrt(variance[ch] + eps), g = gamma[ch], m = mean[ch], b = beta[ch];
                float* s = px + (long)p * hw, d = py + (long)p * hw;
                Vector256<float> vg = Vector256.Create(g), vm = Vector256.Create(m), vi = Vector256.Create(inv), vb = Vector256.Create(b);
                int i = 0;
                for (; i + 8 <= hw; i += 8) (vg * (Vector256.Load(s + i) - vm) * vi + vb).Store(d + i);
                for (; i < hw; i++) d[i] = g * (s[i] - m) * inv + b;
            }
        }
    }

    /// <inheritdoc/>
    public void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Softmax(rows, cols, x, y);
}
