using System;

namespace Knobs.Tensors.Backends.Reference;

// The oracle's elementwise, pooling, normalization and conversion kernels are the plain loops in ReferenceKernels.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y) =>
        Convolution(s, a, x, w, y);

    /// <inheritdoc/>
    public void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y,
        in ConvEpilogue epilogue)
    {
        Convolution(s, a, x, w, y);
        epilogue.ApplyTo(this, s, y);
    }

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => ReferenceKernels.Add(x, y, z);

    /// <inheritdoc/>
    public void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) =>
        ReferenceKernels.AddBias(n, c, hw, x, bias, y);

    /// <inheritdoc/>
    public void Relu(ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Relu(x, y);

    /// <inheritdoc/>
    public void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y) => ReferenceKernels.ClippedRelu(x, max, y);

    /// <inheritdoc/>
    public void Tanh(ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Tanh(x, y);

    /// <inheritdoc/>
    public void Pooling(in PoolShape s, PoolKind kind, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Pooling(s, kind, x, y);

    /// <inheritdoc/>
    public void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y) =>
        ReferenceKernels.BatchNorm(n, c, hw, x, gamma, beta, mean, variance, eps, y);

    /// <inheritdoc/>
    public void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Softmax(rows, cols, x, y);

    /// <inheritdoc/>
    public void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y) => ReferenceKernels.FloatToHalf(x, y);

    /// <inheritdoc/>
    public void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y) => ReferenceKernels.HalfToFloat(x, y);
}
