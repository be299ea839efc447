using System.Collections.Generic;
using System.Collections.Immutable;
using Knobs.Diagnostics;

namespace Knobs.KnobTables;

/// <summary>Every knob-table diagnostic Knobs reports (ids in <see cref="KnobDiagnosticIds"/>).</summary>
public static class KnobDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0001.</summary>
    public static KnobsDiagnosticDescriptor EmptyTable { get; } = new(KnobDiagnosticIds.EmptyTable, "Knob table is empty", E, DiagnosticCategories.KnobTables,
        "the knob table has no knobs; add knob rows, or remove this KnobTable item to use the built-in HPVM table");
    /// <summary>KNB0002.</summary>
    public static KnobsDiagnosticDescriptor BinaryInput { get; } = new(KnobDiagnosticIds.BinaryInput, "Binary file", E, DiagnosticCategories.KnobTables,
        "the file contains NUL bytes, so it is binary, not a knob table; point KnobTable at a text table (HPVM, classic or YAML)");
    /// <summary>KNB0003.</summary>
    public static KnobsDiagnosticDescriptor WrongFieldCount { get; } = new(KnobDiagnosticIds.WrongFieldCount, "Wrong number of fields", E, DiagnosticCategories.KnobTables,
        "{0}: expected {1} fields ({2}) but found {3}");
    /// <summary>KNB0004.</summary>
    public static KnobsDiagnosticDescriptor UnknownKnobType { get; } = new(KnobDiagnosticIds.UnknownKnobType, "Unknown knob type", E, DiagnosticCategories.KnobTables,
        "unknown knob type '{0}'; use one of {1}, or declare it under 'types:' in a YAML table");
    /// <summary>KNB0005.</summary>
    public static KnobsDiagnosticDescriptor DuplicateKnobId { get; } = new(KnobDiagnosticIds.DuplicateKnobId, "Duplicate knob id", E, DiagnosticCategories.KnobTables,
        "knob id {0} is already used at {1}; give every knob a unique id");
    /// <summary>KNB0006.</summary>
    public static KnobsDiagnosticDescriptor InvalidKnobId { get; } = new(KnobDiagnosticIds.InvalidKnobId, "Invalid knob id", E, DiagnosticCategories.KnobTables,
        "'{0}' is not a valid 'type,id' field; write the knob type, a comma and a non-negative integer id (e.g. 'perf,121')");
    /// <summary>KNB0007.</summary>
    public static KnobsDiagnosticDescriptor InvalidParameter { get; } = new(KnobDiagnosticIds.InvalidParameter, "Invalid parameter", E, DiagnosticCategories.KnobTables,
        "parameter {0} '{1}' of knob {2} is not {3}; write it as a plain number (e.g. 2)");
    /// <summary>KNB0008.</summary>
    public static KnobsDiagnosticDescriptor InvalidSpeedup { get; } = new(KnobDiagnosticIds.InvalidSpeedup, "Invalid speedup", E, DiagnosticCategories.KnobTables,
        "speedup '{0}' of knob {1} is not a positive number; write it with '.' as the decimal point (e.g. 1.5)");
    /// <summary>KNB0009.</summary>
    public static KnobsDiagnosticDescriptor WrongParameterCount { get; } = new(KnobDiagnosticIds.WrongParameterCount, "Wrong number of parameters", E, DiagnosticCategories.KnobTables,
        "knob {0} of type '{1}' has {2} parameter(s) but the type takes {3} ({4}); {5}");
    /// <summary>KNB0010.</summary>
    public static KnobsDiagnosticDescriptor InvalidRate { get; } = new(KnobDiagnosticIds.InvalidRate, "Invalid rate", E, DiagnosticCategories.KnobTables,
        "knob {0}: {1}");
    /// <summary>KNB0011.</summary>
    public static KnobsDiagnosticDescriptor OffsetOutOfRange { get; } = new(KnobDiagnosticIds.OffsetOutOfRange, "Offset out of range", E, DiagnosticCategories.KnobTables,
        "knob {0}: offset {1} must be at least 0 and below the {2} ({3}); use an offset from 0 to {4}");
    /// <summary>KNB0012.</summary>
    public static KnobsDiagnosticDescriptor UnknownOp { get; } = new(KnobDiagnosticIds.UnknownOp, "Unknown op", E, DiagnosticCategories.KnobTables,
        "{0} op '{1}' of knob {2} resolves to no Knobs op; use a Knobs op (e.g. Convolution, ConvApprox) or an HPVM name from the alias table in docs/knob-tables.md");
    /// <summary>KNB0013.</summary>
    public static KnobsDiagnosticDescriptor MixedSeparators { get; } = new(KnobDiagnosticIds.MixedSeparators, "TABs and spaces mixed", E, DiagnosticCategories.KnobTables,
        "this {0} table separates fields with {1}, but this line has {2} here; use {1} only");
    /// <summary>KNB0014.</summary>
    public static KnobsDiagnosticDescriptor UnsupportedKnobType { get; } = new(KnobDiagnosticIds.UnsupportedKnobType, "Knob type not supported", I, DiagnosticCategories.KnobTables,
        "knob type '{0}' is listed but Knobs cannot run it: {1}; its knobs produce no variants");
    /// <summary>KNB0015.</summary>
    public static KnobsDiagnosticDescriptor TooManyErrors { get; } = new(KnobDiagnosticIds.TooManyErrors, "Too many errors", E, DiagnosticCategories.KnobTables,
        "stopped reading after {0} errors; is this really a knob table? Fix the errors above and build again");
    /// <summary>KNB0016.</summary>
    public static KnobsDiagnosticDescriptor YamlSyntax { get; } = new(KnobDiagnosticIds.YamlSyntax, "YAML syntax error", E, DiagnosticCategories.KnobTables,
        "the YAML is not well-formed: {0}; check the indentation (spaces, not TABs), brackets and quotes here");
    /// <summary>KNB0017.</summary>
    public static KnobsDiagnosticDescriptor YamlSchema { get; } = new(KnobDiagnosticIds.YamlSchema, "YAML schema error", E, DiagnosticCategories.KnobTables,
        "{0}; see docs/knob-tables.md for the YAML knob-table schema");
    /// <summary>KNB0018.</summary>
    public static KnobsDiagnosticDescriptor InvalidKnobTypeDeclaration { get; } = new(KnobDiagnosticIds.InvalidKnobTypeDeclaration, "Invalid knob type declaration", E, DiagnosticCategories.KnobTables,
        "knob type '{0}': {1}");
    /// <summary>KNB0019.</summary>
    public static KnobsDiagnosticDescriptor DuplicateKnobType { get; } = new(KnobDiagnosticIds.DuplicateKnobType, "Duplicate knob type", E, DiagnosticCategories.KnobTables,
        "knob type '{0}' is already {1}; give the new type another name");
    /// <summary>KNB0020.</summary>
    public static KnobsDiagnosticDescriptor UnknownAppliesTo { get; } = new(KnobDiagnosticIds.UnknownAppliesTo, "Unknown applies-to target", E, DiagnosticCategories.KnobTables,
        "knob {0} applies to '{1}', which is no category (conv, conv_fc, conv_fc_red, red), op kind or op; use one of those");
    /// <summary>KNB0021.</summary>
    public static KnobsDiagnosticDescriptor ReusedParametersDiffer { get; } = new(KnobDiagnosticIds.ReusedParametersDiffer, "fp16 knob parameters differ from id - 30", W, DiagnosticCategories.KnobTables,
        "knob {0} lists parameters {1}, but like HPVM Knobs runs it with the parameters of knob {2} ({3}); make them equal, or give the knob an id whose id - 30 is not a {4} knob");
    /// <summary>KNB0022.</summary>
    public static KnobsDiagnosticDescriptor UnknownDevice { get; } = new(KnobDiagnosticIds.UnknownDevice, "Unknown dev/install value", W, DiagnosticCategories.KnobTables,
        "knob {0}: the dev/install column is '{1}'; HPVM writes 'dev' or 'install'");
    /// <summary>KNB0023.</summary>
    public static KnobsDiagnosticDescriptor UnreadableFile { get; } = new(KnobDiagnosticIds.UnreadableFile, "Cannot read knob table", E, DiagnosticCategories.KnobTables,
        "cannot read the knob table: {0}; check that the path exists and is readable");

    /// <summary>KNB0024.</summary>
    public static KnobsDiagnosticDescriptor InternalError { get; } = new(KnobDiagnosticIds.InternalError, "Internal error reading a knob table", E, DiagnosticCategories.KnobTables,
        "Knobs failed while reading this table ({0}); please report it with the file attached");

    /// <summary>KNB0025.</summary>
    public static KnobsDiagnosticDescriptor TableTooLarge { get; } = new(KnobDiagnosticIds.TableTooLarge, "Knob table too large", E, DiagnosticCategories.KnobTables,
        "the knob table has {0}, more than the {1} a knob table may have; split the knobs over several smaller tables or remove rows");

    /// <summary>All descriptors, by id.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        EmptyTable, BinaryInput, WrongFieldCount, UnknownKnobType, DuplicateKnobId, InvalidKnobId, InvalidParameter, InvalidSpeedup,
        WrongParameterCount, InvalidRate, OffsetOutOfRange, UnknownOp, MixedSeparators, UnsupportedKnobType, TooManyErrors, YamlSyntax,
        YamlSchema, InvalidKnobTypeDeclaration, DuplicateKnobType, UnknownAppliesTo, ReusedParametersDiffer, UnknownDevice, UnreadableFile, InternalError,
        TableTooLarge);

    private static readonly Dictionary<string, KnobsDiagnosticDescriptor> ById = Index();

    /// <summary>The descriptor for <paramref name="id"/>, or null.</summary>
    public static KnobsDiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out KnobsDiagnosticDescriptor? d) ? d : null;

    private static Dictionary<string, KnobsDiagnosticDescriptor> Index()
    {
        var index = new Dictionary<string, KnobsDiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (KnobsDiagnosticDescriptor d in All) index[d.Id] = d;
        return index;
    }
}
