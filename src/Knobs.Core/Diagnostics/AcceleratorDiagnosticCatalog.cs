using System.Collections.Immutable;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Diagnostics of the modelled accelerators (KNB0500–KNB0599).</summary>
public static class AcceleratorDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error;

    /// <summary>KNB0501: the accelerator description cannot be read.</summary>
    public static KnobsDiagnosticDescriptor DescriptionUnreadable { get; } = new(AcceleratorDiagnosticIds.DescriptionUnreadable, "The accelerator description cannot be read", E, DiagnosticCategories.Accelerators);

    /// <summary>KNB0502: the description's structure is wrong.</summary>
    public static KnobsDiagnosticDescriptor DescriptionSchema { get; } = new(AcceleratorDiagnosticIds.DescriptionSchema, "The accelerator description has an unknown, missing or misplaced key", E, DiagnosticCategories.Accelerators);

    /// <summary>KNB0503: a value of the description is not usable.</summary>
    public static KnobsDiagnosticDescriptor DescriptionValue { get; } = new(AcceleratorDiagnosticIds.DescriptionValue, "An accelerator description value is not usable", E, DiagnosticCategories.Accelerators);

    /// <summary>KNB0504: an op has no accelerator model.</summary>
    public static KnobsDiagnosticDescriptor NoModelForOp { get; } = new(AcceleratorDiagnosticIds.NoModelForOp, "An op has no accelerator model", E, DiagnosticCategories.Accelerators);

    /// <summary>KNB0505: an op cannot be mapped onto the accelerator.</summary>
    public static KnobsDiagnosticDescriptor OpDoesNotFit { get; } = new(AcceleratorDiagnosticIds.OpDoesNotFit, "An op cannot be mapped onto the accelerator", E, DiagnosticCategories.Accelerators);

    /// <summary>KNB0506: a SCALE-Sim configuration or topology file is wrong.</summary>
    public static KnobsDiagnosticDescriptor ScaleSimInput { get; } = new(AcceleratorDiagnosticIds.ScaleSimInput, "A SCALE-Sim configuration or topology file is wrong", E, DiagnosticCategories.Accelerators);

    /// <summary>Every descriptor of this catalog.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        DescriptionUnreadable, DescriptionSchema, DescriptionValue, NoModelForOp, OpDoesNotFit, ScaleSimInput);
}
