using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

/// <summary>
/// The tensor ops (HPVM's tensor runtime API). Every op validates its arguments (a <see cref="TensorOpException"/>
/// names the op and the offending values), allocates its output from the buffer pool and runs on the backend of
/// <see cref="TensorContext.Current"/> (read once per op), in that backend's storage domain: an operand that lives in
/// another domain is copied across first, as a counted transition (see <see cref="TransferCounters"/>). fp32 ops return Float32 tensors, <c>Half…</c> ops Float16 ones; an input of the
/// other precision is converted as a counted event (see <see cref="ConversionCounters"/>). NaN inputs propagate.
/// </summary>
public static partial class Ops
{
    /// <summary>
    /// 2-D convolution of x [N, C, H, W] with filter w [K, C, KH, KW], zero padding: output [N, K, OutH, OutW],
    /// <c>OutH = (H − KH + 2·padH)/strideH + 1</c>. HPVM <c>tensorConvolution</c>.
    /// </summary>
    [TensorOp("conv", Half = nameof(HalfConvolution))]
    public static Tensor Convolution(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW) =>
        Conv(nameof(Convolution), x, w, padH, padW, strideH, strideW, 1, ConvApproxParams.Exact, half: false);

    /// <summary>fp16 <see cref="Convolution"/>: operands rounded to half, result half. HPVM <c>tensorHalfConvolution</c>.</summary>
    [TensorOp("conv", IsHalf = true)]
    public static Tensor HalfConvolution(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW) =>
        Conv(nameof(HalfConvolution), x, w, padH, padW, strideH, strideW, 1, ConvApproxParams.Exact, half: true);

    /// <summary>
    /// Grouped convolution: C and K split into <paramref name="groups"/> groups, filter w [K, C/groups, KH, KW];
    /// depthwise when groups == C. HPVM <c>tensorConvCutlass</c>.
    /// </summary>
    [TensorOp("group_conv", Half = nameof(HalfGroupConvolution))]
    public static Tensor GroupConvolution(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW, int groups) =>
        Conv(nameof(GroupConvolution), x, w, padH, padW, strideH, strideW, groups, ConvApproxParams.Exact, half: false);

    /// <summary>fp16 <see cref="GroupConvolution"/>. HPVM <c>tensorHalfConvCutlass</c>.</summary>
    [TensorOp("group_conv", IsHalf = true)]
    public static Tensor HalfGroupConvolution(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW, int groups) =>
        Conv(nameof(HalfGroupConvolution), x, w, padH, padW, strideH, strideW, groups, ConvApproxParams.Exact, half: true);

    /// <summary>
    /// Approximate convolution (HPVM <c>tensorConvApprox</c>): <see cref="Convolution"/>'s arguments followed by the
    /// knob parameters. Row perforation if <paramref name="row"/> &gt; 1, else column perforation if
    /// <paramref name="col"/> &gt; 1, else filter sampling if <paramref name="skipEvery"/> &gt; 1, else exact; the
    /// <paramref name="offset"/> applies to the active one (docs/tensors.md, "Approximate convolution").
    /// </summary>
    [TensorOp("conv", Half = nameof(ConvApproxHalf))]
    public static Tensor ConvApprox(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW,
        int row, int col, int skipEvery, int offset) =>
        Conv(nameof(ConvApprox), x, w, padH, padW, strideH, strideW, 1, new ConvApproxParams(row, col, skipEvery, offset), half: false);

    /// <summary>fp16 <see cref="ConvApprox"/>. HPVM <c>tensorConvApproxHalf</c>.</summary>
    [TensorOp("conv", IsHalf = true)]
    public static Tensor ConvApproxHalf(Tensor x, Tensor w, int padH, int padW, int strideH, int strideW,
        int row, int col, int skipEvery, int offset) =>
        Conv(nameof(ConvApproxHalf), x, w, padH, padW, strideH, strideW, 1, new ConvApproxParams(row, col, skipEvery, offset), half: true);

    private static Tensor Conv(string op, Tensor x, Tensor w, int padH, int padW, int strideH, int strideW, int groups,
        ConvApproxParams a, bool half)
    {
        ConvShape s = ConvValidation.Shape(op, x, w, padH, padW, strideH, strideW, groups);
        ConvValidation.Approximation(op, s, a);
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Convolution(op, s, a, half));
        TensorContext ctx = TensorContext.Current;
        if (CanDefer(ctx, x, w, groups, a, half)) return Tensor.Defer([s.N, s.K, s.OutH, s.OutW], new DeferredConv(ctx.Backend, x, w, s));
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Convolution(device, s, a, x, w, half);
        var result = new Result(half, [s.N, s.K, s.OutH, s.OutW], backend);
        Compute(backend, s, a, x, w, half, result.Span, default);
        return result.Finish(backend);
    }

    /// <summary>
    /// Reads a convolution's operands at its precision (see <see cref="Operand"/>; the filter as a weight) and runs it on
    /// <paramref name="backend"/> into <paramref name="y"/>, with <paramref name="epilogue"/> when it is not empty: what
    /// an eager call and a deferred one (see <see cref="Tensor.IsDeferred"/>) both do. The caller holds the backend's lease.
    /// </summary>
    internal static void Compute(IBackend backend, in ConvShape s, in ConvApproxParams a, Tensor x, Tensor w, bool half, System.Span<float> y,
        in ConvEpilogue epilogue)
    {
        using Operand input = Operand.Read(x, half, backend);
        using Operand filter = Operand.Read(w, half, backend, weight: true);
        if (epilogue.IsEmpty) backend.Convolution(s, a, input.Span, filter.Span, filter.Slot, y);
        else backend.Convolution(s, a, input.Span, filter.Span, filter.Slot, y, epilogue);
    }
}
