using System;
using System.Runtime.InteropServices;

namespace Knobs.Runtime.CoRunning;

/// <summary>Pins the calling thread to one logical core (Linux <c>sched_setaffinity</c>).</summary>
internal static partial class CorePinning
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);

    /// <summary>The cores a co-run can name: this process's logical processors, at most 64.</summary>
    public static int Cores => Math.Min(Environment.ProcessorCount, 64);

    /// <summary>Runs the calling thread on <paramref name="core"/> only.</summary>
    public static void Pin(int core)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("pinning a co-run's threads to cores needs Linux (sched_setaffinity)");
        if (core < 0 || core >= Cores) throw new ArgumentOutOfRangeException(nameof(core), core, $"this machine has cores 0..{Cores - 1}");
        ulong mask = 1UL << core;
        if (sched_setaffinity(0, sizeof(ulong), ref mask) != 0)
        {
            throw new InvalidOperationException($"could not pin a thread to core {core} (sched_setaffinity failed, errno {Marshal.GetLastPInvokeError()})");
        }
    }
}
