using System.Collections.Generic;
using System.Linq;
using Knobs.Diagnostics;
using Knobs.KnobTables;
using Microsoft.CodeAnalysis;
using C = Knobs.Diagnostics.GeneratorDiagnosticCatalog;

namespace Knobs.Generators.Diagnostics;

/// <summary>
/// The generator's Roslyn descriptors, made from the diagnostics catalog: its own ids (KNB0100–KNB0199,
/// <see cref="GeneratorDiagnosticCatalog"/>) and the knob-table ids (KNB0001–KNB0099, <see cref="KnobDiagnosticCatalog"/>)
/// that Knobs.Core's readers report through it. Each id has a page under docs/diagnostics/.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = DiagnosticCategories.Generator;
    public const string TableCategory = DiagnosticCategories.KnobTables;

    // Written out, with constant ids, categories and severities, so that the release-tracking analyzer checks them against
    // AnalyzerReleases.*.md; titles, messages and help links come from the catalog, and a test checks the severities agree.

    public static readonly DiagnosticDescriptor TemplateNotPartial = new(GeneratorDiagnosticIds.TemplateNotPartial, C.TemplateNotPartial.Title, C.TemplateNotPartial.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.TemplateNotPartial.Description, C.TemplateNotPartial.HelpLink);

    public static readonly DiagnosticDescriptor NoRunMethod = new(GeneratorDiagnosticIds.NoRunMethod, C.NoRunMethod.Title, C.NoRunMethod.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.NoRunMethod.Description, C.NoRunMethod.HelpLink);

    public static readonly DiagnosticDescriptor NoInputMethod = new(GeneratorDiagnosticIds.NoInputMethod, C.NoInputMethod.Title, C.NoInputMethod.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.NoInputMethod.Description, C.NoInputMethod.HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedStatement = new(GeneratorDiagnosticIds.UnsupportedStatement, C.UnsupportedStatement.Title, C.UnsupportedStatement.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.UnsupportedStatement.Description, C.UnsupportedStatement.HelpLink);

    public static readonly DiagnosticDescriptor OpNotRewritable = new(GeneratorDiagnosticIds.OpNotRewritable, C.OpNotRewritable.Title, C.OpNotRewritable.MessageFormat!, Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, C.OpNotRewritable.Description, C.OpNotRewritable.HelpLink);

    public static readonly DiagnosticDescriptor KnobChangesNothing = new(GeneratorDiagnosticIds.KnobChangesNothing, C.KnobChangesNothing.Title, C.KnobChangesNothing.MessageFormat!, Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, C.KnobChangesNothing.Description, C.KnobChangesNothing.HelpLink);

    public static readonly DiagnosticDescriptor KnobUnsupported = new(GeneratorDiagnosticIds.KnobUnsupported, C.KnobUnsupported.Title, C.KnobUnsupported.MessageFormat!, Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, C.KnobUnsupported.Description, C.KnobUnsupported.HelpLink);

    public static readonly DiagnosticDescriptor FromOpNotFound = new(GeneratorDiagnosticIds.FromOpNotFound, C.FromOpNotFound.Title, C.FromOpNotFound.MessageFormat!, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, C.FromOpNotFound.Description, C.FromOpNotFound.HelpLink);

    public static readonly DiagnosticDescriptor ParameterCountMismatch = new(GeneratorDiagnosticIds.ParameterCountMismatch, C.ParameterCountMismatch.Title, C.ParameterCountMismatch.MessageFormat!, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, C.ParameterCountMismatch.Description, C.ParameterCountMismatch.HelpLink);

    public static readonly DiagnosticDescriptor ToOpNotFound = new(GeneratorDiagnosticIds.ToOpNotFound, C.ToOpNotFound.Title, C.ToOpNotFound.MessageFormat!, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, C.ToOpNotFound.Description, C.ToOpNotFound.HelpLink);

    public static readonly DiagnosticDescriptor InvalidProfilingMode = new(GeneratorDiagnosticIds.InvalidProfilingMode, C.InvalidProfilingMode.Title, C.InvalidProfilingMode.MessageFormat!, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, C.InvalidProfilingMode.Description, C.InvalidProfilingMode.HelpLink);

    public static readonly DiagnosticDescriptor NodeNameNotConstant = new(GeneratorDiagnosticIds.NodeNameNotConstant, C.NodeNameNotConstant.Title, C.NodeNameNotConstant.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.NodeNameNotConstant.Description, C.NodeNameNotConstant.HelpLink);

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = new(GeneratorDiagnosticIds.NoParameterlessConstructor, C.NoParameterlessConstructor.Title, C.NoParameterlessConstructor.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.NoParameterlessConstructor.Description, C.NoParameterlessConstructor.HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedOpCall = new(GeneratorDiagnosticIds.UnsupportedOpCall, C.UnsupportedOpCall.Title, C.UnsupportedOpCall.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.UnsupportedOpCall.Description, C.UnsupportedOpCall.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateBenchmarkName = new(GeneratorDiagnosticIds.DuplicateBenchmarkName, C.DuplicateBenchmarkName.Title, C.DuplicateBenchmarkName.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.DuplicateBenchmarkName.Description, C.DuplicateBenchmarkName.HelpLink);

    public static readonly DiagnosticDescriptor UncheckedCallArgument = new(GeneratorDiagnosticIds.UncheckedCallArgument, C.UncheckedCallArgument.Title, C.UncheckedCallArgument.MessageFormat!, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, C.UncheckedCallArgument.Description, C.UncheckedCallArgument.HelpLink);

    public static readonly DiagnosticDescriptor ImplicitBaseline = new(GeneratorDiagnosticIds.ImplicitBaseline, C.ImplicitBaseline.Title, C.ImplicitBaseline.MessageFormat!, Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, C.ImplicitBaseline.Description, C.ImplicitBaseline.HelpLink);


    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .Concat(KnobDiagnosticCatalog.All.Select(d => From(d)))
        .ToDictionary(d => d.Id, System.StringComparer.Ordinal);

    /// <summary>The generator's own descriptors (not the knob-table ones), in id order.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values
        .Where(d => d.Category == Category)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal);

    /// <summary>
    /// The descriptor of <paramref name="id"/>, a generator id or a knob-table id, with its help link under
    /// <paramref name="helpLinkRoot"/> (<c>KnobsHelpLinkRoot</c>) or the default root when that is empty.
    /// </summary>
    public static DiagnosticDescriptor ById(string id, string? helpLinkRoot = null)
    {
        bool defaultRoot = string.IsNullOrWhiteSpace(helpLinkRoot);
        if (defaultRoot && s_byId.TryGetValue(id, out DiagnosticDescriptor? cached)) return cached;
        KnobsDiagnosticDescriptor? entry = GeneratorDiagnosticCatalog.All.Concat(KnobDiagnosticCatalog.All).FirstOrDefault(d => d.Id == id);
        return entry is not null
            ? From(entry, helpLinkRoot)
            // Not reachable while the readers report catalog ids only; a descriptor beats an exception in the compiler.
            : new DiagnosticDescriptor(id, id, "{0}", TableCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: DiagnosticHelpLinks.For(id, helpLinkRoot));
    }

    public static DiagnosticSeverity ToRoslyn(KnobDiagnosticSeverity severity) => severity switch
    {
        KnobDiagnosticSeverity.Error => DiagnosticSeverity.Error,
        KnobDiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    // Knob-table messages arrive formatted by the readers, so their descriptors format "{0}".
    private static DiagnosticDescriptor From(KnobsDiagnosticDescriptor entry, string? helpLinkRoot = null)
        => new(entry.Id, entry.Title, entry.Category == Category ? entry.MessageFormat ?? "{0}" : "{0}", entry.Category, ToRoslyn(entry.Severity),
            isEnabledByDefault: true, entry.Description, entry.HelpLinkUnder(helpLinkRoot));
}
