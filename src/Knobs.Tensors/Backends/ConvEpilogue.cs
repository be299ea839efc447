using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// What a convolution adds to its result before it is stored, in this order: a per-output-channel bias, a residual
/// (a tensor of the output's shape), then ReLU (NaN stays NaN). Each step is exactly the op it replaces —
/// <see cref="IBackend.AddBias"/>, <see cref="IBackend.Add"/>, <see cref="IBackend.Relu"/> on the convolution's output —
/// so a fused call gives the same bits as the separate ops. Empty spans and false: that step is skipped.
/// </summary>
public readonly ref struct ConvEpilogue
{
    /// <summary>An epilogue of the given steps.</summary>
    public ConvEpilogue(ReadOnlySpan<float> bias, ReadOnlySpan<float> residual, bool relu)
    {
        Bias = bias;
        Residual = residual;
        Relu = relu;
    }

    /// <summary>One value per output channel (K), or empty.</summary>
    public ReadOnlySpan<float> Bias { get; }

    /// <summary>The output's length, added elementwise, or empty.</summary>
    public ReadOnlySpan<float> Residual { get; }

    /// <summary>Whether ReLU is applied last.</summary>
    public bool Relu { get; }

    /// <summary>True when there is nothing to apply.</summary>
    public bool IsEmpty => Bias.IsEmpty && Residual.IsEmpty && !Relu;

    /// <summary>
    /// Applies the steps to a finished output <paramref name="y"/> [N, K, OutH, OutW] with <paramref name="backend"/>'s
    /// own elementwise kernels, in place (what a backend without a fused path does).
    /// </summary>
    public void ApplyTo(IBackend backend, in ConvShape s, Span<float> y)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!Bias.IsEmpty) backend.AddBias(s.N, s.K, s.OutH * s.OutW, y, Bias, y);
        if (!Residual.IsEmpty) backend.Add(y, Residual, y);
        if (Relu) backend.Relu(y, y);
    }
}
