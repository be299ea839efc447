using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// The kernel-level contract of a tensor backend: fp32, span-based, NCHW, row-major. <c>Ops</c> validates
/// every argument, allocates outputs and handles dtypes (Half ops round operands and results to half around these
/// fp32 kernels); a backend computes. Spans are exactly sized as documented and never alias unless stated.
/// NaN policy: a NaN input propagates to every output element that depends on it (max/min/relu included).
/// The non-convolution ops have plain-loop default bodies (<c>ReferenceKernels</c>); a backend overrides what it does faster.
/// Ops never call one instance from two threads at once (they lock it), so kernels need not be reentrant; they may use
/// <see cref="Threads"/> threads inside a call.
/// </summary>
public interface IBackend
{
    /// <summary>The name <c>KNOBS_BACKEND</c> selects it by (e.g. <c>Reference</c>, <c>Cpu</c>).</summary>
    string Name { get; }

    /// <summary>Worker threads a kernel may use (≥ 1). A single-threaded backend keeps the value and ignores it.</summary>
    int Threads { get; set; }

    /// <summary>
    /// y[N, K, OutH, OutW] = conv(x[N, C, H, W], w[K, C/Groups, KH, KW]), zero padding; with <paramref name="a"/>
    /// applied by HPVM's rules, exactly (see <see cref="Perforation"/> and <see cref="FilterSampling"/>). Approximation
    /// only arrives with Groups == 1. A perforated call computes only the kept lines (the saving must be real).
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y);

    /// <summary>
    /// <see cref="Convolution(in ConvShape, in ConvApproxParams, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    /// with a <paramref name="filterSlot"/> where the backend may keep a prepared form of <paramref name="w"/> for the
    /// next call with the same filter (null: none; the default ignores it).
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y) =>
        Convolution(s, a, x, w, y);

    /// <summary>
    /// The convolution with an <paramref name="epilogue"/> (bias, residual, ReLU) applied to its result, bit for bit
    /// what the separate ops give. Only exact, ungrouped fp32 calls arrive here. The default computes the convolution
    /// and then applies the epilogue in place with this backend's elementwise kernels (which must allow
    /// <c>x</c> and <c>y</c> to be the same span); a backend may instead apply it while the result is still in cache.
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y,
        in ConvEpilogue epilogue)
    {
        Convolution(s, a, x, w, filterSlot, y);
        epilogue.ApplyTo(this, s, y);
    }

    /// <summary>Row-major c[m, n] = a[m, k] · b[k, n] (c is overwritten).</summary>
    void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c);

    /// <summary>Elementwise z = x + y (equal lengths).</summary>
    void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => ReferenceKernels.Add(x, y, z);

    /// <summary>Per-channel broadcast: y[n, c, i] = x[n, c, i] + bias[c] for x of [n, c, hw].</summary>
    void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) =>
        ReferenceKernels.AddBias(n, c, hw, x, bias, y);

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    void Relu(ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Relu(x, y);

    /// <summary>y = min(max(x, 0), max); NaN stays NaN.</summary>
    void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y) => ReferenceKernels.ClippedRelu(x, max, y);

    /// <summary>y = tanh(x).</summary>
    void Tanh(ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Tanh(x, y);

    /// <summary>
    /// y[N, C, OutH, OutW] = pool(x[N, C, H, W]). Max/Min ignore padded positions; Mean divides the window's sum
    /// by WinH·WinW (padding counts as zeros, like cuDNN's COUNT_INCLUDE_PADDING that HPVM uses).
    /// </summary>
    void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Pooling(s, kind, x, y);

    /// <summary>Inference batch norm over x[n, c, hw]: y = gamma[c]·(x − mean[c]) / sqrt(var[c] + eps) + beta[c].</summary>
    void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y) =>
        ReferenceKernels.BatchNorm(n, c, hw, x, gamma, beta, mean, variance, eps, y);

    /// <summary>Softmax of each of <paramref name="rows"/> rows of <paramref name="cols"/> values (max-subtracted, numerically stable).</summary>
    void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Softmax(rows, cols, x, y);

    /// <summary>fp32 → fp16, IEEE round-to-nearest-even (what <see cref="Half"/>'s explicit conversion does).</summary>
    void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y) => ReferenceKernels.FloatToHalf(x, y);

    /// <summary>fp16 → fp32 (exact).</summary>
    void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y) => ReferenceKernels.HalfToFloat(x, y);
}
