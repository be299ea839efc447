using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// The kernel-level contract of a tensor backend: fp32, span-based, NCHW, row-major. <c>Ops</c> validates
/// every argument, allocates outputs and handles dtypes (Half ops round operands and results to half around these
/// fp32 kernels); a backend computes. Spans are exactly sized as documented and never alias unless stated.
/// NaN policy: a NaN input propagates to every output element that depends on it (max/min/relu included).
/// Every kernel is the backend's own: there are no default bodies, so an op never silently runs another backend's loops
/// (derive from <see cref="BackendBase"/> to get a <see cref="MissingKernelException"/> for the kernels not written yet).
/// Ops never call one instance from two threads at once (they lock it), so kernels need not be reentrant; they may use
/// <see cref="Threads"/> threads inside a call.
/// </summary>
public interface IBackend
{
    /// <summary>The name <c>KNOBS_BACKEND</c> selects it by (e.g. <c>Reference</c>, <c>Cpu</c>).</summary>
    string Name { get; }

    /// <summary>Worker threads a kernel may use (≥ 1). A single-threaded backend keeps the value and ignores it.</summary>
    int Threads { get; set; }

    /// <summary>How ops on this backend are timed (host backends: <see cref="OpTimer.Stopwatch"/>).</summary>
    OpTimer Timer { get; }

    /// <summary>What this backend can do beyond the kernel contract (fp16 kernels, fused epilogues, memory of its own).</summary>
    BackendCapabilities Capabilities { get; }

    /// <summary>
    /// The memory this backend computes in. Ops allocate its results there and copy an operand that lives elsewhere
    /// into it first, as a counted transition (see <see cref="TransferCounters"/>).
    /// </summary>
    StorageDomain Storage { get; }

    /// <summary>
    /// y[N, K, OutH, OutW] = conv(x[N, C, H, W], w[K, C/Groups, KH, KW]), zero padding; with <paramref name="a"/>
    /// applied by HPVM's rules, exactly (see <see cref="Perforation"/> and <see cref="FilterSampling"/>). Approximation
    /// only arrives with Groups == 1. A perforated call computes only the kept lines (the saving must be real).
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y);

    /// <summary>
    /// <see cref="Convolution(in ConvShape, in ConvApproxParams, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    /// with a <paramref name="filterSlot"/> where the backend may keep a prepared form of <paramref name="w"/> for the
    /// next call with the same filter (null: none; a backend that prepares nothing ignores it).
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y);

    /// <summary>
    /// The convolution with an <paramref name="epilogue"/> (bias, residual, ReLU) applied to its result, bit for bit
    /// what the separate ops give. Ops only call it on a backend whose <see cref="BackendCapabilities.FusedEpilogues"/>
    /// is true, with exact, ungrouped fp32 calls; a backend without a fused path computes the convolution and then
    /// <see cref="ConvEpilogue.ApplyTo"/> (its elementwise kernels must allow <c>x</c> and <c>y</c> to be the same span).
    /// </summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y,
        in ConvEpilogue epilogue);

    /// <summary>Row-major c[m, n] = a[m, k] · b[k, n] (c is overwritten).</summary>
    void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c);

    /// <summary>Elementwise z = x + y (equal lengths).</summary>
    void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z);

    /// <summary>Per-channel broadcast: y[n, c, i] = x[n, c, i] + bias[c] for x of [n, c, hw].</summary>
    void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y);

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    void Relu(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>y = min(max(x, 0), max); NaN stays NaN.</summary>
    void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y);

    /// <summary>y = tanh(x).</summary>
    void Tanh(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>
    /// y[N, C, OutH, OutW] = pool(x[N, C, H, W]). Max/Min ignore padded positions; Mean divides the window's sum
    /// by WinH·WinW (padding counts as zeros, like cuDNN's COUNT_INCLUDE_PADDING that HPVM uses).
    /// </summary>
    void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Inference batch norm over x[n, c, hw]: y = gamma[c]·(x − mean[c]) / sqrt(var[c] + eps) + beta[c].</summary>
    void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y);

    /// <summary>Softmax of each of <paramref name="rows"/> rows of <paramref name="cols"/> values (max-subtracted, numerically stable).</summary>
    void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>fp32 → fp16, IEEE round-to-nearest-even (what <see cref="Half"/>'s explicit conversion does).</summary>
    void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y);

    /// <summary>fp16 → fp32 (exact).</summary>
    void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y);
}
