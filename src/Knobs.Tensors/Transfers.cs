using System;
using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>The timed, counted copies between storage domains (h2d, d2h; see <see cref="TransferCounters"/>).</summary>
internal static class Transfers
{
    /// <summary>
    /// Copies <paramref name="src"/>, which lives in <paramref name="from"/>, into <paramref name="dst"/> in
    /// <paramref name="to"/> (two domains apart). Between two non-host domains the copy goes through a host buffer.
    /// </summary>
    public static void Copy<T>(ReadOnlySpan<T> src, Span<T> dst, StorageDomain from, StorageDomain to) where T : unmanaged
    {
        long bytes = (long)src.Length * Unsafe.SizeOf<T>();
        if (from.IsHost || to.IsHost)
        {
            long start = Stopwatch.GetTimestamp();
            src.CopyTo(dst);
            Count(toHost: to.IsHost, Stopwatch.GetTimestamp() - start, bytes);
            return;
        }
        T[] staging = ArrayPool<T>.Shared.Rent(Math.Max(src.Length, 1));
        try
        {
            long start = Stopwatch.GetTimestamp();
            src.CopyTo(staging);
            long middle = Stopwatch.GetTimestamp();
            Count(toHost: true, middle - start, bytes);
            staging.AsSpan(0, src.Length).CopyTo(dst);
            Count(toHost: false, Stopwatch.GetTimestamp() - middle, bytes);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(staging);
        }
    }

    /// <summary>Host values copied into <paramref name="kernels"/>' memory: an h2d transition, timed and counted.</summary>
    public static DeviceValues Upload<T>(IDeviceKernels kernels, ReadOnlySpan<T> values) where T : unmanaged
    {
        long start = Stopwatch.GetTimestamp();
        DeviceValues made = typeof(T) == typeof(float)
            ? kernels.Upload(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(values))
            : kernels.Upload(System.Runtime.InteropServices.MemoryMarshal.Cast<T, Half>(values));
        Count(toHost: false, Stopwatch.GetTimestamp() - start, (long)values.Length * Unsafe.SizeOf<T>());
        return made;
    }

    /// <summary>Device values copied into host memory: a d2h transition, timed and counted (it waits for the device's earlier work).</summary>
    public static void Download<T>(DeviceValues values, Span<T> destination) where T : unmanaged
    {
        long start = Stopwatch.GetTimestamp();
        if (typeof(T) == typeof(float)) values.Download(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination));
        else values.Download(System.Runtime.InteropServices.MemoryMarshal.Cast<T, Half>(destination));
        Count(toHost: true, Stopwatch.GetTimestamp() - start, (long)destination.Length * Unsafe.SizeOf<T>());
    }

    private static void Count(bool toHost, long ticks, long bytes)
    {
        if (toHost)
        {
            TransferCounters.D2HTicks += ticks;
            TransferCounters.D2HBytes += bytes;
            TransferCounters.D2HCount++;
        }
        else
        {
            TransferCounters.H2DTicks += ticks;
            TransferCounters.H2DBytes += bytes;
            TransferCounters.H2DCount++;
        }
    }
}
