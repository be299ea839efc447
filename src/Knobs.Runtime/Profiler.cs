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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Begin() => Stopwatch.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(int opIndex, long start)
    {
        long end = Stopwatch.GetTimestamp();
        ProfileSession.Current?.Record(opIndex, end - start);
    }
}
