using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Whether ops fuse a convolution with the bias add, residual add and ReLU that follow it (default true): the
    /// <see cref="TensorContext.FuseEpilogues"/> of <see cref="TensorContext.Current"/>. Setting it with no context
    /// entered sets this thread's default; inside an entered context it replaces the flow's context with a copy of the
    /// other setting, until that context's scope ends. Fusion also needs a backend that can
    /// (<see cref="BackendCapabilities.FusedEpilogues"/>). Inside a <see cref="TensorScope"/>, an exact fp32 <see cref="Convolution"/> (or <see cref="ConvApprox"/>
    /// with no knob active) returns a tensor computed on its first read, and <see cref="Add"/> of a per-channel bias,
    /// <see cref="Add"/> of a same-shape tensor and <see cref="Relu"/> applied to such a tensor join its epilogue: one
    /// pass over the output instead of four, with the same bits as the separate ops. Every read of a tensor (an op, a
    /// span, <see cref="Tensor.ToArray"/>, saving) computes it first. Outside a scope, or with this off, every op computes
    /// when called — what per-op timing needs: the Knobs runner turns it off while it measures.
    /// </summary>
    public static bool FuseEpilogues
    {
        get => TensorContext.CurrentFuses;
        set => TensorContext.SetFusion(value);
    }

    private static bool Defers(TensorContext ctx) => ctx.Defers && TensorScope.IsOpen;

    // A convolution Conv may return deferred (see FuseEpilogues).
    private static bool CanDefer(TensorContext ctx, Tensor x, Tensor w, int groups, in ConvApproxParams a, bool half) =>
        Defers(ctx) && !half && groups == 1 && a.Mode == ConvApproxMode.Exact
        && x.DType == DType.Float32 && w.DType == DType.Float32 && !x.IsDisposed && !w.IsDisposed;

    // Add(x, y) joining a deferred convolution's epilogue, or null. Already validated: y has x's shape, or is x's channel vector.
    private static Tensor? FuseAdd(TensorContext ctx, Tensor x, Tensor y, bool bias, bool half)
    {
        if (half || !Defers(ctx) || x.DType != DType.Float32 || y.DType != DType.Float32 || y.IsDisposed || x.IsDisposed) return null;
        IBackend backend = ctx.Backend;
        if (bias) return x.Deferred is { CanTakeBias: true } d && d.Backend == backend ? Tensor.Defer(x, d.WithBias(y)) : null;
        // x + y == y + x bit for bit, so either side may be the convolution.
        if (y.Deferred is { CanTakeResidual: true } dy && dy.Backend == backend) return Tensor.Defer(x, dy.WithResidual(x));
        if (x.Deferred is { CanTakeResidual: true } dx && dx.Backend == backend) return Tensor.Defer(x, dx.WithResidual(y));
        return null;
    }

    // Relu(x) joining a deferred convolution's epilogue, or null. A deferred convolution only takes steps from ops on its own backend.
    private static Tensor? FuseRelu(TensorContext ctx, Tensor x, bool half) =>
        !half && Defers(ctx) && x.Deferred is { CanTakeRelu: true } d && d.Backend == ctx.Backend ? Tensor.Defer(x, d.WithRelu()) : null;
}
