namespace Knobs.Runtime.Energy;

/// <summary>The meter used where no energy counter is readable: it measures nothing, and says why.</summary>
public sealed class NoEnergyMeter : IEnergyMeter
{
    /// <summary>Creates the meter with the reason no real meter is used.</summary>
    public NoEnergyMeter(string reason) => Description = "energy not measured: " + reason;

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public bool IsMeasuring => false;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Always 0; callers check <see cref="IsMeasuring"/> and report null instead.</summary>
    public double ReadJoules() => 0;

    /// <inheritdoc />
    public void Dispose() { }
}
