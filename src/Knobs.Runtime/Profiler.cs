using System.Runtime.CompilerServices;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime;

/// <summary>
/// The per-tensor hooks the generated <c>Run</c> calls around every op:
/// <code>long t = Profiler.Begin(); x = Ops.Convolution(...); Profiler.End(opIndex, t);</code>
/// Both read the current <see cref="TensorContext"/> once: its backend's <see cref="OpTimer"/> takes the time, and its
/// session (a <see cref="ProfileSession"/> the runner entered) records it; with no session, End records nothing.
/// Zero allocations.
/// </summary>
public static class Profiler
{
    /// <summary>Starts timing one op call; returns the start token to pass to <see cref="End"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Begin()
    {
        TensorContext context = TensorContext.Current;
        // Only a session with a measuring energy meter reads it per op; the time is taken after the reading.
        if (context.Session is ProfileSession { MeasuresEnergy: true } session) session.BeginOpEnergy();
        OpTimer timer = context.Timer;
        return ReferenceEquals(timer, OpTimer.Stopwatch) ? System.Diagnostics.Stopwatch.GetTimestamp() : timer.Begin();
    }

    /// <summary>Ends timing the op call at <paramref name="opIndex"/> started at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(int opIndex, long start)
    {
        TensorContext context = TensorContext.Current;
        OpTimer timer = context.Timer;
        if (ReferenceEquals(timer, OpTimer.Stopwatch))
        {
            long elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - start;
            if (context.Session is ProfileSession session) session.Record(opIndex, elapsed);
            return;
        }
        EndOnDevice(context, timer, opIndex, start);
    }

    // A timer that is not the Stopwatch: a deferring one hands the session a token, resolved when the run ends.
    private static void EndOnDevice(TensorContext context, OpTimer timer, int opIndex, long start)
    {
        long value = timer.End(start);
        if (context.Session is not ProfileSession session)
        {
            if (timer.Defers) timer.Drop(value);
            return;
        }
        if (timer.Defers) session.RecordDeferred(opIndex, value, timer);
        else session.Record(opIndex, value);
    }
}
