using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Cuda.Native;

/// <summary>NVML (libnvidia-ml.so.1): device identity, clocks, power limit, throttle reasons and the energy counter.</summary>
internal static unsafe partial class Nvml
{
    private const string Lib = CudaLibrarySpec.NvmlImport;

    public const int ClockGraphics = 0;
    public const int ClockSm = 1;
    public const int ClockMem = 2;
    public const int ErrorNotSupported = 3;

    [LibraryImport(Lib, EntryPoint = "nvmlInit_v2")] public static partial int nvmlInit();
    [LibraryImport(Lib)] public static partial int nvmlShutdown();
    [LibraryImport(Lib)] public static partial byte* nvmlErrorString(int status);
    [LibraryImport(Lib)] public static partial int nvmlSystemGetDriverVersion(byte* version, uint length);
    [LibraryImport(Lib, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")] public static partial int nvmlDeviceGetHandleByIndex(uint index, out nint device);
    [LibraryImport(Lib, EntryPoint = "nvmlDeviceGetHandleByPciBusId_v2")] public static partial int nvmlDeviceGetHandleByPciBusId(byte* busId, out nint device);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetName(nint device, byte* name, uint length);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetClockInfo(nint device, int type, out uint mhz);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetMaxClockInfo(nint device, int type, out uint mhz);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetPowerManagementLimit(nint device, out uint milliwatts);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetEnforcedPowerLimit(nint device, out uint milliwatts);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetPowerUsage(nint device, out uint milliwatts);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetTemperature(nint device, int sensor, out uint celsius);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetCurrentClocksThrottleReasons(nint device, out ulong reasons);
    [LibraryImport(Lib)] public static partial int nvmlDeviceGetTotalEnergyConsumption(nint device, out ulong millijoules);

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is NVML_SUCCESS.</summary>
    public static void Check(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status == 0) return;
        throw new CudaException(CudaLibrary.Nvml, CuDriver.CallName(call), status, Marshal.PtrToStringUTF8((nint)nvmlErrorString(status)) ?? "unknown");
    }
}
