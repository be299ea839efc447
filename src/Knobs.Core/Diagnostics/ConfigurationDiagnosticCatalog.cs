using System.Collections.Immutable;
using Knobs.Configurations;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Diagnostics of configurations, lookup tables and the simulator (KNB0200–KNB0299); ids in <see cref="DiagnosticIds"/>.</summary>
public static class ConfigurationDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0200: The first line is not a number.</summary>
    public static KnobsDiagnosticDescriptor FirstLineNotNumber { get; } = new(DiagnosticIds.FirstLineNotNumber, "First line of a configuration file is not a number", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0201: A line outside a <c>+++++ … -----</c> block.</summary>
    public static KnobsDiagnosticDescriptor ExpectedBlockStart { get; } = new(DiagnosticIds.ExpectedBlockStart, "Line outside a configuration block", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0202: A block is not closed by <c>-----</c> (missing, or the file is truncated).</summary>
    public static KnobsDiagnosticDescriptor MissingBlockEnd { get; } = new(DiagnosticIds.MissingBlockEnd, "Configuration block not closed", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0203: A blank line.</summary>
    public static KnobsDiagnosticDescriptor BlankLine { get; } = new(DiagnosticIds.BlankLine, "Blank line", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0204: A tab character.</summary>
    public static KnobsDiagnosticDescriptor Tab { get; } = new(DiagnosticIds.Tab, "Tab character", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0205: A malformed header line.</summary>
    public static KnobsDiagnosticDescriptor BadHeader { get; } = new(DiagnosticIds.BadHeader, "Malformed configuration header", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0206: A malformed node line (token count, spacing, integers).</summary>
    public static KnobsDiagnosticDescriptor BadNodeLine { get; } = new(DiagnosticIds.BadNodeLine, "Malformed node line", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0207: An unknown op name.</summary>
    public static KnobsDiagnosticDescriptor UnknownOp { get; } = new(DiagnosticIds.UnknownOp, "Unknown op name", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0208: An unknown approx name.</summary>
    public static KnobsDiagnosticDescriptor UnknownApprox { get; } = new(DiagnosticIds.UnknownApprox, "Unknown approx name", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0209: Node ids not 1, 2, 3, … in order.</summary>
    public static KnobsDiagnosticDescriptor NodeOrder { get; } = new(DiagnosticIds.NodeOrder, "Node ids out of order", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0210: Nodes or ops that do not match the benchmark (or the file's first configuration).</summary>
    public static KnobsDiagnosticDescriptor ShapeMismatch { get; } = new(DiagnosticIds.ShapeMismatch, "Nodes or ops do not match the benchmark", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0211: An fp16 approximation on a <c>cpu</c> line.</summary>
    public static KnobsDiagnosticDescriptor Fp16OnCpu { get; } = new(DiagnosticIds.Fp16OnCpu, "fp16 knob on a cpu line", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0212: <c>gpu</c> lines simulated with the CPU table.</summary>
    public static KnobsDiagnosticDescriptor GpuMappedToCpu { get; } = new(DiagnosticIds.GpuMappedToCpu, "gpu lines simulated with the CPU table", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0221: gpu lines simulated on another device's table.</summary>
    public static KnobsDiagnosticDescriptor GpuMappedToDevice { get; } = new(DiagnosticIds.GpuMappedToDevice, "gpu lines simulated on another device", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0213: A file or line over the size limits.</summary>
    public static KnobsDiagnosticDescriptor TooLarge { get; } = new(DiagnosticIds.TooLarge, "Configuration file or line too large", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0214: An unknown device (not <c>gpu</c> or <c>cpu</c>).</summary>
    public static KnobsDiagnosticDescriptor UnknownDevice { get; } = new(DiagnosticIds.UnknownDevice, "Unknown device", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0215: Trailing spaces on a line.</summary>
    public static KnobsDiagnosticDescriptor TrailingSpace { get; } = new(DiagnosticIds.TrailingSpace, "Trailing space", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0216: No configurations in the file.</summary>
    public static KnobsDiagnosticDescriptor NoConfigurations { get; } = new(DiagnosticIds.NoConfigurations, "No configurations", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0217: Too many errors; reading stopped.</summary>
    public static KnobsDiagnosticDescriptor TooManyErrors { get; } = new(DiagnosticIds.TooManyErrors, "Too many errors", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0218: The file does not exist or cannot be read.</summary>
    public static KnobsDiagnosticDescriptor FileNotFound { get; } = new(DiagnosticIds.FileNotFound, "Configuration file not found or unreadable", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0219: A control character (other than the line end) in a line.</summary>
    public static KnobsDiagnosticDescriptor ControlCharacter { get; } = new(DiagnosticIds.ControlCharacter, "Control character", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0220: Two configurations have the same name, or a name is not usable as a file name.</summary>
    public static KnobsDiagnosticDescriptor BadName { get; } = new(DiagnosticIds.BadName, "Configuration name not usable", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0230: Profiles from different environments or settings.</summary>
    public static KnobsDiagnosticDescriptor MixedEnvironments { get; } = new(DiagnosticIds.MixedEnvironments, "Profiles from different environments or settings", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0231: Two profiles measure the same benchmark and knob.</summary>
    public static KnobsDiagnosticDescriptor DuplicateProfile { get; } = new(DiagnosticIds.DuplicateProfile, "Two profiles of the same benchmark and knob", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0232: Profiles of one benchmark disagree on its nodes and ops.</summary>
    public static KnobsDiagnosticDescriptor InconsistentNodes { get; } = new(DiagnosticIds.InconsistentNodes, "Profiles of one benchmark disagree on its nodes", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0233: A failed run's profile was left out.</summary>
    public static KnobsDiagnosticDescriptor FailedProfile { get; } = new(DiagnosticIds.FailedProfile, "Failed run left out of the table", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0234: A profile could not be read.</summary>
    public static KnobsDiagnosticDescriptor UnreadableProfile { get; } = new(DiagnosticIds.UnreadableProfile, "Profile cannot be read", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0235: A table file (JSON or HPVM text) is malformed.</summary>
    public static KnobsDiagnosticDescriptor BadTableFile { get; } = new(DiagnosticIds.BadTableFile, "Lookup table file cannot be read", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0236: No profiles to build a table from.</summary>
    public static KnobsDiagnosticDescriptor NoProfiles { get; } = new(DiagnosticIds.NoProfiles, "No profiles", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0250: A configuration names a knob the table lacks.</summary>
    public static KnobsDiagnosticDescriptor KnobNotInTable { get; } = new(DiagnosticIds.KnobNotInTable, "Knob not in the lookup table", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0251: A configuration puts a knob on an op that cannot take it.</summary>
    public static KnobsDiagnosticDescriptor KnobNotApplicable { get; } = new(DiagnosticIds.KnobNotApplicable, "Knob cannot apply to the op", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0252: The file's first configuration is not all-fp32.</summary>
    public static KnobsDiagnosticDescriptor FirstConfigNotBaseline { get; } = new(DiagnosticIds.FirstConfigNotBaseline, "First configuration is not all-fp32", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0253: The baseline knob is missing from the table.</summary>
    public static KnobsDiagnosticDescriptor BaselineMissing { get; } = new(DiagnosticIds.BaselineMissing, "Baseline knob missing from the table", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0254: A precision change whose conversion cost was never measured.</summary>
    public static KnobsDiagnosticDescriptor ConversionNotMeasured { get; } = new(DiagnosticIds.ConversionNotMeasured, "Conversion cost not measured", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0255: A configuration line names a device the benchmark has no table for.</summary>
    public static KnobsDiagnosticDescriptor DeviceNotInTable { get; } = new(DiagnosticIds.DeviceNotInTable, "No table for the line's device", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0256: Energy was not measured, so the simulated configuration file repeats the input's energy fields.</summary>
    public static KnobsDiagnosticDescriptor EnergyFieldRepeated { get; } = new(DiagnosticIds.EnergyFieldRepeated, "Energy not measured: the simulated file repeats the input's energy field", W, DiagnosticCategories.Configurations);

    /// <summary>KNB0270: A measured configuration profile does not match the configuration file.</summary>
    public static KnobsDiagnosticDescriptor MeasuredMismatch { get; } = new(DiagnosticIds.MeasuredMismatch, "Measured configuration does not match", E, DiagnosticCategories.Configurations);

    /// <summary>KNB0271: No fp32 baseline measurement for validation.</summary>
    public static KnobsDiagnosticDescriptor NoMeasuredBaseline { get; } = new(DiagnosticIds.NoMeasuredBaseline, "No measured baseline for validation", E, DiagnosticCategories.Configurations);

    /// <summary>Every descriptor of this range, in id order.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        FirstLineNotNumber, ExpectedBlockStart, MissingBlockEnd, BlankLine, Tab, BadHeader, BadNodeLine, UnknownOp, UnknownApprox,
        NodeOrder, ShapeMismatch, Fp16OnCpu, GpuMappedToCpu, GpuMappedToDevice, TooLarge, UnknownDevice, TrailingSpace, NoConfigurations,
        TooManyErrors, FileNotFound, ControlCharacter, BadName, MixedEnvironments, DuplicateProfile, InconsistentNodes,
        FailedProfile, UnreadableProfile, BadTableFile, NoProfiles, KnobNotInTable, KnobNotApplicable, FirstConfigNotBaseline,
        BaselineMissing, ConversionNotMeasured, DeviceNotInTable, EnergyFieldRepeated, MeasuredMismatch, NoMeasuredBaseline);
}
