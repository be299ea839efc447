using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D pooling of x [N, C, H, W] (HPVM <c>tensorPooling</c>): output [N, C, OutH, OutW],
    /// <c>OutH = (H − winH + 2·padH)/strideH + 1</c>. Max/Min ignore padding; Mean divides by winH·winW.
    /// Padding must be smaller than the window. The generator's op kind is <c>pool_max</c>/<c>pool_mean</c>/<c>pool_min</c>
    /// by <paramref name="kind"/> (the attribute's kind "pool" is resolved from that argument).
    /// </summary>
    [TensorOp("pool", Half = nameof(HalfPooling))]
    public static Tensor Pooling(Tensor x, PoolKind kind, int winH, int winW, int padH, int padW, int strideH, int strideW) =>
        Pool(nameof(Pooling), x, kind, winH, winW, padH, padW, strideH, strideW, half: false);

    /// <summary>fp16 <see cref="Pooling"/>. HPVM <c>tensorHalfPooling</c>.</summary>
    [TensorOp("pool", IsHalf = true)]
    public static Tensor HalfPooling(Tensor x, PoolKind kind, int winH, int winW, int padH, int padW, int strideH, int strideW) =>
        Pool(nameof(HalfPooling), x, kind, winH, winW, padH, padW, strideH, strideW, half: true);

    private static Tensor Pool(string op, Tensor x, PoolKind kind, int winH, int winW, int padH, int padW, int strideH, int strideW, bool half)
    {
        Rank4(op, x, "input");
        if (kind is not (PoolKind.Max or PoolKind.Mean or PoolKind.Min))
            throw new TensorOpException(op, $"unknown pool kind {I((int)kind)}; use PoolKind.Max, Mean or Min.");
        Window(op, "window", winH, winW, padH, padW, strideH, strideW);
        if (padH >= winH || padW >= winW)
            throw new TensorOpException(op, $"padding must be smaller than the window; got padH={I(padH)}, padW={I(padW)} for a {I(winH)}×{I(winW)} window.");
        Fits(op, "window", x, winH, winW, padH, padW);
        var s = new PoolShape(x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3), winH, winW, padH, padW, strideH, strideW);
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Pooling(op, s, half));
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Pooling(device, s, kind, x, half);
        var result = new Result(half, [s.N, s.C, s.OutH, s.OutW], backend);
        using (Operand a = Operand.Read(x, half, backend)) backend.Pooling(s, kind, a.Span, result.Span);
        return result.Finish(backend);
    }
}
