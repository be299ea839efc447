using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Knobs.Profiles;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Probing;

/// <summary>Describes the machine and runtime a profile was measured on (the profile header's <c>environment</c>).</summary>
public static class EnvironmentProbe
{
    /// <summary>Collects the environment; <paramref name="appAssembly"/> is hashed (sha256 of its file).</summary>
    public static ProfileEnvironment Collect(IBackend backend, string meter, Assembly? appAssembly)
    {
        return new ProfileEnvironment(
            CpuModel(),
            System.Environment.ProcessorCount,
            RuntimeInformation.OSDescription.Trim(),
            System.Environment.Version.ToString(),
            JitSettings(),
            GcSettings(),
            backend.Threads,
            backend.Name,
            KnobsCoreInfo.Version,
            meter,
            ReadFirstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"),
            AppHash(appAssembly),
            System.Environment.MachineName);
    }

    /// <summary>
    /// The CPU device the tensor runtime runs on, from the <paramref name="environment"/> already probed (model, logical
    /// cores, threads used, backend, governor) and what it does not hold: cache sizes from sysfs
    /// (<c>l1d</c>, <c>l1i</c>, <c>l2</c>, <c>l3</c> as sysfs writes them, e.g. <c>32K</c>), the widest hardware SIMD vector
    /// in bits, and the frequency governor. A value that cannot be read is <c>unknown</c>.
    /// </summary>
    public static ProfileDevice CpuDevice(ProfileEnvironment environment)
    {
        var properties = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cores"] = environment.Cores.ToString(CultureInfo.InvariantCulture),
            ["threads"] = environment.Threads.ToString(CultureInfo.InvariantCulture),
            ["backend"] = environment.Backend,
            ["simdBits"] = SimdBits().ToString(CultureInfo.InvariantCulture),
            ["governor"] = environment.Governor ?? "unknown",
            ["l1d"] = "unknown",
            ["l1i"] = "unknown",
            ["l2"] = "unknown",
            ["l3"] = "unknown",
        };
        for (int index = 0; index < 8; index++)
        {
            string dir = "/sys/devices/system/cpu/cpu0/cache/index" + index.ToString(CultureInfo.InvariantCulture);
            string? level = ReadFirstLine(dir + "/level"), type = ReadFirstLine(dir + "/type"), size = ReadFirstLine(dir + "/size");
            if (level is null || type is null || size is null) continue;
            string key = "l" + level + (level == "1" ? (type == "Instruction" ? "i" : "d") : "");
            if (properties.ContainsKey(key)) properties[key] = size;
        }
        return new ProfileDevice(ProfileDevice.Cpu, environment.CpuModel, properties);
    }

    // The widest vector instructions the CPU has (the Cpu backend's kernels use them directly, whatever width .NET's
    // portable Vector<T> prefers on this CPU).
    private static int SimdBits() =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported || System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512
        : System.Runtime.Intrinsics.X86.Avx2.IsSupported || System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>The CPU model from /proc/cpuinfo (Linux), else the processor architecture.</summary>
    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0 && line.Substring(0, colon).Trim() is "model name" or "Model" or "Processor")
                    {
                        string model = line.Substring(colon + 1).Trim();
                        if (model.Length > 0) return model;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Fall through to the architecture: the model is descriptive, not essential.
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>Tiered compilation, tiered PGO, quick JIT for loops and ReadyToRun, as this process runs them.</summary>
    public static string JitSettings() => string.Join(",",
        "TieredCompilation=" + Switch("System.Runtime.TieredCompilation", "DOTNET_TieredCompilation", true),
        "TieredPGO=" + Switch("System.Runtime.TieredPGO", "DOTNET_TieredPGO", true),
        "QuickJitForLoops=" + Switch("System.Runtime.TieredCompilation.QuickJitForLoops", "DOTNET_TC_QuickJitForLoops", true),
        "ReadyToRun=" + Switch("System.Runtime.ReadyToRun", "DOTNET_ReadyToRun", true));

    /// <summary>Server or workstation GC, concurrent or not, and the latency mode.</summary>
    public static string GcSettings() => string.Join(",",
        GCSettings.IsServerGC ? "Server" : "Workstation",
        Switch("System.GC.Concurrent", "DOTNET_gcConcurrent", true) == "1" ? "Concurrent" : "NonConcurrent",
        GCSettings.LatencyMode.ToString());

    /// <summary><c>sha256:</c> and the hex digest of the assembly's file, or null when it has no file.</summary>
    public static string? AppHash(Assembly? assembly)
    {
        string? path = assembly?.Location;
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    // Environment variables override runtimeconfig switches, which override the runtime's default.
    private static string Switch(string appContextName, string environmentName, bool defaultValue)
    {
        string? env = System.Environment.GetEnvironmentVariable(environmentName);
        if (env is "0" or "1") return env;
        object? data = AppContext.GetData(appContextName);
        bool value = data switch
        {
            bool b => b,
            string s when bool.TryParse(s, out bool parsed) => parsed,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) => i != 0,
            _ => defaultValue,
        };
        return value ? "1" : "0";
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            string text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
