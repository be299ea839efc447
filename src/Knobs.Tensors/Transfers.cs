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
