using System;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// fp32 → fp16 (round-to-nearest-even), reported as an <c>f2h</c> event in <see cref="ConversionCounters"/>.
    /// A Float16 input is copied (no event).
    /// </summary>
    public static Tensor ToHalf(Tensor x)
    {
        Check.NotNull(nameof(ToHalf), x, "input");
        if (x.DType == DType.Float16) return x.Clone();
        Tensor y = Tensor.Allocate(DType.Float16, x.Shape);
        using BackendLease lease = BackendLease.Acquire();
        Conversions.FloatToHalf(lease.Backend, x.Live32().AsSpan(0, x.Length), y.Live16().AsSpan(0, y.Length));
        return y;
    }

    /// <summary>fp16 → fp32 (exact), reported as an <c>h2f</c> event. A Float32 input is copied (no event).</summary>
    public static Tensor ToFloat(Tensor x)
    {
        Check.NotNull(nameof(ToFloat), x, "input");
        if (x.DType == DType.Float32) return x.Clone();
        Tensor y = Tensor.Allocate(DType.Float32, x.Shape);
        using BackendLease lease = BackendLease.Acquire();
        Conversions.HalfToFloat(lease.Backend, x.Live16().AsSpan(0, x.Length), y.Live32().AsSpan(0, y.Length));
        return y;
    }
}
