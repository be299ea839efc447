using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Parsing;

/// <summary>The syntax read of one template: the model (null when the template cannot be generated) and what to report.</summary>
internal sealed record TemplateSyntaxResult(TemplateDeclaration? Template, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The <c>ForAttributeWithMetadataName</c> transform. Roslyn re-runs it for every template on every compilation (any
/// edit anywhere), so it reads only declaration facts of the symbol (modifiers, member names) and the text of
/// <c>Run</c> — no binding, no lookups, no walk of Run's body. <see cref="TemplateSyntaxReader"/> reads the body in a
/// step that re-runs only when this result changes; calls are resolved in <see cref="Resolving.TemplateResolver"/>.
/// </summary>
internal static class TemplateSyntaxParser
{
    public static TemplateSyntaxResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        => Parse((INamedTypeSymbol)context.TargetSymbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes, cancellation);

    public static TemplateSyntaxResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax declaration, IEnumerable<AttributeData> attributes, CancellationToken cancellation)
    {
        LocationInfo where = LocationInfo.From(declaration.Identifier.GetLocation())!;

        if (!declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().All(t => t.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return Fail(DiagnosticDescriptors.TemplateNotPartial, where, type.Name);
        }
        List<TypeDeclarationSyntax> parts = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellation)).OfType<TypeDeclarationSyntax>().ToList();
        if (type.IsAbstract || type.IsStatic || type.IsGenericType || ContainingTypes(type).Any(t => t.IsGenericType) || !HasParameterlessConstructor(parts))
        {
            return Fail(DiagnosticDescriptors.NoParameterlessConstructor, where, type.Name);
        }
        List<MethodDeclarationSyntax> methods = parts.SelectMany(p => p.Members).OfType<MethodDeclarationSyntax>().ToList();
        MethodDeclarationSyntax? run = methods.FirstOrDefault(m => m.Identifier.ValueText == "Run" && !m.Modifiers.Any(SyntaxKind.StaticKeyword) && m.ParameterList.Parameters.Count == 1);
        if (run is null || (run.Body is null && run.ExpressionBody is null))
        {
            return Fail(DiagnosticDescriptors.NoRunMethod, where, type.Name);
        }
        if (!methods.Any(m => m.Identifier.ValueText == "Input" && !m.Modifiers.Any(SyntaxKind.StaticKeyword) && m.ParameterList.Parameters.Count == 1 && IsInt(m.ParameterList.Parameters[0].Type)))
        {
            return Fail(DiagnosticDescriptors.NoInputMethod, where, type.Name);
        }

        CompilationUnitSyntax unit = run.SyntaxTree.GetCompilationUnitRoot(cancellation);
        var template = new TemplateDeclaration(
            Name: type.Name,
            FullName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(type).Reverse().Select(Header).ToEquatableArray(),
            FileUsings: unit.Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None)).Select(u => u.ToString()).ToEquatableArray(),
            NamespaceUsings: run.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().SelectMany(n => n.Usings).Select(u => u.ToString()).ToEquatableArray(),
            Classifier: ReadClassifier(attributes),
            HasLabelled: HasLabelled(type),
            FilePath: run.SyntaxTree.FilePath,
            Location: where,
            Run: ReadRunText(run, cancellation),
            Namespaces: ScopeReader.Namespaces(run),
            FileUsingSpecs: unit.Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None)).Select(ScopeReader.Using).ToEquatableArray(),
            MemberNames: MemberNames(type));
        return new TemplateSyntaxResult(template, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static TemplateSyntaxResult Fail(DiagnosticDescriptor descriptor, LocationInfo where, string name)
        => new(null, new[] { DiagnosticInfo.Create(descriptor, where, name) }.ToEquatableArray());

    private static RunText ReadRunText(MethodDeclarationSyntax run, CancellationToken cancellation)
    {
        var options = (CSharpParseOptions)run.SyntaxTree.Options;
        Microsoft.CodeAnalysis.Text.LinePosition start = run.SyntaxTree.GetLineSpan(run.Span).StartLinePosition;
        EquatableArray<string> symbols = run.ContainsDirectives ? options.PreprocessorSymbolNames.OrderBy(s => s, System.StringComparer.Ordinal).ToEquatableArray() : EquatableArray<string>.Empty;
        return new RunText(run.SyntaxTree.GetText(cancellation).ToString(run.Span), run.SpanStart, start.Line, start.Character, run.ParameterList.Parameters[0].Identifier.ValueText, (int)options.LanguageVersion, symbols);
    }

    /// <summary>
    /// Member names of the template, its containing types and their base types, nested types included (MemberNames
    /// lists only the others): declaration facts, no binding.
    /// </summary>
    private static EquatableArray<string> MemberNames(INamedTypeSymbol type)
    {
        var found = new SortedSet<string>(System.StringComparer.Ordinal);
        for (INamedTypeSymbol? scope = type; scope is not null; scope = scope.ContainingType)
        {
            for (INamedTypeSymbol? t = scope; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                found.UnionWith(t.MemberNames);
                foreach (INamedTypeSymbol nested in t.GetTypeMembers()) found.Add(nested.Name);
            }
        }
        return found.ToEquatableArray();
    }

    /// <summary>Whether <c>new T()</c> compiles: no constructor at all (the implicit public one), or a non-private parameterless one.</summary>
    private static bool HasParameterlessConstructor(List<TypeDeclarationSyntax> parts)
    {
        var constructors = parts.SelectMany(p => p.Members).OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
        bool primary = parts.Any(p => p.ParameterList is not null);
        if (parts.Any(p => p.ParameterList is { Parameters.Count: 0 })) return true;
        if (constructors.Count == 0) return !primary;
        return constructors.Any(c => c.ParameterList.Parameters.Count == 0
            && c.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword)));
    }

    /// <summary>
    /// Whether the template declares <c>LabelledSet Labelled()</c>: an instance method without parameters or type
    /// parameters returning <c>Knobs.Runtime.LabelledSet</c> (any accessibility: the generated code is part of the class).
    /// A declaration fact of the symbol, like its member names.
    /// </summary>
    private static bool HasLabelled(INamedTypeSymbol type) =>
        type.GetMembers("Labelled").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.IsEmpty && m.TypeParameters.IsEmpty
            && m.ReturnType is INamedTypeSymbol { Name: "LabelledSet", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "Knobs", ContainingNamespace.IsGlobalNamespace: true } } });

    private static bool IsInt(TypeSyntax? type) => type switch
    {
        PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.IntKeyword),
        _ => type?.ToString().Replace("global::", string.Empty) is "Int32" or "System.Int32",
    };

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType) yield return t;
    }

    private static string Header(INamedTypeSymbol type)
    {
        string keyword = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };
        return "partial " + keyword + " " + type.Name;
    }

    private static bool ReadClassifier(IEnumerable<AttributeData> attributes)
    {
        foreach (AttributeData attribute in attributes)
        {
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Classifier" && named.Value.Value is bool classifier) return classifier;
            }
        }
        return true;
    }
}
