using System.Runtime.CompilerServices;

namespace Knobs.Tensors.Backends;

/// <summary>
/// How a backend's ops are timed. A profiler calls <see cref="Begin"/> before an op and <see cref="End"/> after it; a
/// backend whose kernels run asynchronously (a device queue) supplies a timer that waits for, or reads, the device's own
/// clock, so the time is the op's and not its launch's. Host backends use <see cref="Stopwatch"/>.
/// </summary>
public abstract class OpTimer
{
    /// <summary>The timer that reads <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>: what every host backend uses.</summary>
    public static OpTimer Stopwatch { get; } = new StopwatchOpTimer();

    /// <summary>A short name for reports, e.g. <c>stopwatch</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A start token for <see cref="End"/>: taken just before the timed work.</summary>
    public abstract long Begin();

    /// <summary>
    /// The time since <paramref name="begin"/> (a token from <see cref="Begin"/>), in <see cref="System.Diagnostics.Stopwatch"/>
    /// ticks; for a timer that <see cref="Defers"/>, a token for <see cref="Resolve"/> instead.
    /// </summary>
    public abstract long End(long begin);

    /// <summary>
    /// True when an op's time is known only once the device has run it (a queue): <see cref="End"/> then returns a token
    /// without waiting, and <see cref="Resolve"/> turns it into the time after the queued work has finished. A profiler
    /// resolves its tokens at the end of each run, so the host never waits for the device between ops.
    /// </summary>
    public virtual bool Defers => false;

    /// <summary>The time, in Stopwatch ticks, of the op whose <see cref="End"/> returned <paramref name="token"/>; waits for it if needed.</summary>
    public virtual long Resolve(long token) => token;

    /// <summary>Gives up a token of <see cref="End"/> without reading its time.</summary>
    public virtual void Drop(long token)
    {
    }
}

// Sealed with trivial bodies, so a call the JIT can see the type of (or guess it, with PGO) inlines to GetTimestamp.
internal sealed class StopwatchOpTimer : OpTimer
{
    public override string Name => "stopwatch";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Begin() => System.Diagnostics.Stopwatch.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long End(long begin) => System.Diagnostics.Stopwatch.GetTimestamp() - begin;
}
