using System.Collections.Generic;
using System.Linq;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Parsing;

/// <summary>Lists every [TensorOp] method of the types a template calls into: the names a knob may rewrite to.</summary>
internal static class OpCatalogBuilder
{
    public static EquatableArray<OpCatalogEntry> Build(IEnumerable<INamedTypeSymbol> containers)
    {
        var entries = new List<OpCatalogEntry>();
        foreach (INamedTypeSymbol container in containers.Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
                     .OrderBy(c => c.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), System.StringComparer.Ordinal))
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
            foreach (var pair in byName)
            {
                entries.Add(new OpCatalogEntry(containerName, pair.Key, pair.Value.Info.Kind, pair.Value.Info.Half, pair.Value.Info.IsHalf,
                    pair.Value.Ranges.OrderBy(r => r.Min).ThenBy(r => r.Max).ToEquatableArray()));
            }
        }
        return entries.ToEquatableArray();
    }

    private static ArityRange Arity(IMethodSymbol method)
    {
        int min = method.Parameters.Count(p => !p.IsOptional && !p.IsParams);
        int max = method.Parameters.Any(p => p.IsParams) ? int.MaxValue : method.Parameters.Length;
        return new ArityRange(min, max);
    }
}
