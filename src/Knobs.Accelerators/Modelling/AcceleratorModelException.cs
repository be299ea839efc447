using System;

namespace Knobs.Accelerators.Modelling;

/// <summary>An op that cannot be modelled on the accelerator: no model (KNB0504) or no mapping (KNB0505).</summary>
public sealed class AcceleratorModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AcceleratorModelException(string id, string message) : base(message) => Id = id;

    /// <summary>The diagnostic id.</summary>
    public string Id { get; }
}
