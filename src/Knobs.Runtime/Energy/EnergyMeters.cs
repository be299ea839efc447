using System;

namespace Knobs.Runtime.Energy;

/// <summary>
/// Chooses the energy meter for a run: <c>auto</c> (NVML on the Cuda backend; else RAPL where readable; else none),
/// <c>rapl</c>, <c>nvml</c> (the Cuda backend's GPU), <c>none</c>.
/// </summary>
public static class EnergyMeters
{
    /// <summary>Environment variable that moves the powercap root (containers that mount sysfs elsewhere, tests).</summary>
    public const string PowercapRootVariable = "KNOBS_POWERCAP_ROOT";

    /// <summary>The powercap root: <see cref="PowercapRootVariable"/> when set, else <see cref="RaplEnergyMeter.DefaultRoot"/>.</summary>
    public static string PowercapRoot =>
        System.Environment.GetEnvironmentVariable(PowercapRootVariable) is { Length: > 0 } root ? root : RaplEnergyMeter.DefaultRoot;

    /// <summary>The names <c>--meter</c> accepts.</summary>
    public static readonly string[] Names = { "auto", "rapl", "nvml", "none" };

    /// <summary>
    /// Creates the meter named <paramref name="name"/>. <c>auto</c> falls back to <see cref="NoEnergyMeter"/> with the
    /// reason; an explicit <c>rapl</c> that cannot measure throws <see cref="RaplUnavailableException"/>.
    /// </summary>
    public static IEnergyMeter Create(string name, string? raplRoot = null) => Create(name, backend: null, raplRoot);

    /// <summary>The meter <paramref name="name"/> selects for work on <paramref name="backend"/> (null: the CPU).</summary>
    public static IEnergyMeter Create(string name, Knobs.Tensors.Backends.IBackend? backend, string? raplRoot = null)
    {
        raplRoot ??= PowercapRoot;
        Knobs.Cuda.CudaBackend? gpu = backend as Knobs.Cuda.CudaBackend;
        switch (name.ToLowerInvariant())
        {
            case "nvml":
                if (gpu is null) throw new ArgumentException("--meter nvml reads a GPU's energy: it needs KNOBS_BACKEND=Cuda (or use --meter auto or none).");
                return NvmlEnergyMeter.Open(gpu);
            case "auto" when gpu is not null:
                try
                {
                    return NvmlEnergyMeter.Open(gpu);
                }
                catch (Exception e) when (e is Knobs.Cuda.CudaException or Knobs.Cuda.Native.CudaLibraryNotFoundException)
                {
                    return new NoEnergyMeter("NVML cannot read this GPU's energy: " + e.Message.ReplaceLineEndings(" "));
                }
            case "none":
                return new NoEnergyMeter("--meter none");
            case "rapl":
                return RaplEnergyMeter.Open(raplRoot);
            case "auto":
                if (!OperatingSystem.IsLinux()) return new NoEnergyMeter("no supported meter on this OS (RAPL needs Linux)");
                try
                {
                    return RaplEnergyMeter.Open(raplRoot);
                }
                catch (RaplUnavailableException e)
                {
                    return new NoEnergyMeter(e.Message);
                }
            default:
                throw new ArgumentException($"Unknown meter '{name}'. Valid meters: {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
