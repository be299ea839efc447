using System;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// fp32 → fp16 (round-to-nearest-even), reported as an <c>f2h</c> event in <see cref="ConversionCounters"/>.
    /// A Float16 input is copied (no event). The result is in the current backend's storage domain.
    /// </summary>
    public static Tensor ToHalf(Tensor x)
    {
        Check.NotNull(nameof(ToHalf), x, "input");
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        if (lease.Backend is IDeviceKernels device)
            return x.DType == DType.Float16 ? DeviceOps.Copy(device, x, x.Shape) : DeviceOps.Converted(device, x, toHalf: true);
        if (x.DType == DType.Float16) return x.ToStorage(ctx.StorageDomain);
        Tensor y = Tensor.Allocate(DType.Float16, x.Shape, ctx.StorageDomain);
        using (Operand a = Operand.Read(x, half: false, lease.Backend))
            Conversions.FloatToHalf(lease.Backend, a.Span, y.Live16().AsSpan(0, y.Length));
        return y;
    }

    /// <summary>fp16 → fp32 (exact), reported as an <c>h2f</c> event. A Float32 input is copied (no event).</summary>
    public static Tensor ToFloat(Tensor x)
    {
        Check.NotNull(nameof(ToFloat), x, "input");
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        if (lease.Backend is IDeviceKernels device)
            return x.DType == DType.Float32 ? DeviceOps.Copy(device, x, x.Shape) : DeviceOps.Converted(device, x, toHalf: false);
        if (x.DType == DType.Float32) return x.ToStorage(ctx.StorageDomain);
        Tensor y = Tensor.Allocate(DType.Float32, x.Shape, ctx.StorageDomain);
        if (ctx.StorageDomain.IsApartFrom(x.Storage))
        {
            using Tensor copy = x.ToStorage(ctx.StorageDomain);
            Conversions.HalfToFloat(lease.Backend, copy.Live16().AsSpan(0, x.Length), y.Live32().AsSpan(0, y.Length));
        }
        else Conversions.HalfToFloat(lease.Backend, x.Live16().AsSpan(0, x.Length), y.Live32().AsSpan(0, y.Length));
        return y;
    }

    /// <summary>
    /// A copy of <paramref name="x"/> in <paramref name="backend"/>'s storage domain (<see cref="Tensor.ToStorage"/>):
    /// how user code moves a tensor to a device, or back to the host, as one explicit, counted transition.
    /// </summary>
    public static Tensor CopyTo(Tensor x, IBackend backend)
    {
        Check.NotNull(nameof(CopyTo), x, "input");
        System.ArgumentNullException.ThrowIfNull(backend);
        return x.ToStorage(backend.Storage);
    }
}
