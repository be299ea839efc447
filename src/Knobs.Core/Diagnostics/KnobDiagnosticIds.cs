namespace Knobs.KnobTables;

/// <summary>Stable ids of knob-table diagnostics (KNB0001–KNB0099); each has a help page <c>docs/diagnostics/&lt;id&gt;.md</c>.</summary>
public static class KnobDiagnosticIds
{
    /// <summary>The table has no knobs (empty file, or only blank lines and comments).</summary>
    public const string EmptyTable = "KNB0001";
    /// <summary>The file contains NUL characters: it is binary, not a knob table.</summary>
    public const string BinaryInput = "KNB0002";
    /// <summary>A row has the wrong number of fields for its format.</summary>
    public const string WrongFieldCount = "KNB0003";
    /// <summary>A knob's type is neither built in nor declared in the table.</summary>
    public const string UnknownKnobType = "KNB0004";
    /// <summary>Two knobs have the same id.</summary>
    public const string DuplicateKnobId = "KNB0005";
    /// <summary>The <c>name,id</c> field is malformed or the id is not a non-negative integer.</summary>
    public const string InvalidKnobId = "KNB0006";
    /// <summary>A parameter is not a number.</summary>
    public const string InvalidParameter = "KNB0007";
    /// <summary>The speedup is not a positive finite number.</summary>
    public const string InvalidSpeedup = "KNB0008";
    /// <summary>A knob has a different number of parameters than its type declares.</summary>
    public const string WrongParameterCount = "KNB0009";
    /// <summary>A perforation rate or sampling skip is zero, negative, or leaves nothing approximated.</summary>
    public const string InvalidRate = "KNB0010";
    /// <summary>An offset is negative or not below its rate.</summary>
    public const string OffsetOutOfRange = "KNB0011";
    /// <summary>An op name resolves to no Knobs op.</summary>
    public const string UnknownOp = "KNB0012";
    /// <summary>A row mixes TABs and spaces as separators.</summary>
    public const string MixedSeparators = "KNB0013";
    /// <summary>A knob type Knobs parses and lists but cannot run (red_samp, swing_level).</summary>
    public const string UnsupportedKnobType = "KNB0014";
    /// <summary>Reading stopped after too many diagnostics.</summary>
    public const string TooManyErrors = "KNB0015";
    /// <summary>The YAML text is not well-formed.</summary>
    public const string YamlSyntax = "KNB0016";
    /// <summary>The YAML is well-formed but does not follow the knob-table schema.</summary>
    public const string YamlSchema = "KNB0017";
    /// <summary>A user-defined knob type declaration is incomplete or inconsistent.</summary>
    public const string InvalidKnobTypeDeclaration = "KNB0018";
    /// <summary>A knob type is declared twice, or redeclares a built-in type.</summary>
    public const string DuplicateKnobType = "KNB0019";
    /// <summary>An applies-to target names no category, op kind or op.</summary>
    public const string UnknownAppliesTo = "KNB0020";
    /// <summary>An fp16 knob's own parameters differ from those of id − 30, which HPVM uses on the fp16 path.</summary>
    public const string ReusedParametersDiffer = "KNB0021";
    /// <summary>The dev/install column holds something else.</summary>
    public const string UnknownDevice = "KNB0022";
    /// <summary>The file could not be read.</summary>
    public const string UnreadableFile = "KNB0023";
    /// <summary>The reader failed unexpectedly (a Knobs bug); reported instead of crashing the build.</summary>
    public const string InternalError = "KNB0024";
    /// <summary>The table is larger, or has more knobs, than a knob table may.</summary>
    public const string TableTooLarge = "KNB0025";
}
