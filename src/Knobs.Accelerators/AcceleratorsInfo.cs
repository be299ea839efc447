namespace Knobs.Accelerators;

/// <summary>What this assembly is: the modelled accelerators of Knobs (docs/accelerators.md).</summary>
public static class AcceleratorsInfo
{
    /// <summary>The provenance every number of this assembly carries.</summary>
    public const string Provenance = Knobs.Profiles.Provenance.Modelled;
}
