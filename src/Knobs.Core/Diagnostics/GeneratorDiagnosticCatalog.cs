using System.Collections.Immutable;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>
/// The generator's diagnostics (KNB0100–KNB0199), with the message formats and descriptions Roslyn shows;
/// the generator turns each into a <c>Microsoft.CodeAnalysis.DiagnosticDescriptor</c>. AnalyzerReleases.*.md tracks them.
/// </summary>
public static class GeneratorDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0101.</summary>
    public static KnobsDiagnosticDescriptor TemplateNotPartial { get; } = new(GeneratorDiagnosticIds.TemplateNotPartial, "Benchmark template is not partial", E, DiagnosticCategories.Generator,
        "[KnobBenchmark] class '{0}' must be declared partial (and so must every class that contains it)",
        "The generator adds the variants as nested types of the template, so the template and its containing types must be partial.");

    /// <summary>KNB0102.</summary>
    public static KnobsDiagnosticDescriptor NoRunMethod { get; } = new(GeneratorDiagnosticIds.NoRunMethod, "Benchmark template has no Run method", E, DiagnosticCategories.Generator,
        "[KnobBenchmark] class '{0}' needs an instance method 'Tensor Run(Tensor x)' with a body",
        "A template's Run method is what the generator copies and rewrites into variants.");

    /// <summary>KNB0103.</summary>
    public static KnobsDiagnosticDescriptor NoInputMethod { get; } = new(GeneratorDiagnosticIds.NoInputMethod, "Benchmark template has no Input method", E, DiagnosticCategories.Generator,
        "[KnobBenchmark] class '{0}' needs an instance method 'Tensor Input(int batch)'",
        "The runner asks the template for its input through Input(batch).");

    /// <summary>KNB0104.</summary>
    public static KnobsDiagnosticDescriptor UnsupportedStatement { get; } = new(GeneratorDiagnosticIds.UnsupportedStatement, "Unsupported statement in Run", E, DiagnosticCategories.Generator,
        "Run of '{0}' contains tensor op calls inside {1}; write Run as a straight sequence of declarations, assignments and returns",
        "Variants time every op call on its own, so an op call must sit in a straight-line statement (local declaration, assignment, expression statement or return), not in a loop, branch, lambda, conditional expression or similar.");

    /// <summary>KNB0105.</summary>
    public static KnobsDiagnosticDescriptor OpNotRewritable { get; } = new(GeneratorDiagnosticIds.OpNotRewritable, "No knob rewrites this op", I, DiagnosticCategories.Generator,
        "No knob of the knob tables rewrites the '{0}' call ({1}); it runs unchanged in every variant",
        "Every variant times this op, but no knob changes it.");

    /// <summary>KNB0106.</summary>
    public static KnobsDiagnosticDescriptor KnobChangesNothing { get; } = new(GeneratorDiagnosticIds.KnobChangesNothing, "Knob changes nothing in this template", I, DiagnosticCategories.Generator,
        "Knob {0} changes no op call of '{1}'; no variant is generated for it",
        "A knob applies to the op kinds and op names it names; when the template has none of them, the variant would equal the baseline.");

    /// <summary>KNB0107.</summary>
    public static KnobsDiagnosticDescriptor KnobUnsupported { get; } = new(GeneratorDiagnosticIds.KnobUnsupported, "Knob type not supported", I, DiagnosticCategories.Generator,
        "Knob {0} is not generated: {1}",
        "Some knob types of the HPVM table (reduction sampling, PROMISE swing levels) need ops Knobs does not have; they are read and listed but produce no variant.");

    /// <summary>KNB0108.</summary>
    public static KnobsDiagnosticDescriptor FromOpNotFound { get; } = new(GeneratorDiagnosticIds.FromOpNotFound, "Knob from-op resolves to no method", W, DiagnosticCategories.Generator,
        "Knob {0} rewrites '{1}', but no [TensorOp] method of that name is called by any template or declared next to the ops they call",
        "A knob's from-op must name a [TensorOp] method (after HPVM names are mapped to Knobs op names); check the spelling or add the op.");

    /// <summary>KNB0109.</summary>
    public static KnobsDiagnosticDescriptor ParameterCountMismatch { get; } = new(GeneratorDiagnosticIds.ParameterCountMismatch, "Rewritten call does not match the to-op's signature", W, DiagnosticCategories.Generator,
        "Knob {0} would call '{1}' with {2} arguments at {3}, but no overload of '{1}' takes {2}; no variant is generated for this knob",
        "The knob's parameters are appended to the original call's arguments; the to-op must have an overload taking that many arguments. A variant that would not compile is never generated.");

    /// <summary>KNB0110.</summary>
    public static KnobsDiagnosticDescriptor ToOpNotFound { get; } = new(GeneratorDiagnosticIds.ToOpNotFound, "Knob to-op resolves to no method", W, DiagnosticCategories.Generator,
        "Knob {0} rewrites '{1}' to '{2}', but '{3}' has no [TensorOp] method '{2}'; no variant is generated for this knob",
        "The to-op must be a [TensorOp] method declared in the same type as the from-op.");

    /// <summary>KNB0111.</summary>
    public static KnobsDiagnosticDescriptor InvalidProfilingMode { get; } = new(GeneratorDiagnosticIds.InvalidProfilingMode, "Unknown KnobsProfiling value", W, DiagnosticCategories.Generator,
        "KnobsProfiling is '{0}'; expected PerTensor or Total (using PerTensor)",
        "The KnobsProfiling MSBuild property selects the hooks the variants carry.");

    /// <summary>KNB0112.</summary>
    public static KnobsDiagnosticDescriptor NodeNameNotConstant { get; } = new(GeneratorDiagnosticIds.NodeNameNotConstant, "Node name is not a constant", E, DiagnosticCategories.Generator,
        "Knobs.Node(...) needs a non-empty constant string naming the node",
        "Node names end up in profiles and lookup tables, so they are fixed at build time.");

    /// <summary>KNB0113.</summary>
    public static KnobsDiagnosticDescriptor NoParameterlessConstructor { get; } = new(GeneratorDiagnosticIds.NoParameterlessConstructor, "Benchmark template has no parameterless constructor", E, DiagnosticCategories.Generator,
        "[KnobBenchmark] class '{0}' must be non-abstract, non-generic and have an accessible parameterless constructor",
        "Each variant creates its own instance of the template.");

    /// <summary>KNB0114.</summary>
    public static KnobsDiagnosticDescriptor UnsupportedOpCall { get; } = new(GeneratorDiagnosticIds.UnsupportedOpCall, "Unsupported tensor op call", E, DiagnosticCategories.Generator,
        "The call to '{0}' cannot be rewritten: {1}",
        "Op calls must bind to a non-generic static [TensorOp] method, with arguments that are plain expressions.");

    /// <summary>KNB0115.</summary>
    public static KnobsDiagnosticDescriptor DuplicateBenchmarkName { get; } = new(GeneratorDiagnosticIds.DuplicateBenchmarkName, "Two benchmark templates with the same name", E, DiagnosticCategories.Generator,
        "Benchmark name '{0}' is used by two templates; rename one class",
        "Profiles, tables and `app run --benchmark` identify a template by its class name.");

    /// <summary>KNB0116.</summary>
    public static KnobsDiagnosticDescriptor UncheckedCallArgument { get; } = new(GeneratorDiagnosticIds.UncheckedCallArgument, "Knob call argument is not a checked literal", E, DiagnosticCategories.Generator,
        "Knob '{0}' would append the argument '{1}' to a call, but generated code takes only number literals and true/false from a knob table; the knob is skipped",
        "Nothing from a knob table reaches generated code except a checked number or boolean literal or a checked name.");

    /// <summary>KNB0117.</summary>
    public static KnobsDiagnosticDescriptor ImplicitBaseline { get; } = new(GeneratorDiagnosticIds.ImplicitBaseline, "Knob table has no fp32 knob: the template is the baseline", I, DiagnosticCategories.Generator,
        "The knob tables list no fp32 knob, so the template runs unchanged as variant '{0}': it is the QoS reference and the table's baseline",
        "QoS compares every variant with the un-approximated template, and speedups are against it, whatever knobs a table lists.");

    /// <summary>Every descriptor of this range, in id order.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        TemplateNotPartial, NoRunMethod, NoInputMethod, UnsupportedStatement, OpNotRewritable, KnobChangesNothing,
        KnobUnsupported, FromOpNotFound, ParameterCountMismatch, ToOpNotFound, InvalidProfilingMode, NodeNameNotConstant,
        NoParameterlessConstructor, UnsupportedOpCall, DuplicateBenchmarkName, UncheckedCallArgument, ImplicitBaseline);
}
