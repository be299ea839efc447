using System;

namespace Knobs.Runtime.Energy;

/// <summary>Chooses the energy meter for a run: <c>auto</c> (RAPL where readable, else none), <c>rapl</c>, <c>none</c>.</summary>
public static class EnergyMeters
{
    /// <summary>Environment variable that moves the powercap root (containers that mount sysfs elsewhere, tests).</summary>
    public const string PowercapRootVariable = "KNOBS_POWERCAP_ROOT";

    /// <summary>The powercap root: <see cref="PowercapRootVariable"/> when set, else <see cref="RaplEnergyMeter.DefaultRoot"/>.</summary>
    public static string PowercapRoot =>
        System.Environment.GetEnvironmentVariable(PowercapRootVariable) is { Length: > 0 } root ? root : RaplEnergyMeter.DefaultRoot;

    /// <summary>The names <c>--meter</c> accepts.</summary>
    public static readonly string[] Names = { "auto", "rapl", "none" };

    /// <summary>
    /// Creates the meter named <paramref name="name"/>. <c>auto</c> falls back to <see cref="NoEnergyMeter"/> with the
    /// reason; an explicit <c>rapl</c> that cannot measure throws <see cref="RaplUnavailableException"/>.
    /// </summary>
    public static IEnergyMeter Create(string name, string? raplRoot = null)
    {
        raplRoot ??= PowercapRoot;
        switch (name.ToLowerInvariant())
        {
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
