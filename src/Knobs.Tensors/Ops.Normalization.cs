using System;
using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inference batch normalization (HPVM <c>tensorBatchNorm</c>) of x [N, C, H, W]:
    /// <c>gamma·(x − mean)/sqrt(var + eps) + beta</c> per channel; each parameter holds C values ([C] or [1, C, 1, 1]).
    /// </summary>
    [TensorOp("batchnorm", Half = nameof(HalfBatchNorm))]
    public static Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double eps) =>
        Norm(nameof(BatchNorm), x, gamma, beta, mean, variance, eps, half: false);

    /// <summary>fp16 <see cref="BatchNorm"/>. HPVM <c>tensorHalfBatchNorm</c>.</summary>
    [TensorOp("batchnorm", IsHalf = true)]
    public static Tensor HalfBatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double eps) =>
        Norm(nameof(HalfBatchNorm), x, gamma, beta, mean, variance, eps, half: true);

    /// <summary>
    /// Softmax over each batch item's C·H·W values (HPVM <c>tensorSoftmax</c>); always fp32: a Float16 input is
    /// converted (an h2f event) and the output is Float32.
    /// </summary>
    [TensorOp("softmax")]
    public static Tensor Softmax(Tensor x)
    {
        const string op = nameof(Softmax);
        NotNull(op, x, "input");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(op, false, 3, x.Shape, x));
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        int rows = x.Rank == 1 ? 1 : x.Dim(0);
        if (backend is IDeviceKernels device) return DeviceOps.Softmax(device, x, rows);
        var result = new Result(half: false, x.Shape, backend);
        using (Operand a = Operand.Read(x, half: false, backend)) backend.Softmax(rows, x.Length / rows, a.Span, result.Span);
        return result.Finish(backend);
    }

    /// <summary>
    /// [N, C, H, W] (or any [N, …]) → [N, C·H·W, 1, 1], a copy in the same dtype (no conversion), in the current
    /// backend's storage domain (an input from another domain is copied across, a counted transition).
    /// </summary>
    [TensorOp("flatten")]
    public static Tensor Flatten(Tensor x)
    {
        NotNull(nameof(Flatten), x, "input");
        int n = x.Rank == 1 ? 1 : x.Dim(0);
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(nameof(Flatten), x.DType == DType.Float16, 0, new[] { n, x.Length / n, 1, 1 }, x));
        TensorContext ctx = TensorContext.Current;
        if (ctx.Backend is IDeviceKernels)
        {
            using BackendLease lease = BackendLease.Acquire(ctx.Backend);
            if (lease.Backend is IDeviceKernels device) return DeviceOps.Copy(device, x, [n, x.Length / n, 1, 1]);
        }
        Tensor y = Tensor.Allocate(x.DType, [n, x.Length / n, 1, 1], ctx.StorageDomain);
        x.CopyValuesTo(y);
        return y;
    }

    private static Tensor Norm(string op, Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double eps, bool half)
    {
        Rank4(op, x, "input");
        int c = x.Dim(1);
        Channels(op, gamma, "gamma", c);
        Channels(op, beta, "beta", c);
        Channels(op, mean, "mean", c);
        Channels(op, variance, "variance", c);
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new TensorOpException(op, $"eps must be a finite non-negative number; got {eps.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(op, half, 2, x.Shape, x, gamma, beta, mean, variance));
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.BatchNorm(device, x, gamma, beta, mean, variance, (float)eps, half);
        var result = new Result(half, x.Shape, backend);
        using (Operand a = Operand.Read(x, half, backend))
        using (Operand g = Operand.Read(gamma, half, backend, weight: true))
        using (Operand b = Operand.Read(beta, half, backend, weight: true))
        using (Operand m = Operand.Read(mean, half, backend, weight: true))
        using (Operand v = Operand.Read(variance, half, backend, weight: true))
        {
            backend.BatchNorm(x.Dim(0), c, x.Length / (x.Dim(0) * c), a.Span, g.Span, b.Span, m.Span, v.Span, (float)eps, result.Span);
        }
        return result.Finish(backend);
    }
}
