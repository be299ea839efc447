using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Knobs.KnobTables;

/// <summary>One entry of the diagnostics catalog: id, title, message format, default severity and help page.</summary>
/// <param name="Id">Stable id (<c>KNB0003</c>).</param>
/// <param name="Title">Short title.</param>
/// <param name="MessageFormat">Composite format string (invariant culture) for the message.</param>
/// <param name="Severity">Default severity.</param>
public sealed record KnobDiagnosticDescriptor(string Id, string Title, string MessageFormat, KnobDiagnosticSeverity Severity)
{
    /// <summary>Repository-relative help page: <c>docs/diagnostics/&lt;Id&gt;.md</c>.</summary>
    public string HelpLink => "docs/diagnostics/" + Id + ".md";

    /// <summary>A diagnostic of this kind at <paramref name="location"/>; text arguments have their control characters escaped.</summary>
    public KnobDiagnostic Create(SourceLocation location, params object?[] args)
    {
        object?[] safe = new object?[args.Length];
        for (int i = 0; i < args.Length; i++) safe[i] = args[i] is string text ? TextLines.Escape(text) : args[i];
        return new(Id, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, safe), location);
    }
}

/// <summary>Every knob-table diagnostic Knobs reports (ids in <see cref="KnobDiagnosticIds"/>).</summary>
public static class KnobDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0001.</summary>
    public static KnobDiagnosticDescriptor EmptyTable { get; } = new(KnobDiagnosticIds.EmptyTable, "Knob table is empty",
        "the knob table has no knobs; add knob rows, or remove this KnobTable item to use the built-in HPVM table", E);
    /// <summary>KNB0002.</summary>
    public static KnobDiagnosticDescriptor BinaryInput { get; } = new(KnobDiagnosticIds.BinaryInput, "Binary file",
        "the file contains NUL bytes, so it is binary, not a knob table; point KnobTable at a text table (HPVM, classic or YAML)", E);
    /// <summary>KNB0003.</summary>
    public static KnobDiagnosticDescriptor WrongFieldCount { get; } = new(KnobDiagnosticIds.WrongFieldCount, "Wrong number of fields",
        "{0}: expected {1} fields ({2}) but found {3}", E);
    /// <summary>KNB0004.</summary>
    public static KnobDiagnosticDescriptor UnknownKnobType { get; } = new(KnobDiagnosticIds.UnknownKnobType, "Unknown knob type",
        "unknown knob type '{0}'; use one of {1}, or declare it under 'types:' in a YAML table", E);
    /// <summary>KNB0005.</summary>
    public static KnobDiagnosticDescriptor DuplicateKnobId { get; } = new(KnobDiagnosticIds.DuplicateKnobId, "Duplicate knob id",
        "knob id {0} is already used at {1}; give every knob a unique id", E);
    /// <summary>KNB0006.</summary>
    public static KnobDiagnosticDescriptor InvalidKnobId { get; } = new(KnobDiagnosticIds.InvalidKnobId, "Invalid knob id",
        "'{0}' is not a valid 'type,id' field; write the knob type, a comma and a non-negative integer id (e.g. 'perf,121')", E);
    /// <summary>KNB0007.</summary>
    public static KnobDiagnosticDescriptor InvalidParameter { get; } = new(KnobDiagnosticIds.InvalidParameter, "Invalid parameter",
        "parameter {0} '{1}' of knob {2} is not {3}; write it as a plain number (e.g. 2)", E);
    /// <summary>KNB0008.</summary>
    public static KnobDiagnosticDescriptor InvalidSpeedup { get; } = new(KnobDiagnosticIds.InvalidSpeedup, "Invalid speedup",
        "speedup '{0}' of knob {1} is not a positive number; write it with '.' as the decimal point (e.g. 1.5)", E);
    /// <summary>KNB0009.</summary>
    public static KnobDiagnosticDescriptor WrongParameterCount { get; } = new(KnobDiagnosticIds.WrongParameterCount, "Wrong number of parameters",
        "knob {0} of type '{1}' has {2} parameter(s) but the type takes {3} ({4}); {5}", E);
    /// <summary>KNB0010.</summary>
    public static KnobDiagnosticDescriptor InvalidRate { get; } = new(KnobDiagnosticIds.InvalidRate, "Invalid rate",
        "knob {0}: {1}", E);
    /// <summary>KNB0011.</summary>
    public static KnobDiagnosticDescriptor OffsetOutOfRange { get; } = new(KnobDiagnosticIds.OffsetOutOfRange, "Offset out of range",
        "knob {0}: offset {1} must be at least 0 and below the {2} ({3}); use an offset from 0 to {4}", E);
    /// <summary>KNB0012.</summary>
    public static KnobDiagnosticDescriptor UnknownOp { get; } = new(KnobDiagnosticIds.UnknownOp, "Unknown op",
        "{0} op '{1}' of knob {2} resolves to no Knobs op; use a Knobs op (e.g. Convolution, ConvApprox) or an HPVM name from the alias table in docs/knob-tables.md", E);
    /// <summary>KNB0013.</summary>
    public static KnobDiagnosticDescriptor MixedSeparators { get; } = new(KnobDiagnosticIds.MixedSeparators, "TABs and spaces mixed",
        "this {0} table separates fields with {1}, but this line has {2} here; use {1} only", E);
    /// <summary>KNB0014.</summary>
    public static KnobDiagnosticDescriptor UnsupportedKnobType { get; } = new(KnobDiagnosticIds.UnsupportedKnobType, "Knob type not supported",
        "knob type '{0}' is listed but Knobs cannot run it: {1}; its knobs produce no variants", I);
    /// <summary>KNB0015.</summary>
    public static KnobDiagnosticDescriptor TooManyErrors { get; } = new(KnobDiagnosticIds.TooManyErrors, "Too many errors",
        "stopped reading after {0} errors; is this really a knob table? Fix the errors above and build again", E);
    /// <summary>KNB0016.</summary>
    public static KnobDiagnosticDescriptor YamlSyntax { get; } = new(KnobDiagnosticIds.YamlSyntax, "YAML syntax error",
        "the YAML is not well-formed: {0}; check the indentation (spaces, not TABs), brackets and quotes here", E);
    /// <summary>KNB0017.</summary>
    public static KnobDiagnosticDescriptor YamlSchema { get; } = new(KnobDiagnosticIds.YamlSchema, "YAML schema error",
        "{0}; see docs/knob-tables.md for the YAML knob-table schema", E);
    /// <summary>KNB0018.</summary>
    public static KnobDiagnosticDescriptor InvalidKnobTypeDeclaration { get; } = new(KnobDiagnosticIds.InvalidKnobTypeDeclaration, "Invalid knob type declaration",
        "knob type '{0}': {1}", E);
    /// <summary>KNB0019.</summary>
    public static KnobDiagnosticDescriptor DuplicateKnobType { get; } = new(KnobDiagnosticIds.DuplicateKnobType, "Duplicate knob type",
        "knob type '{0}' is already {1}; give the new type another name", E);
    /// <summary>KNB0020.</summary>
    public static KnobDiagnosticDescriptor UnknownAppliesTo { get; } = new(KnobDiagnosticIds.UnknownAppliesTo, "Unknown applies-to target",
        "knob {0} applies to '{1}', which is no category (conv, conv_fc, conv_fc_red, red), op kind or op; use one of those", E);
    /// <summary>KNB0021.</summary>
    public static KnobDiagnosticDescriptor ReusedParametersDiffer { get; } = new(KnobDiagnosticIds.ReusedParametersDiffer, "fp16 knob parameters differ from id - 30",
        "knob {0} lists parameters {1}, but like HPVM Knobs runs it with the parameters of knob {2} ({3}); make them equal, or give the knob an id whose id - 30 is not a {4} knob", W);
    /// <summary>KNB0022.</summary>
    public static KnobDiagnosticDescriptor UnknownDevice { get; } = new(KnobDiagnosticIds.UnknownDevice, "Unknown dev/install value",
        "knob {0}: the dev/install column is '{1}'; HPVM writes 'dev' or 'install'", W);
    /// <summary>KNB0023.</summary>
    public static KnobDiagnosticDescriptor UnreadableFile { get; } = new(KnobDiagnosticIds.UnreadableFile, "Cannot read knob table",
        "cannot read the knob table: {0}; check that the path exists and is readable", E);

    /// <summary>KNB0024.</summary>
    public static KnobDiagnosticDescriptor InternalError { get; } = new(KnobDiagnosticIds.InternalError, "Internal error reading a knob table",
        "Knobs failed while reading this table ({0}); please report it with the file attached", E);

    /// <summary>KNB0025.</summary>
    public static KnobDiagnosticDescriptor TableTooLarge { get; } = new(KnobDiagnosticIds.TableTooLarge, "Knob table too large",
        "the knob table has {0}, more than the {1} a knob table may have; split the knobs over several smaller tables or remove rows", E);

    /// <summary>All descriptors, by id.</summary>
    public static ImmutableArray<KnobDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        EmptyTable, BinaryInput, WrongFieldCount, UnknownKnobType, DuplicateKnobId, InvalidKnobId, InvalidParameter, InvalidSpeedup,
        WrongParameterCount, InvalidRate, OffsetOutOfRange, UnknownOp, MixedSeparators, UnsupportedKnobType, TooManyErrors, YamlSyntax,
        YamlSchema, InvalidKnobTypeDeclaration, DuplicateKnobType, UnknownAppliesTo, ReusedParametersDiffer, UnknownDevice, UnreadableFile, InternalError,
        TableTooLarge);

    private static readonly Dictionary<string, KnobDiagnosticDescriptor> ById = Index();

    /// <summary>The descriptor for <paramref name="id"/>, or null.</summary>
    public static KnobDiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out KnobDiagnosticDescriptor? d) ? d : null;

    private static Dictionary<string, KnobDiagnosticDescriptor> Index()
    {
        var index = new Dictionary<string, KnobDiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (KnobDiagnosticDescriptor d in All) index[d.Id] = d;
        return index;
    }
}
