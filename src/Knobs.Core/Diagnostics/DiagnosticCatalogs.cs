using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Every diagnostic Knobs reports, from all id ranges (KNB0001–KNB0599).</summary>
public static class DiagnosticCatalogs
{
    /// <summary>The catalogs' descriptors in id order.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = KnobDiagnosticCatalog.All
        .Concat(GeneratorDiagnosticCatalog.All)
        .Concat(ConfigurationDiagnosticCatalog.All)
        .Concat(RunnerDiagnosticCatalog.All)
        .Concat(MSBuildDiagnosticCatalog.All)
        .Concat(AcceleratorDiagnosticCatalog.All)
        .Concat(PredictorDiagnosticCatalog.All)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToImmutableArray();

    private static readonly Dictionary<string, KnobsDiagnosticDescriptor> ById = Index();

    /// <summary>The descriptor for <paramref name="id"/>, or null when no catalog defines it.</summary>
    public static KnobsDiagnosticDescriptor? Find(string id) => ById.TryGetValue(id, out KnobsDiagnosticDescriptor? d) ? d : null;

    // First definition wins; the catalog test proves no id is defined twice.
    private static Dictionary<string, KnobsDiagnosticDescriptor> Index()
    {
        var index = new Dictionary<string, KnobsDiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (KnobsDiagnosticDescriptor d in All)
        {
            if (!index.ContainsKey(d.Id)) index.Add(d.Id, d);
        }
        return index;
    }
}
