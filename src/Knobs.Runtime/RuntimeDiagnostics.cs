using Knobs.Diagnostics;

namespace Knobs.Runtime;

/// <summary>
/// Ids of the messages the runner prints (KNB0300–KNB0399), forwarded from <see cref="RunnerDiagnosticIds"/>; titles and
/// severities are in <see cref="RunnerDiagnosticCatalog"/>, and each id has a help page at docs/diagnostics/&lt;id&gt;.md.
/// Messages read <c>error KNB0301: …</c> or <c>warning KNB0303: …</c> on standard error.
/// </summary>
public static class RuntimeDiagnostics
{
    /// <summary>Bad command-line argument: one line, exit code 2, nothing run or written.</summary>
    public const string BadArgument = RunnerDiagnosticIds.BadArgument;

    /// <summary>A variant (or configuration) threw; the others still ran; exit code 1.</summary>
    public const string VariantFailed = RunnerDiagnosticIds.VariantFailed;

    /// <summary>Output quality could not be computed for a variant (no fp32 variant, shapes differ, NaN/∞ output…).</summary>
    public const string QosNotComputed = RunnerDiagnosticIds.QosNotComputed;

    /// <summary>No energy meter could measure: energies are null and every output says "not measured".</summary>
    public const string EnergyNotMeasured = RunnerDiagnosticIds.EnergyNotMeasured;

    /// <summary>The measurement stopped with its confidence interval wider than the target error.</summary>
    public const string NoisyMeasurement = RunnerDiagnosticIds.NoisyMeasurement;

    /// <summary>Warm-up hit its cap before the run time was steady, or the JIT compiled during measurement.</summary>
    public const string WarmupNotSteady = RunnerDiagnosticIds.WarmupNotSteady;

    /// <summary>The <c>--config</c> file could not be used (its own diagnostic follows).</summary>
    public const string BadConfiguration = RunnerDiagnosticIds.BadConfiguration;

    /// <summary>A profile could not be written (full disk, folder removed…); the previous profile is kept; exit code 3.</summary>
    public const string ProfileNotWritten = RunnerDiagnosticIds.ProfileNotWritten;

    /// <summary>Every measurement of a paired run ran in a spell of the machine; the steadiest is kept, marked, and measured again next time.</summary>
    public const string MeasuredInSpell = RunnerDiagnosticIds.MeasuredInSpell;

    // A diagnostic is one line: names and paths from input files are escaped, never printed raw.
    internal static string Error(string id, string message) => "error " + id + ": " + ConsoleText.Escape(message);

    internal static string Warning(string id, string message) => "warning " + id + ": " + ConsoleText.Escape(message);
}
