using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// A starting point for a new backend: every kernel it does not override throws a <see cref="MissingKernelException"/>
/// naming the op and the backend, so a half-done backend fails loudly instead of silently running someone else's
/// loops. It computes in host memory, timed by <see cref="OpTimer.Stopwatch"/>, unless it overrides
/// <see cref="Storage"/> and <see cref="Timer"/>. The convolution overloads with a filter slot and with an epilogue
/// forward to the plain convolution (the epilogue then applied with this backend's own elementwise kernels).
/// </summary>
public abstract class BackendBase : IBackend
{
    private int _threads = 1;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract BackendCapabilities Capabilities { get; }

    /// <inheritdoc/>
    public virtual int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
    }

    /// <inheritdoc/>
    public virtual OpTimer Timer => OpTimer.Stopwatch;

    /// <inheritdoc/>
    public virtual StorageDomain Storage => StorageDomain.Host;

    /// <summary>The exception a kernel this backend lacks throws.</summary>
    protected MissingKernelException Missing(string op) => new(Name, op);

    /// <inheritdoc/>
    public virtual void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y) =>
        throw Missing(nameof(Convolution));

    /// <inheritdoc/>
    public virtual void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot,
        Span<float> y) => Convolution(s, a, x, w, y);

    /// <inheritdoc/>
    public virtual void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot,
        Span<float> y, in ConvEpilogue epilogue)
    {
        Convolution(s, a, x, w, filterSlot, y);
        epilogue.ApplyTo(this, s, y);
    }

    /// <inheritdoc/>
    public virtual void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) => throw Missing(nameof(Gemm));

    /// <inheritdoc/>
    public virtual void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => throw Missing(nameof(Add));

    /// <inheritdoc/>
    public virtual void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) => throw Missing(nameof(AddBias));

    /// <inheritdoc/>
    public virtual void Relu(ReadOnlySpan<float> x, Span<float> y) => throw Missing(nameof(Relu));

    /// <inheritdoc/>
    public virtual void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y) => throw Missing(nameof(ClippedRelu));

    /// <inheritdoc/>
    public virtual void Tanh(ReadOnlySpan<float> x, Span<float> y) => throw Missing(nameof(Tanh));

    /// <inheritdoc/>
    public virtual void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y) => throw Missing(nameof(Pooling));

    /// <inheritdoc/>
    public virtual void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y) => throw Missing(nameof(BatchNorm));

    /// <inheritdoc/>
    public virtual void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => throw Missing(nameof(Softmax));

    /// <inheritdoc/>
    public virtual void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y) => throw Missing(nameof(FloatToHalf));

    /// <inheritdoc/>
    public virtual void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y) => throw Missing(nameof(HalfToFloat));
}
