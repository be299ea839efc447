using System.Collections.Immutable;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Diagnostics of the runner embedded in the app (KNB0300–KNB0399).</summary>
public static class RunnerDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0301: Bad command-line argument: one line, exit code 2, nothing run or written.</summary>
    public static KnobsDiagnosticDescriptor BadArgument { get; } = new(RunnerDiagnosticIds.BadArgument, "Bad command-line argument", E, DiagnosticCategories.Runner);

    /// <summary>KNB0302: A variant (or configuration) threw; the others still ran; exit code 1.</summary>
    public static KnobsDiagnosticDescriptor VariantFailed { get; } = new(RunnerDiagnosticIds.VariantFailed, "A variant failed", E, DiagnosticCategories.Runner);

    /// <summary>KNB0303: Output quality could not be computed for a variant (no fp32 variant, shapes differ, NaN/∞ output…).</summary>
    public static KnobsDiagnosticDescriptor QosNotComputed { get; } = new(RunnerDiagnosticIds.QosNotComputed, "QoS not computed", W, DiagnosticCategories.Runner);

    /// <summary>KNB0304: No energy meter could measure: energies are null and every output says "not measured".</summary>
    public static KnobsDiagnosticDescriptor EnergyNotMeasured { get; } = new(RunnerDiagnosticIds.EnergyNotMeasured, "Energy not measured", I, DiagnosticCategories.Runner);

    /// <summary>KNB0305: The measurement stopped with its confidence interval wider than the target error.</summary>
    public static KnobsDiagnosticDescriptor NoisyMeasurement { get; } = new(RunnerDiagnosticIds.NoisyMeasurement, "Noisy measurement", W, DiagnosticCategories.Runner);

    /// <summary>KNB0306: Warm-up hit its cap before the run time was steady, or the JIT compiled during measurement.</summary>
    public static KnobsDiagnosticDescriptor WarmupNotSteady { get; } = new(RunnerDiagnosticIds.WarmupNotSteady, "Warm-up not steady", W, DiagnosticCategories.Runner);

    /// <summary>KNB0307: The <c>--config</c> file could not be used (its own diagnostic follows).</summary>
    public static KnobsDiagnosticDescriptor BadConfiguration { get; } = new(RunnerDiagnosticIds.BadConfiguration, "Configuration file cannot be used", E, DiagnosticCategories.Runner);

    /// <summary>KNB0308: A profile could not be written (full disk, folder removed…); the previous profile is kept; exit code 3.</summary>
    public static KnobsDiagnosticDescriptor ProfileNotWritten { get; } = new(RunnerDiagnosticIds.ProfileNotWritten, "A profile could not be written", E, DiagnosticCategories.Runner);

    /// <summary>KNB0309: Every measurement of a paired run ran in a spell of the machine; the steadiest is kept, marked, and measured again next time.</summary>
    public static KnobsDiagnosticDescriptor MeasuredInSpell { get; } = new(RunnerDiagnosticIds.MeasuredInSpell, "Measured in a spell of the machine", W, DiagnosticCategories.Runner);

    /// <summary>Every descriptor of this range, in id order.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        BadArgument, VariantFailed, QosNotComputed, EnergyNotMeasured, NoisyMeasurement, WarmupNotSteady, BadConfiguration,
        ProfileNotWritten, MeasuredInSpell);
}
