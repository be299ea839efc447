using System;
using System.Buffers;
using System.Threading;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

// Where a tensor's values live, and copies across storage domains. Every domain holds host arrays today; a non-host
// domain models memory of its own, so a tensor read by a backend of another domain is copied into that domain first,
// as a timed, counted transition. A weight keeps its copy (one domain at a time), so repeated runs copy it once.
public sealed partial class Tensor
{
    private Resident? _resident;

    /// <summary>
    /// A copy of this tensor in <paramref name="storage"/> (same shape and dtype). Crossing from one memory to another is a
    /// transition, timed and counted in <see cref="TransferCounters"/>; within one memory it is a plain copy.
    /// </summary>
    public Tensor ToStorage(StorageDomain storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Tensor copy = Allocate(DType, (int[])_shape.Clone(), storage);
        CopyValuesTo(copy);
        return copy;
    }

    /// <summary>Copies this tensor's values into <paramref name="target"/> (as many elements, same dtype), across domains as a transition.</summary>
    internal void CopyValuesTo(Tensor target)
    {
        bool apart = target.Storage.IsApartFrom(Storage);
        if (apart && target.Storage.IsHost && _device is { } device && IsOnDeviceOnly)
        {
            // Straight from the device into the target: one d2h transition.
            if (DType == DType.Float32) Transfers.Download(device, target.Live32().AsSpan(0, Length));
            else Transfers.Download(device, target.Live16().AsSpan(0, Length));
            return;
        }
        if (DType == DType.Float32)
        {
            ReadOnlySpan<float> src = Live32().AsSpan(0, Length);
            Span<float> dst = target.Live32().AsSpan(0, Length);
            if (apart) Transfers.Copy(src, dst, Storage, target.Storage);
            else src.CopyTo(dst);
        }
        else
        {
            ReadOnlySpan<Half> src = Live16().AsSpan(0, Length);
            Span<Half> dst = target.Live16().AsSpan(0, Length);
            if (apart) Transfers.Copy(src, dst, Storage, target.Storage);
            else src.CopyTo(dst);
        }
    }

    /// <summary>A rented copy of this tensor's values in <paramref name="storage"/> (a counted transition); the caller returns it.</summary>
    internal void RentCopyIn(StorageDomain storage, out float[]? f32, out Half[]? f16)
    {
        f32 = null;
        f16 = null;
        int n = Length;
        if (storage.IsHost && _device is { } device && IsOnDeviceOnly)
        {
            // Straight from the device: one d2h transition.
            if (DType == DType.Float32) Transfers.Download(device, (f32 = ArrayPool<float>.Shared.Rent(Math.Max(n, 1))).AsSpan(0, n));
            else Transfers.Download(device, (f16 = ArrayPool<Half>.Shared.Rent(Math.Max(n, 1))).AsSpan(0, n));
            return;
        }
        if (DType == DType.Float32)
        {
            float[] src = Live32();
            f32 = ArrayPool<float>.Shared.Rent(Math.Max(n, 1));
            Transfers.Copy<float>(src.AsSpan(0, n), f32.AsSpan(0, n), Storage, storage);
        }
        else
        {
            Half[] src = Live16();
            f16 = ArrayPool<Half>.Shared.Rent(Math.Max(n, 1));
            Transfers.Copy<Half>(src.AsSpan(0, n), f16.AsSpan(0, n), Storage, storage);
        }
    }

    /// <summary>
    /// A weight's values kept in <paramref name="storage"/>: copied (a counted transition) on first use, then reused until
    /// the values may change (a writable span is handed out, the tensor is disposed). One domain at a time.
    /// </summary>
    internal Resident ResidentIn(StorageDomain storage)
    {
        Resident? existing = Volatile.Read(ref _resident);
        if (existing is not null && ReferenceEquals(existing.Storage, storage)) return existing;
        RentCopyIn(storage, out float[]? f32, out Half[]? f16);
        var made = new Resident(storage, f32, f16);
        Resident? raced = Interlocked.CompareExchange(ref _resident, made, existing);
        if (raced == existing) return made; // an entry for another domain is left to the GC: a reader may still hold it
        made.Return();
        return raced is not null && ReferenceEquals(raced.Storage, storage) ? raced : ResidentIn(storage);
    }

    private void DropResident()
    {
        if (Interlocked.Exchange(ref _resident, null) is { } old) old.Return();
    }

    /// <summary>A weight's values copied into another storage domain.</summary>
    internal sealed class Resident(StorageDomain storage, float[]? f32, Half[]? f16)
    {
        public StorageDomain Storage { get; } = storage;
        public float[]? F32 { get; } = f32;
        public Half[]? F16 { get; } = f16;

        public void Return()
        {
            if (F32 is not null) ArrayPool<float>.Shared.Return(F32);
            if (F16 is not null) ArrayPool<Half>.Shared.Return(F16);
        }
    }
}
