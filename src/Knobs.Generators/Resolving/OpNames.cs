using System.Collections.Generic;
using System.Linq;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Resolving;

/// <summary>
/// The names of the [TensorOp] methods in referenced assemblies (those that reference the attribute's assembly, and
/// that assembly itself). A call whose name is none of these nor a source op's cannot be an op call, whatever its shape.
/// </summary>
internal static class OpNames
{
    public static HashSet<string> Referenced(Compilation compilation)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        IAssemblySymbol? attributeAssembly = compilation.GetTypeByMetadataName(KnownNames.TensorOpAttribute)?.ContainingAssembly;
        if (attributeAssembly is null) return names;
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            bool related = SymbolEqualityComparer.Default.Equals(assembly, attributeAssembly)
                           || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == attributeAssembly.Identity.Name));
            if (related) Walk(assembly.GlobalNamespace, names);
        }
        return names;
    }

    private static void Walk(INamespaceOrTypeSymbol container, HashSet<string> names)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    Walk(nested, names);
                    break;
                case IMethodSymbol method when TensorOpInfo.Read(method) is not null:
                    names.Add(method.Name);
                    break;
            }
        }
    }
}
