using System;
using System.Buffers;
using System.Globalization;
using System.Linq;
using System.Threading;

using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// A dense, contiguous, row-major (NCHW for rank 4) tensor of <see cref="DType.Float32"/> or <see cref="DType.Float16"/>
/// elements. Storage is rented from <see cref="ArrayPool{T}.Shared"/>: <see cref="Dispose"/> returns it (a tensor is
/// unusable afterwards), and a <see cref="TensorScope"/> disposes every tensor created inside it, so a benchmark
/// loop reuses buffers instead of allocating new ones. Not disposing is safe: the GC collects the buffer as usual.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] _shape;
    private float[]? _f32;
    private Half[]? _f16;
    // The other precision's values, kept after the first conversion (see Converted).
    private float[]? _converted;
    // Backends' prepared forms of this tensor's own values and of its converted values (see WeightSlot).
    private WeightSlot? _slot, _convertedSlot;

    private Tensor(DType dtype, int[] shape, StorageDomain storage)
    {
        _shape = shape;
        Storage = storage;
        Length = ElementCount(shape);
        DType = dtype;
        if (dtype == DType.Float32) _f32 = ArrayPool<float>.Shared.Rent(Math.Max(Length, 1));
        else _f16 = ArrayPool<Half>.Shared.Rent(Math.Max(Length, 1));
        TensorScope.Track(this);
    }

    /// <summary>
    /// The memory this tensor's values live in: the storage of the backend of the op that made it, or, for a tensor
    /// made by user code (<c>Tensor.FromArray</c>, <c>Zeros</c>, <c>Random</c>, <c>Load</c>…), of the current context's
    /// backend (<see cref="StorageDomain.Host"/> by default). The values are host arrays whatever the domain, so spans,
    /// <see cref="ToArray"/> and saving work on every tensor; an op on a backend of another domain copies them across
    /// first, as a counted transition (see <see cref="ToStorage"/>).
    /// </summary>
    public StorageDomain Storage { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>A copy of the dimensions (NCHW for rank 4).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Element strides of the contiguous row-major layout (the last dimension has stride 1).</summary>
    public int[] Strides
    {
        get
        {
            var strides = new int[_shape.Length];
            int stride = 1;
            for (int d = _shape.Length - 1; d >= 0; d--) { strides[d] = stride; stride *= _shape[d]; }
            return strides;
        }
    }

    /// <summary>True once <see cref="Dispose"/> returned the storage to the pool.</summary>
    public bool IsDisposed => _f32 is null && _f16 is null && _deferred is null && _device is null;

    /// <summary>Dimension <paramref name="d"/> (no copy).</summary>
    public int Dim(int d) => _shape[d];

    /// <summary>The elements of a Float32 tensor, in place (for custom ops).</summary>
    /// <exception cref="InvalidOperationException">The tensor is Float16 (use <see cref="AsHalfSpan"/>), or disposed.</exception>
    /// <remarks>Drops any cached conversion of this tensor (the caller may write through the span).</remarks>
    public Span<float> AsFloatSpan()
    {
        if (DType != DType.Float32) throw new InvalidOperationException($"This tensor {Describe()} is Float16; use AsHalfSpan() or Ops.ToFloat.");
        float[] values = Live32();
        ComputeReaders(); // deferred results that read the values before the caller changes them
        DropConverted();
        DropDevice(); // the caller may write through the span: a device copy would go stale
        return values.AsSpan(0, Length);
    }

    /// <summary>The elements of a Float16 tensor, in place (for custom ops).</summary>
    /// <exception cref="InvalidOperationException">The tensor is Float32 (use <see cref="AsFloatSpan"/>), or disposed.</exception>
    /// <remarks>Drops any cached conversion of this tensor (the caller may write through the span).</remarks>
    public Span<Half> AsHalfSpan()
    {
        if (DType != DType.Float16) throw new InvalidOperationException($"This tensor {Describe()} is Float32; use AsFloatSpan() or Ops.ToHalf.");
        Half[] values = Live16();
        ComputeReaders();
        DropConverted();
        DropDevice();
        return values.AsSpan(0, Length);
    }

    /// <summary>An fp32 copy of the elements, whatever the dtype (half values widen exactly).</summary>
    public float[] ToArray()
    {
        var result = new float[Length];
        if (DType == DType.Float32) Live32().AsSpan(0, Length).CopyTo(result);
        else
        {
            Half[] src = Live16();
            for (int i = 0; i < Length; i++) result[i] = (float)src[i];
        }
        return result;
    }

    /// <summary>Returns the storage to the pool. Idempotent; any later use of the tensor throws.</summary>
    public void Dispose()
    {
        if (!IsDisposed) ComputeReaders(); // deferred results that read the values, before they go back to the pool
        DropDeferred();
        DropConverted();
        DropDevice();
        if (_f32 is { } f32) { _f32 = null; ArrayPool<float>.Shared.Return(f32); }
        if (_f16 is { } f16) { _f16 = null; ArrayPool<Half>.Shared.Return(f16); }
    }

    /// <summary>Shape and dtype, e.g. <c>Float32[1,3,32,32]</c>.</summary>
    public override string ToString() => Describe();

    internal string Describe() => DType.ToString() + FormatShape(_shape);

    internal static string FormatShape(int[] shape) =>
        "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    internal float[] Live32()
    {
        if (_deferred is not null) Materialize();
        if (_f32 is null && _device is not null) Download();
        return _f32 ?? throw Disposed();
    }

    internal Half[] Live16()
    {
        if (_f16 is null && _device is not null) Download();
        return _f16 ?? throw Disposed();
    }

    /// <summary>An op's output: uninitialized, in <paramref name="storage"/> (the op backend's).</summary>
    internal static Tensor Allocate(DType dtype, int[] shape, StorageDomain storage) => new(dtype, shape, storage);

    /// <summary>A tensor made by user code: in the current context's storage.</summary>
    private static Tensor Create(DType dtype, int[] shape) => new(dtype, shape, TensorContext.StorageForNewTensors);

    /// <summary>
    /// A weight's values as the other precision's op reads them, once converted: for a Float32 tensor its values rounded
    /// to half (as fp32), for a Float16 tensor its values widened. Like HPVM, which converts weights in place on first use,
    /// a weight is converted once (one counted event), not on every call. Null until then; dropped on span access or Dispose.
    /// </summary>
    internal float[]? Converted => Volatile.Read(ref _converted);

    /// <summary>Publishes <paramref name="values"/> (rented) as <see cref="Converted"/>; returns the one that won a race.</summary>
    internal float[] PublishConverted(float[] values)
    {
        float[]? existing = Interlocked.CompareExchange(ref _converted, values, null);
        if (existing is null) return values;
        ArrayPool<float>.Shared.Return(values);
        return existing;
    }

    /// <summary>The slot for a prepared form of <see cref="Live32"/> (<paramref name="converted"/> false) or of <see cref="Converted"/>.</summary>
    internal WeightSlot Slot(bool converted)
    {
        ref WeightSlot? slot = ref converted ? ref _convertedSlot : ref _slot;
        return Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, new WeightSlot(), null) ?? slot;
    }

    private void DropConverted()
    {
        DropResident();
        _slot?.Clear();
        _convertedSlot?.Clear();
        if (Interlocked.Exchange(ref _converted, null) is { } old) ArrayPool<float>.Shared.Return(old);
    }

    private ObjectDisposedException Disposed() =>
        new(nameof(Tensor), $"The tensor {Describe()} was disposed (returned to the buffer pool) and cannot be used.");

    internal static int ElementCount(int[] shape)
    {
        if (shape.Length == 0) throw new ArgumentException("A tensor needs at least one dimension.", nameof(shape));
        long count = 1;
        foreach (int d in shape)
        {
            if (d <= 0) throw new ArgumentException($"Tensor dimensions must be positive; got {FormatShape(shape)}.", nameof(shape));
            count *= d;
            if (count > Array.MaxLength) throw new ArgumentException($"Tensor {FormatShape(shape)} has more than {Array.MaxLength} elements.", nameof(shape));
        }
        return (int)count;
    }
}
