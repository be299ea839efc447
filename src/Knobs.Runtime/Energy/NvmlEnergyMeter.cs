using System;
using System.Globalization;
using Knobs.Cuda;
using Knobs.Cuda.Nvml;

namespace Knobs.Runtime.Energy;

/// <summary>
/// The GPU's total energy counter read through NVML (millijoules since the driver loaded), for the Cuda backend. The
/// counter advances about every 100 ms, so the runner measures energy per run over windows of whole counter periods
/// (see <see cref="IEnergyMeter.CounterPeriod"/>). The energy is the whole board's, idle power between kernels included.
/// </summary>
public sealed class NvmlEnergyMeter : IEnergyMeter
{
    private readonly NvmlDevice _device;
    private readonly ulong _start;

    private NvmlEnergyMeter(NvmlDevice device, string gpu)
    {
        _device = device;
        _start = device.TotalEnergyMillijoules;
        Description = $"NVML total energy of {gpu} (counter period about {EnergyMeter.CounterPeriod.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms; per-op energy not measured)";
    }

    /// <summary>The meter of the GPU <paramref name="backend"/> runs on.</summary>
    public static NvmlEnergyMeter Open(CudaBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new NvmlEnergyMeter(NvmlDevice.Open(backend.Device.PciBusId), backend.Device.Name);
    }

    /// <inheritdoc/>
    public string Name => "nvml";

    /// <inheritdoc/>
    public bool IsMeasuring => true;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TimeSpan CounterPeriod => EnergyMeter.CounterPeriod;

    /// <inheritdoc/>
    public double ReadJoules() => (_device.TotalEnergyMillijoules - _start) / 1000.0;

    /// <inheritdoc/>
    public void Dispose() => _device.Dispose();
}
