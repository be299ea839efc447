using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Parsing;

/// <summary>Reads namespaces and <c>using</c> directives as values (<see cref="NamespaceScope"/>, <see cref="UsingSpec"/>).</summary>
internal static class ScopeReader
{
    /// <summary>
    /// The namespaces enclosing <paramref name="node"/>, innermost first, each with the directives declared at that
    /// level (<c>namespace A.B { using X; }</c> is the levels <c>A.B</c> (with <c>using X</c>) and <c>A</c>).
    /// </summary>
    public static EquatableArray<NamespaceScope> Namespaces(SyntaxNode node)
    {
        var levels = new List<NamespaceScope>();
        string prefix = string.Empty;
        foreach (BaseNamespaceDeclarationSyntax declaration in node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse())
        {
            List<string> parts = DottedParts(declaration.Name) ?? new List<string> { declaration.Name.ToString() };
            for (int i = 0; i < parts.Count; i++)
            {
                prefix = prefix.Length == 0 ? parts[i] : prefix + "." + parts[i];
                EquatableArray<UsingSpec> usings = i == parts.Count - 1 ? declaration.Usings.Select(Using).ToEquatableArray() : EquatableArray<UsingSpec>.Empty;
                levels.Add(new NamespaceScope(prefix, usings));
            }
        }
        levels.Reverse();
        return levels.ToEquatableArray();
    }

    public static UsingSpec Using(UsingDirectiveSyntax directive)
    {
        UsingKind kind = directive.Alias is not null ? UsingKind.Alias : directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) ? UsingKind.Static : UsingKind.Namespace;
        bool rooted = directive.Name is AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword };
        List<string>? parts = directive.Name is null ? null : DottedParts(directive.Name);
        return new UsingSpec(kind, directive.Alias?.Name.Identifier.ValueText, parts is null ? null : string.Join(".", parts), rooted);
    }

    /// <summary>Every <c>global using</c> of the compilation (they apply to every file). Reads only the top of each tree.</summary>
    public static EquatableArray<UsingSpec> GlobalUsings(Compilation compilation, CancellationToken cancellation)
    {
        var usings = new List<UsingSpec>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (UsingDirectiveSyntax directive in tree.GetCompilationUnitRoot(cancellation).Usings)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.None)) usings.Add(Using(directive));
            }
        }
        return usings.ToEquatableArray();
    }

    /// <summary>The identifiers of a dotted name (<c>global::</c> dropped); null when it has generic or other parts.</summary>
    private static List<string>? DottedParts(NameSyntax name)
    {
        switch (name)
        {
            case IdentifierNameSyntax identifier:
                return new List<string> { identifier.Identifier.ValueText };
            case QualifiedNameSyntax qualified:
                List<string>? left = DottedParts(qualified.Left);
                if (left is null || qualified.Right is not IdentifierNameSyntax right) return null;
                left.Add(right.Identifier.ValueText);
                return left;
            case AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword, Name: IdentifierNameSyntax rootName }:
                return new List<string> { rootName.Identifier.ValueText };
            default:
                return null;
        }
    }
}
