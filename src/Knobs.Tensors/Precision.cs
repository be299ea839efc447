using System;
using System.Buffers;
using System.Diagnostics;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// An op's input as fp32 values at the op's precision. An fp32 op reading a Float16 tensor converts it (an h2f event);
/// a Half op reading a Float32 tensor rounds it to half (an f2h event). Both events are timed and counted in
/// <see cref="ConversionCounters"/>: an activation on every call, a weight once (its converted values are cached on the
/// tensor, as HPVM converts weights in place on first use). Widening a Float16 tensor for a Half op's fp32 kernel is part of
/// that op, not an event.
/// </summary>
internal readonly struct Operand : IDisposable
{
    private readonly float[] _values;
    private readonly int _length;
    private readonly bool _rented;

    private Operand(float[] values, int length, bool rented, WeightSlot? slot = null)
    {
        _values = values;
        _length = length;
        _rented = rented;
        Slot = slot;
    }

    public ReadOnlySpan<float> Span => _values.AsSpan(0, _length);

    /// <summary>For a weight whose values stay put between calls (its own or its cached conversion): where a backend may keep a prepared form.</summary>
    public WeightSlot? Slot { get; }

    /// <summary>
    /// <paramref name="t"/> at the op's precision, in <paramref name="backend"/>'s storage domain. <paramref name="weight"/>:
    /// the operand is a parameter (filter, fully connected matrix, bias, batch-norm statistics), whose conversion — and
    /// copy into another storage domain — is cached on the tensor (HPVM converts such tensors in place once), while an
    /// activation is converted and copied on every call, as a new batch would be.
    /// </summary>
    public static Operand Read(Tensor t, bool half, IBackend backend, bool weight = false)
    {
        StorageDomain here = backend.Storage;
        if (here.IsApartFrom(t.Storage)) return ReadAcross(t, half, backend, here, weight);
        if (!half && t.DType == DType.Float32) return new Operand(t.Live32(), t.Length, rented: false, weight ? t.Slot(converted: false) : null);
        return At(t, t.DType == DType.Float32 ? t.Live32() : null, t.DType == DType.Float16 ? t.Live16() : null, half, backend, weight, ownsSource: false);
    }

    // An operand that lives in another storage domain: copied into the backend's first (a transition), a weight once.
    private static Operand ReadAcross(Tensor t, bool half, IBackend backend, StorageDomain here, bool weight)
    {
        if (weight)
        {
            Tensor.Resident resident = t.ResidentIn(here);
            if (!half && resident.F32 is { } values) return new Operand(values, t.Length, rented: false, t.Slot(converted: false));
            return At(t, resident.F32, resident.F16, half, backend, weight, ownsSource: false);
        }
        t.RentCopyIn(here, out float[]? f32, out Half[]? f16);
        if (!half && f32 is not null) return new Operand(f32, t.Length, rented: true);
        return At(t, f32, f16, half, backend, weight, ownsSource: true);
    }

    // t's values (src32 or src16, by its dtype) at the op's precision. ownsSource: the source is rented for this call.
    private static Operand At(Tensor t, float[]? src32, Half[]? src16, bool half, IBackend backend, bool weight, bool ownsSource)
    {
        int n = t.Length;
        try
        {
            if (half && src16 is not null)
            {
                float[] widened = ArrayPool<float>.Shared.Rent(n);
                backend.HalfToFloat(src16.AsSpan(0, n), widened.AsSpan(0, n));
                return new Operand(widened, n, rented: true);
            }
            // A precision change (a counted event); a weight's converted values are cached on it.
            if (weight && t.Converted is { } cached) return new Operand(cached, n, rented: false, t.Slot(converted: true));
            float[] values = ArrayPool<float>.Shared.Rent(n);
            if (src16 is not null)
            {
                Conversions.HalfToFloat(backend, src16.AsSpan(0, n), values.AsSpan(0, n));
            }
            else
            {
                Half[] rounded = ArrayPool<Half>.Shared.Rent(n);
                Conversions.FloatToHalf(backend, src32!.AsSpan(0, n), rounded.AsSpan(0, n));
                backend.HalfToFloat(rounded.AsSpan(0, n), values.AsSpan(0, n));
                ArrayPool<Half>.Shared.Return(rounded);
            }
            return weight ? new Operand(t.PublishConverted(values), n, rented: false, t.Slot(converted: true)) : new Operand(values, n, rented: true);
        }
        finally
        {
            if (ownsSource)
            {
                if (src32 is not null) ArrayPool<float>.Shared.Return(src32);
                if (src16 is not null) ArrayPool<Half>.Shared.Return(src16);
            }
        }
    }

    public void Dispose()
    {
        if (_rented) ArrayPool<float>.Shared.Return(_values);
    }
}

/// <summary>
/// An op's output, in the op backend's storage domain: fp32 ops write the result tensor in place; Half ops compute fp32
/// and round into half storage.
/// </summary>
internal readonly struct Result
{
    private readonly Tensor _tensor;
    private readonly float[] _values;

    public Result(bool half, int[] shape, IBackend backend)
    {
        _tensor = Tensor.Allocate(half ? DType.Float16 : DType.Float32, shape, backend.Storage);
        _values = half ? ArrayPool<float>.Shared.Rent(_tensor.Length) : _tensor.Live32();
    }

    public Span<float> Span => _values.AsSpan(0, _tensor.Length);

    public Tensor Finish(IBackend backend)
    {
        if (_tensor.DType == DType.Float16)
        {
            backend.FloatToHalf(Span, _tensor.Live16().AsSpan(0, _tensor.Length));
            ArrayPool<float>.Shared.Return(_values);
        }
        return _tensor;
    }
}

/// <summary>The timed, counted conversion events (f2h, h2f).</summary>
internal static class Conversions
{
    public static void FloatToHalf(IBackend backend, ReadOnlySpan<float> src, Span<Half> dst)
    {
        long start = Stopwatch.GetTimestamp();
        backend.FloatToHalf(src, dst);
        ConversionCounters.F2HTicks += Stopwatch.GetTimestamp() - start;
        ConversionCounters.F2HCount += dst.Length;
    }

    public static void HalfToFloat(IBackend backend, ReadOnlySpan<Half> src, Span<float> dst)
    {
        long start = Stopwatch.GetTimestamp();
        backend.HalfToFloat(src, dst);
        ConversionCounters.H2FTicks += Stopwatch.GetTimestamp() - start;
        ConversionCounters.H2FCount += dst.Length;
    }
}
