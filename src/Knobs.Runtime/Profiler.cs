using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Knobs.Runtime;

/// <summary>
/// The per-tensor hooks the generated variants call around every op:
/// <code>long t = Profiler.Begin(); x = Ops.Convolution(...); Profiler.End(opIndex, t);</code>
/// Zero allocations. Recording goes to the session the runner installed (<see cref="ProfileSession"/>);
/// with none installed, End does nothing.
/// </summary>
public static class Profiler
{
    /// <summary>Starts timing one op call; returns the start timestamp to pass to <see cref="End"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Begin()
    {
        // Only a session with a measuring energy meter reads it per op; the time is taken after the reading.
        if (ProfileSession.PerOpEnergy) ProfileSession.Current?.BeginOpEnergy();
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Ends timing the op call at <paramref name="opIndex"/> started at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(int opIndex, long start)
    {
        long end = Stopwatch.GetTimestamp();
        ProfileSession.Current?.Record(opIndex, end - start);
    }
}
