using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Diagnostics;

/// <summary>The generator's diagnostics (KNB0100–KNB0199). Each id has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Knobs.Generator";
    private const string HelpRoot = "https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TemplateNotPartial = Make("KNB0101", DiagnosticSeverity.Error,
        "Benchmark template is not partial",
        "[KnobBenchmark] class '{0}' must be declared partial (and so must every class that contains it)",
        "The generator adds the variants as nested types of the template, so the template and its containing types must be partial.");

    public static readonly DiagnosticDescriptor NoRunMethod = Make("KNB0102", DiagnosticSeverity.Error,
        "Benchmark template has no Run method",
        "[KnobBenchmark] class '{0}' needs an instance method 'Tensor Run(Tensor x)' with a body",
        "A template's Run method is what the generator copies and rewrites into variants.");

    public static readonly DiagnosticDescriptor NoInputMethod = Make("KNB0103", DiagnosticSeverity.Error,
        "Benchmark template has no Input method",
        "[KnobBenchmark] class '{0}' needs an instance method 'Tensor Input(int batch)'",
        "The runner asks the template for its input through Input(batch).");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Make("KNB0104", DiagnosticSeverity.Error,
        "Unsupported statement in Run",
        "Run of '{0}' contains tensor op calls inside {1}; write Run as a straight sequence of declarations, assignments and returns",
        "Variants time every op call on its own, so an op call must sit in a straight-line statement (local declaration, assignment, expression statement or return), not in a loop, branch, lambda, conditional expression or similar.");

    public static readonly DiagnosticDescriptor OpNotRewritable = Make("KNB0105", DiagnosticSeverity.Info,
        "No knob rewrites this op",
        "No knob of the knob tables rewrites the '{0}' call ({1}); it runs unchanged in every variant",
        "Every variant times this op, but no knob changes it.");

    public static readonly DiagnosticDescriptor KnobChangesNothing = Make("KNB0106", DiagnosticSeverity.Info,
        "Knob changes nothing in this template",
        "Knob {0} changes no op call of '{1}'; no variant is generated for it",
        "A knob applies to the op kinds and op names it names; when the template has none of them, the variant would equal the baseline.");

    public static readonly DiagnosticDescriptor KnobUnsupported = Make("KNB0107", DiagnosticSeverity.Info,
        "Knob type not supported",
        "Knob {0} is not generated: {1}",
        "Some knob types of the HPVM table (reduction sampling, PROMISE swing levels) need ops Knobs does not have; they are read and listed but produce no variant.");

    public static readonly DiagnosticDescriptor FromOpNotFound = Make("KNB0108", DiagnosticSeverity.Warning,
        "Knob from-op resolves to no method",
        "Knob {0} rewrites '{1}', but no [TensorOp] method of that name is called by any template or declared next to the ops they call",
        "A knob's from-op must name a [TensorOp] method (after HPVM names are mapped to Knobs op names); check the spelling or add the op.");

    public static readonly DiagnosticDescriptor ParameterCountMismatch = Make("KNB0109", DiagnosticSeverity.Warning,
        "Rewritten call does not match the to-op's signature",
        "Knob {0} would call '{1}' with {2} arguments at {3}, but no overload of '{1}' takes {2}; no variant is generated for this knob",
        "The knob's parameters are appended to the original call's arguments; the to-op must have an overload taking that many arguments. A variant that would not compile is never generated.");

    public static readonly DiagnosticDescriptor ToOpNotFound = Make("KNB0110", DiagnosticSeverity.Warning,
        "Knob to-op resolves to no method",
        "Knob {0} rewrites '{1}' to '{2}', but '{3}' has no [TensorOp] method '{2}'; no variant is generated for this knob",
        "The to-op must be a [TensorOp] method declared in the same type as the from-op.");

    public static readonly DiagnosticDescriptor InvalidProfilingMode = Make("KNB0111", DiagnosticSeverity.Warning,
        "Unknown KnobsProfiling value",
        "KnobsProfiling is '{0}'; expected PerTensor, Total or None (using PerTensor)",
        "The KnobsProfiling MSBuild property selects the hooks the variants carry.");

    public static readonly DiagnosticDescriptor NodeNameNotConstant = Make("KNB0112", DiagnosticSeverity.Error,
        "Node name is not a constant",
        "Knobs.Node(...) needs a non-empty constant string naming the node",
        "Node names end up in profiles and lookup tables, so they are fixed at build time.");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Make("KNB0113", DiagnosticSeverity.Error,
        "Benchmark template has no parameterless constructor",
        "[KnobBenchmark] class '{0}' must be non-abstract, non-generic and have an accessible parameterless constructor",
        "Each variant creates its own instance of the template.");

    public static readonly DiagnosticDescriptor UnsupportedOpCall = Make("KNB0114", DiagnosticSeverity.Error,
        "Unsupported tensor op call",
        "The call to '{0}' cannot be rewritten: {1}",
        "Op calls must bind to a non-generic static [TensorOp] method, with arguments that are plain expressions.");

    public static readonly DiagnosticDescriptor DuplicateBenchmarkName = Make("KNB0115", DiagnosticSeverity.Error,
        "Two benchmark templates with the same name",
        "Benchmark name '{0}' is used by two templates; rename one class",
        "Profiles, tables and `app run --benchmark` identify a template by its class name.");

    public static readonly DiagnosticDescriptor UncheckedCallArgument = Make("KNB0116", DiagnosticSeverity.Error,
        "Knob call argument is not a checked literal",
        "Knob '{0}' would append the argument '{1}' to a call, but generated code takes only number literals and true/false from a knob table; the knob is skipped",
        "Nothing from a knob table reaches generated code except a checked number or boolean literal or a checked name.");

    public static readonly DiagnosticDescriptor ImplicitBaseline = Make("KNB0117", DiagnosticSeverity.Info,
        "Knob table has no fp32 knob: the template is the baseline",
        "The knob tables list no fp32 knob, so the template runs unchanged as variant '{0}': it is the QoS reference and the table's baseline",
        "QoS compares every variant with the un-approximated template, and speedups are against it, whatever knobs a table lists.");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal);

    /// <summary>The descriptor of a generator id, or one made for a knob-table id (KNB00xx) reported by Knobs.Core's readers.</summary>
    public static DiagnosticDescriptor ById(string id, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => s_byId.TryGetValue(id, out DiagnosticDescriptor? descriptor)
            ? descriptor
            : new DiagnosticDescriptor(id, "Knob table problem", "{0}", TableCategory, severity, isEnabledByDefault: true,
                "A knob table could not be read as written; the message says which field is wrong and what to do.", HelpRoot + id + ".md");

    public const string TableCategory = "Knobs.KnobTables";

    private static DiagnosticDescriptor Make(string id, DiagnosticSeverity severity, string title, string message, string description)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpRoot + id + ".md");
}
