using System;
using System.IO;
using System.Linq;

namespace Knobs.Benchmarks;

/// <summary>What a suite prints about the machine it measured on.</summary>
internal static class MachineInfo
{
    /// <summary>The first "model name" of /proc/cpuinfo, or "unknown".</summary>
    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages of /proc/loadavg, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
