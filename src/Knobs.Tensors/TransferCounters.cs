namespace Knobs.Tensors;

/// <summary>
/// Copies of tensors between storage domains (see <see cref="Backends.StorageDomain"/>) done inside ops are separate,
/// measured events, like HPVM's host-to-device and device-to-host columns. A copy into a non-host domain is h2d, a copy
/// from a non-host domain into the host is d2h, and a copy between two non-host domains goes through the host (d2h then
/// h2d). Ops add the Stopwatch ticks, bytes and copies here, on the calling thread; a profiler reads the deltas around each op.
/// </summary>
public static class TransferCounters
{
    /// <summary>Stopwatch ticks spent copying into non-host domains.</summary>
    [System.ThreadStatic] public static long H2DTicks;

    /// <summary>Bytes copied into non-host domains.</summary>
    [System.ThreadStatic] public static long H2DBytes;

    /// <summary>Copies into non-host domains.</summary>
    [System.ThreadStatic] public static long H2DCount;

    /// <summary>Stopwatch ticks spent copying out of non-host domains.</summary>
    [System.ThreadStatic] public static long D2HTicks;

    /// <summary>Bytes copied out of non-host domains.</summary>
    [System.ThreadStatic] public static long D2HBytes;

    /// <summary>Copies out of non-host domains.</summary>
    [System.ThreadStatic] public static long D2HCount;
}
