using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Parsing;

/// <summary>Lists every [TensorOp] method of the types a template calls into: the names a knob may rewrite to.</summary>
internal static class OpCatalogBuilder
{
    // A referenced assembly's symbols are shared by every compilation that keeps the same references, so the entries
    // of a metadata type are read once; the table holds them only as long as the symbol lives.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, ContainerEntries> s_metadata = new();

    public static EquatableArray<OpCatalogEntry> Build(IEnumerable<INamedTypeSymbol> containers)
    {
        var entries = new List<ContainerEntries>();
        foreach (INamedTypeSymbol container in containers.Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default))
        {
            entries.Add(container.DeclaringSyntaxReferences.IsEmpty ? s_metadata.GetValue(container, Read) : Read(container));
        }
        return entries.OrderBy(e => e.Container, System.StringComparer.Ordinal).SelectMany(e => e.Entries).ToEquatableArray();
    }

    private static ContainerEntries Read(INamedTypeSymbol container)
    {
        string containerName = container.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var byName = new SortedDictionary<string, (TensorOpInfo Info, List<ArityRange> Ranges)>(System.StringComparer.Ordinal);
        foreach (IMethodSymbol method in container.GetMembers().OfType<IMethodSymbol>())
        {
            if (!method.IsStatic || method.IsGenericMethod || method.DeclaredAccessibility == Accessibility.Private) continue;
            if (TensorOpInfo.Read(method) is not { } info) continue;
            if (!byName.TryGetValue(method.Name, out var slot))
            {
                slot = (info, new List<ArityRange>());
                byName.Add(method.Name, slot);
            }
            slot.Ranges.Add(Arity(method));
        }
        var entries = new List<OpCatalogEntry>();
        foreach (var pair in byName)
        {
            entries.Add(new OpCatalogEntry(containerName, pair.Key, pair.Value.Info.Kind, pair.Value.Info.Half, pair.Value.Info.IsHalf,
                pair.Value.Ranges.OrderBy(r => r.Min).ThenBy(r => r.Max).ToEquatableArray()));
        }
        return new ContainerEntries(containerName, entries);
    }

    private static ArityRange Arity(IMethodSymbol method)
    {
        int min = method.Parameters.Count(p => !p.IsOptional && !p.IsParams);
        int max = method.Parameters.Any(p => p.IsParams) ? int.MaxValue : method.Parameters.Length;
        return new ArityRange(min, max);
    }

    private sealed class ContainerEntries
    {
        public ContainerEntries(string container, List<OpCatalogEntry> entries)
        {
            Container = container;
            Entries = entries;
        }

        public string Container { get; }

        public List<OpCatalogEntry> Entries { get; }
    }
}
