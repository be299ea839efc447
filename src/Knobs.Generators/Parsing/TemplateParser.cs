using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Parsing;

/// <summary>The parse of one template: the model (null when the template cannot be generated) and what to report.</summary>
internal sealed record TemplateParseResult(TemplateSpec? Template, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Turns a <c>[KnobBenchmark]</c> class into a <see cref="TemplateSpec"/>. Never writes code.</summary>
internal static class TemplateParser
{
    public static TemplateParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo where = LocationInfo.From(declaration.Identifier.GetLocation())!;

        if (!IsPartialChain(declaration))
        {
            return Fail(diagnostics, DiagnosticInfo.Create(DiagnosticDescriptors.TemplateNotPartial, where, type.Name));
        }
        if (type.IsAbstract || type.IsStatic || type.IsGenericType || ContainingTypes(type).Any(t => t.IsGenericType) ||
            !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility != Accessibility.Private))
        {
            return Fail(diagnostics, DiagnosticInfo.Create(DiagnosticDescriptors.NoParameterlessConstructor, where, type.Name));
        }

        IMethodSymbol? run = type.GetMembers("Run").OfType<IMethodSymbol>().FirstOrDefault(m => !m.IsStatic && m.Parameters.Length == 1);
        var runSyntax = run?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellation) as MethodDeclarationSyntax;
        if (run is null || runSyntax is null || (runSyntax.Body is null && runSyntax.ExpressionBody is null))
        {
            return Fail(diagnostics, DiagnosticInfo.Create(DiagnosticDescriptors.NoRunMethod, where, type.Name));
        }
        IMethodSymbol? input = type.GetMembers("Input").OfType<IMethodSymbol>()
            .FirstOrDefault(m => !m.IsStatic && m.Parameters.Length == 1 && m.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
        if (input is null)
        {
            return Fail(diagnostics, DiagnosticInfo.Create(DiagnosticDescriptors.NoInputMethod, where, type.Name));
        }

        SemanticModel model = runSyntax.SyntaxTree == context.SemanticModel.SyntaxTree
            ? context.SemanticModel
            : context.SemanticModel.Compilation.GetSemanticModel(runSyntax.SyntaxTree);
        var body = new RunBodyParser(model, type.Name, cancellation);
        body.Parse(runSyntax);
        diagnostics.AddRange(body.Diagnostics);
        if (diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error))
        {
            return new TemplateParseResult(null, diagnostics.ToEquatableArray());
        }

        List<NodeSpec> nodes = NodeGrouper.Group(body.Ops, body.Markers);
        var template = new TemplateSpec(
            Name: type.Name,
            FullName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(type).Reverse().Select(Header).ToEquatableArray(),
            FileUsings: runSyntax.SyntaxTree.GetCompilationUnitRoot(cancellation).Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None)).Select(u => u.ToString()).ToEquatableArray(),
            NamespaceUsings: runSyntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().SelectMany(n => n.Usings).Select(u => u.ToString()).ToEquatableArray(),
            Classifier: ReadClassifier(context.Attributes),
            TensorType: run.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            RunParameterName: run.Parameters[0].Name,
            FilePath: runSyntax.SyntaxTree.FilePath,
            Location: where,
            Statements: body.Statements.ToEquatableArray(),
            Ops: body.Ops.ToEquatableArray(),
            Nodes: nodes.ToEquatableArray(),
            Catalog: OpCatalogBuilder.Build(body.Containers));
        return new TemplateParseResult(template, diagnostics.ToEquatableArray());
    }

    private static TemplateParseResult Fail(List<DiagnosticInfo> diagnostics, DiagnosticInfo diagnostic)
    {
        diagnostics.Add(diagnostic);
        return new TemplateParseResult(null, diagnostics.ToEquatableArray());
    }

    private static bool IsPartialChain(TypeDeclarationSyntax declaration)
        => declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().All(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));

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
