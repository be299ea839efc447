using System;

namespace Knobs.Tensors;

public sealed partial class Tensor
{
    /// <summary>A Float32 tensor holding a copy of <paramref name="data"/> (row-major) with the given shape.</summary>
    /// <exception cref="ArgumentException">The element count of <paramref name="shape"/> differs from <c>data.Length</c>.</exception>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int[] dims = (int[])shape.Clone();
        long expected = 1;
        foreach (int d in dims) expected *= d;
        if (expected != data.Length)
        {
            throw new ArgumentException(
                $"Tensor.FromArray: shape {FormatShape(dims)} holds {expected} elements but the data has {data.Length}.", nameof(data));
        }
        var t = Create(DType.Float32, dims);
        data.AsSpan().CopyTo(t.Live32());
        return t;
    }

    /// <summary>A Float32 tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => Filled(DType.Float32, shape);

    /// <summary>A tensor of zeros of the given dtype.</summary>
    public static Tensor Zeros(DType dtype, params int[] shape) => Filled(dtype, shape);

    /// <summary>
    /// A tensor with unspecified contents (pooled memory is reused), for custom ops that overwrite every element.
    /// </summary>
    public static Tensor Uninitialized(DType dtype, params int[] shape) => Create(dtype, (int[])shape.Clone());

    /// <summary>
    /// A Float32 tensor of values uniform in [-1, 1), deterministic for (<paramref name="shape"/>, <paramref name="seed"/>)
    /// on every machine and .NET version: SplitMix64 from the seed, each value <c>(z &gt;&gt; 40)·2⁻²³ − 1</c>.
    /// </summary>
    public static Tensor Random(int[] shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var t = Create(DType.Float32, (int[])shape.Clone());
        var rng = new SplitMix64(unchecked((ulong)(long)seed));
        Span<float> data = t.AsFloatSpan();
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextSymmetricUnit();
        return t;
    }

    /// <summary>A same-shape, same-dtype copy in the same storage domain.</summary>
    public Tensor Clone()
    {
        var t = new Tensor(DType, (int[])_shape.Clone(), Storage);
        if (DType == DType.Float32) Live32().AsSpan(0, Length).CopyTo(t.Live32());
        else Live16().AsSpan(0, Length).CopyTo(t.Live16());
        return t;
    }

    private static Tensor Filled(DType dtype, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var t = Create(dtype, (int[])shape.Clone());
        if (dtype == DType.Float32) t.AsFloatSpan().Clear();
        else t.AsHalfSpan().Clear();
        return t;
    }
}
