using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Knobs.Runtime;

namespace Knobs.Benchmarks.Hooks;

/// <summary>
/// The cost of one Begin/End hook pair with a session installed (the PerTensor hot path: two timestamps, the
/// conversion-counter reads and the slot update) against the floor of two <see cref="Stopwatch.GetTimestamp"/> calls,
/// measured in alternating rounds of the same run so machine noise hits both alike.
/// </summary>
internal static class HookCost
{
    private static long s_sink;

    public sealed record Result(double HookNs, double FloorNs, double IdleHookNs, long HookAllocatedBytes, int Rounds, long PairsPerRound)
    {
        public double Ratio => HookNs / FloorNs;
    }

    public static Result Measure(int rounds, long pairs)
    {
        var session = new ProfileSession(16);
        Floor(pairs / 10); Hooks(session, pairs / 10, out _); Idle(pairs / 10); // JIT to tier 1 (loops go through OSR first)
        var floor = new double[rounds];
        var hooks = new double[rounds];
        var idle = new double[rounds];
        long allocated = 0;
        for (int r = 0; r < rounds; r++)
        {
            floor[r] = Floor(pairs);
            hooks[r] = Hooks(session, pairs, out long bytes);
            allocated += bytes;
            idle[r] = Idle(pairs);
        }
        return new Result(Median(hooks), Median(floor), Median(idle), allocated, rounds, pairs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Floor(long pairs)
    {
        long sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < pairs; i++)
        {
            long a = Stopwatch.GetTimestamp();
            long b = Stopwatch.GetTimestamp();
            sink += b - a;
        }
        long ticks = Stopwatch.GetTimestamp() - start;
        s_sink += sink;
        return ticks * 1e9 / Stopwatch.Frequency / pairs;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Hooks(ProfileSession session, long pairs, out long allocated)
    {
        long ticks;
        // Entering the session's context (once per round, as the runner does once per variant) allocates the context; the
        // hook pairs inside it must not.
        using (session.Activate())
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < pairs; i++)
            {
                long t = Profiler.Begin();
                Profiler.End((int)(i & 15), t);
            }
            ticks = Stopwatch.GetTimestamp() - start;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        s_sink += session.Calls(0);
        session.Reset();
        return ticks * 1e9 / Stopwatch.Frequency / pairs;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Idle(long pairs)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < pairs; i++)
        {
            long t = Profiler.Begin();
            Profiler.End((int)(i & 15), t);
        }
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / pairs;
    }

    public static double Median(double[] values)
    {
        double[] s = values.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
