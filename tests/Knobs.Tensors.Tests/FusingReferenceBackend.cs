using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// The Reference oracle behind a backend that declares fused epilogues, so fusion tests can count the work a deferred
/// convolution does (or does not do) through <see cref="ReferenceBackend.MultiplyAdds"/>.
/// </summary>
internal sealed class FusingReferenceBackend : BackendBase
{
    private static readonly BackendCapabilities Caps = new(NativeHalf: false, FusedEpilogues: true, DeviceMemory: false);

    public ReferenceBackend Inner { get; } = new();

    public override string Name => "FusingReference";

    public override BackendCapabilities Capabilities => Caps;

    public override void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y) =>
        Inner.Convolution(s, a, x, w, y);

    public override void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) => Inner.Gemm(m, n, k, a, b, c);

    public override void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => Inner.Add(x, y, z);

    public override void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) => Inner.AddBias(n, c, hw, x, bias, y);

    public override void Relu(ReadOnlySpan<float> x, Span<float> y) => Inner.Relu(x, y);
}
