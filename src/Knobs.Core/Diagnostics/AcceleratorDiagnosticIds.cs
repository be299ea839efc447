namespace Knobs.Diagnostics;

/// <summary>Stable ids of the modelled accelerators' diagnostics (KNB0500–KNB0599).</summary>
public static class AcceleratorDiagnosticIds
{
    /// <summary>The accelerator description cannot be read (missing file, not YAML).</summary>
    public const string DescriptionUnreadable = "KNB0501";
    /// <summary>The description's structure is wrong: an unknown or missing key, a list where a value belongs.</summary>
    public const string DescriptionSchema = "KNB0502";
    /// <summary>A value of the description is not usable (not a number, out of range, an unknown dataflow).</summary>
    public const string DescriptionValue = "KNB0503";
    /// <summary>An op has no accelerator model: neither a built-in one nor one its <c>[TensorOp]</c> method declares.</summary>
    public const string NoModelForOp = "KNB0504";
    /// <summary>An op cannot be mapped onto the accelerator (a tile does not fit its scratchpads, features missing).</summary>
    public const string OpDoesNotFit = "KNB0505";
    /// <summary>A SCALE-Sim configuration or topology file is wrong (the <c>knobs scalesim</c> command).</summary>
    public const string ScaleSimInput = "KNB0506";
}
