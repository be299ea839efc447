using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Parsing;

/// <summary>Reads <c>[TensorOp(kind, Half = …, IsHalf = …)]</c> from a method.</summary>
internal readonly record struct TensorOpInfo(string Kind, string? Half, bool IsHalf)
{
    public static TensorOpInfo? Read(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (!IsTensorOpAttribute(attribute.AttributeClass)) continue;
            string kind = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string k ? k : string.Empty;
            string? half = null;
            bool isHalf = false;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Half" && named.Value.Value is string h && h.Length > 0) half = h;
                if (named.Key == "IsHalf" && named.Value.Value is bool b) isHalf = b;
            }
            return new TensorOpInfo(kind, half, isHalf);
        }
        return null;
    }

    private static bool IsTensorOpAttribute(INamedTypeSymbol? type)
        => type is { Name: "TensorOpAttribute", ContainingNamespace: { Name: "Knobs", ContainingNamespace.IsGlobalNamespace: true } };
}
