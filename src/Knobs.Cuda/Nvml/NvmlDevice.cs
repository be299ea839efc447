using System;
using System.Runtime.InteropServices;
using System.Text;
using Knobs.Cuda.Native;

namespace Knobs.Cuda.Nvml;

/// <summary>NVML's view of one GPU (matched to a <see cref="CudaDevice"/> by PCI bus id). Reads only: clocks are recorded, never changed.</summary>
public sealed unsafe class NvmlDevice : IDisposable
{
    private static readonly object Gate = new();
    private static int _users;
    private nint _handle;

    private NvmlDevice(nint handle) => _handle = handle;

    /// <summary>NVML's handle for the GPU at <paramref name="pciBusId"/> (see <see cref="CudaDevice.PciBusId"/>).</summary>
    /// <exception cref="CudaLibraryNotFoundException">libnvidia-ml.so.1 is not installed.</exception>
    public static NvmlDevice Open(string pciBusId)
    {
        ArgumentException.ThrowIfNullOrEmpty(pciBusId);
        CudaNativeLibraries.Ensure(CudaLibrary.Nvml);
        lock (Gate)
        {
            if (_users == 0) Native.Nvml.Check(Native.Nvml.nvmlInit());
            _users++;
        }
        byte[] id = Encoding.ASCII.GetBytes(pciBusId + "\0");
        nint handle;
        fixed (byte* p = id) Native.Nvml.Check(Native.Nvml.nvmlDeviceGetHandleByPciBusId(p, out handle));
        return new NvmlDevice(handle);
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(NvmlDevice));

    /// <summary>The cumulative energy the GPU has used since the driver loaded, in millijoules (updated about every 100 ms).</summary>
    public ulong TotalEnergyMillijoules
    {
        get
        {
            Native.Nvml.Check(Native.Nvml.nvmlDeviceGetTotalEnergyConsumption(Handle, out ulong mj));
            return mj;
        }
    }

    /// <summary>Name, driver, clocks, power limit and throttle reasons, now.</summary>
    public GpuInfo ReadInfo()
    {
        byte* name = stackalloc byte[96];
        Native.Nvml.Check(Native.Nvml.nvmlDeviceGetName(Handle, name, 96));
        byte* driver = stackalloc byte[96];
        Native.Nvml.Check(Native.Nvml.nvmlSystemGetDriverVersion(driver, 96));
        return new GpuInfo(
            Marshal.PtrToStringUTF8((nint)name) ?? "",
            Marshal.PtrToStringUTF8((nint)driver) ?? "",
            Clock(Native.Nvml.ClockSm, max: false), Clock(Native.Nvml.ClockSm, max: true),
            Clock(Native.Nvml.ClockMem, max: false), Clock(Native.Nvml.ClockMem, max: true),
            Optional(Native.Nvml.nvmlDeviceGetPowerManagementLimit(Handle, out uint limit), limit) is { } l ? l / 1000.0 : null,
            Optional(Native.Nvml.nvmlDeviceGetPowerUsage(Handle, out uint usage), usage) is { } u ? u / 1000.0 : null,
            Optional(Native.Nvml.nvmlDeviceGetTemperature(Handle, 0, out uint temp), temp),
            Native.Nvml.nvmlDeviceGetCurrentClocksThrottleReasons(Handle, out ulong reasons) == 0 ? (ThrottleReasons)reasons : null);
    }

    private uint? Clock(int type, bool max)
    {
        int status = max ? Native.Nvml.nvmlDeviceGetMaxClockInfo(Handle, type, out uint mhz) : Native.Nvml.nvmlDeviceGetClockInfo(Handle, type, out mhz);
        return Optional(status, mhz);
    }

    // A reading the GPU does not support is recorded as absent; any other failure is an error.
    private static uint? Optional(int status, uint value)
    {
        if (status == Native.Nvml.ErrorNotSupported) return null;
        Native.Nvml.Check(status, "nvmlDeviceGet*");
        return value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_handle == 0) return;
        _handle = 0;
        lock (Gate)
        {
            if (--_users == 0) Native.Nvml.nvmlShutdown();
        }
    }
}
