using System;

namespace Knobs.Runtime.Energy;

/// <summary>Chooses the energy meter for a run: <c>auto</c> (RAPL where readable, else none), <c>rapl</c>, <c>none</c>.</summary>
public static class EnergyMeters
{
    /// <summary>The names <c>--meter</c> accepts.</summary>
    public static readonly string[] Names = { "auto", "rapl", "none" };

    /// <summary>
    /// Creates the meter named <paramref name="name"/>. <c>auto</c> falls back to <see cref="NoEnergyMeter"/> with the
    /// reason; an explicit <c>rapl</c> that cannot measure throws <see cref="RaplUnavailableException"/>.
    /// </summary>
    public static IEnergyMeter Create(string name, string raplRoot = RaplEnergyMeter.DefaultRoot)
    {
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
