namespace Knobs.Diagnostics;

/// <summary>Stable ids of the messages the runner prints (KNB0300–KNB0399); <c>Knobs.Runtime.RuntimeDiagnostics</c> forwards to these.</summary>
public static class RunnerDiagnosticIds
{
    /// <summary>Bad command-line argument: one line, exit code 2, nothing run or written.</summary>
    public const string BadArgument = "KNB0301";
    /// <summary>A variant (or configuration) threw; the others still ran; exit code 1.</summary>
    public const string VariantFailed = "KNB0302";
    /// <summary>Output quality could not be computed for a variant (no fp32 variant, shapes differ, NaN/∞ output…).</summary>
    public const string QosNotComputed = "KNB0303";
    /// <summary>No energy meter could measure: energies are null and every output says "not measured".</summary>
    public const string EnergyNotMeasured = "KNB0304";
    /// <summary>The measurement stopped with its confidence interval wider than the target error.</summary>
    public const string NoisyMeasurement = "KNB0305";
    /// <summary>Warm-up hit its cap before the run time was steady, or the JIT compiled during measurement.</summary>
    public const string WarmupNotSteady = "KNB0306";
    /// <summary>The <c>--config</c> file could not be used (its own diagnostic follows).</summary>
    public const string BadConfiguration = "KNB0307";
    /// <summary>A profile could not be written (full disk, folder removed…); the previous profile is kept; exit code 3.</summary>
    public const string ProfileNotWritten = "KNB0308";
    /// <summary>Every measurement of a paired run ran in a spell of the machine; the steadiest is kept, marked, and measured again next time.</summary>
    public const string MeasuredInSpell = "KNB0309";
}
