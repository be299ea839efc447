namespace Knobs.Configurations;

/// <summary>Stable ids of the diagnostics of configurations, lookup tables and the simulator (docs/diagnostics/KNB02*.md).</summary>
public static class DiagnosticIds
{
    /// <summary>The first line is not a number.</summary>
    public const string FirstLineNotNumber = "KNB0200";
    /// <summary>A line outside a <c>+++++ … -----</c> block.</summary>
    public const string ExpectedBlockStart = "KNB0201";
    /// <summary>A block is not closed by <c>-----</c> (missing, or the file is truncated).</summary>
    public const string MissingBlockEnd = "KNB0202";
    /// <summary>A blank line.</summary>
    public const string BlankLine = "KNB0203";
    /// <summary>A tab character.</summary>
    public const string Tab = "KNB0204";
    /// <summary>A malformed header line.</summary>
    public const string BadHeader = "KNB0205";
    /// <summary>A malformed node line (token count, spacing, integers).</summary>
    public const string BadNodeLine = "KNB0206";
    /// <summary>An unknown op name.</summary>
    public const string UnknownOp = "KNB0207";
    /// <summary>An unknown approx name.</summary>
    public const string UnknownApprox = "KNB0208";
    /// <summary>Node ids not 1, 2, 3, … in order.</summary>
    public const string NodeOrder = "KNB0209";
    /// <summary>Nodes or ops that do not match the benchmark (or the file's first configuration).</summary>
    public const string ShapeMismatch = "KNB0210";
    /// <summary>An fp16 approximation on a <c>cpu</c> line.</summary>
    public const string Fp16OnCpu = "KNB0211";
    /// <summary><c>gpu</c> lines simulated with the CPU table.</summary>
    public const string GpuMappedToCpu = "KNB0212";
    /// <summary>A file or line over the size limits.</summary>
    public const string TooLarge = "KNB0213";
    /// <summary>An unknown device (not <c>gpu</c>, <c>cpu</c> or <c>accel:&lt;name&gt;</c>).</summary>
    public const string UnknownDevice = "KNB0214";
    /// <summary><c>gpu</c> lines simulated on another device's table (KnobsSimulateGpuOn).</summary>
    public const string GpuMappedToDevice = "KNB0221";
    /// <summary>Trailing spaces on a line.</summary>
    public const string TrailingSpace = "KNB0215";
    /// <summary>No configurations in the file.</summary>
    public const string NoConfigurations = "KNB0216";
    /// <summary>The file does not exist or cannot be read.</summary>
    public const string FileNotFound = "KNB0218";
    /// <summary>Too many errors; reading stopped.</summary>
    public const string TooManyErrors = "KNB0217";
    /// <summary>A control character (other than the line end) in a line.</summary>
    public const string ControlCharacter = "KNB0219";
    /// <summary>Two configurations have the same name, or a name is not usable as a file name.</summary>
    public const string BadName = "KNB0220";

    /// <summary>Profiles from different environments or settings.</summary>
    public const string MixedEnvironments = "KNB0230";
    /// <summary>Two profiles measure the same benchmark and knob.</summary>
    public const string DuplicateProfile = "KNB0231";
    /// <summary>Profiles of one benchmark disagree on its nodes and ops.</summary>
    public const string InconsistentNodes = "KNB0232";
    /// <summary>A failed run's profile was left out.</summary>
    public const string FailedProfile = "KNB0233";
    /// <summary>A profile could not be read.</summary>
    public const string UnreadableProfile = "KNB0234";
    /// <summary>A table file (JSON or HPVM text) is malformed.</summary>
    public const string BadTableFile = "KNB0235";
    /// <summary>No profiles to build a table from.</summary>
    public const string NoProfiles = "KNB0236";

    /// <summary>A configuration names a knob the table lacks.</summary>
    public const string KnobNotInTable = "KNB0250";
    /// <summary>A configuration puts a knob on an op that cannot take it.</summary>
    public const string KnobNotApplicable = "KNB0251";
    /// <summary>The file's first configuration is not all-fp32.</summary>
    public const string FirstConfigNotBaseline = "KNB0252";
    /// <summary>The baseline knob is missing from the table.</summary>
    public const string BaselineMissing = "KNB0253";
    /// <summary>A precision change whose conversion cost was never measured.</summary>
    public const string ConversionNotMeasured = "KNB0254";
    /// <summary>A configuration line names a device the benchmark has no table for.</summary>
    public const string DeviceNotInTable = "KNB0255";
    /// <summary>Energy was not measured, so the simulated configuration file repeats the input's energy fields.</summary>
    public const string EnergyFieldRepeated = "KNB0256";

    /// <summary>A measured configuration profile does not match the configuration file.</summary>
    public const string MeasuredMismatch = "KNB0270";
    /// <summary>No fp32 baseline measurement for validation.</summary>
    public const string NoMeasuredBaseline = "KNB0271";
}
