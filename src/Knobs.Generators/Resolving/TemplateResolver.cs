using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Resolving;

/// <summary>
/// Resolves the templates' calls against the current compilation (this step runs on every compilation, so the fast
/// path does symbol-table lookups only, shared by templates with the same scope) and lists the [TensorOp] methods of the types they call (the op catalog the
/// planner checks rewritten calls against). Its output equals the previous one unless the template or what its names
/// mean changed, so everything downstream stays cached on unrelated edits.
/// </summary>
internal static class TemplateResolver
{
    /// <summary>Resolves every template of the compilation (in order); templates with the same scope share lookups.</summary>
    public static ImmutableArray<TemplateResolution> ResolveAll(ImmutableArray<TemplateSyntax> templates, EquatableArray<string> sourceOpNames, EquatableArray<UsingSpec> globalUsings, Compilation compilation, CancellationToken cancellation)
    {
        if (templates.IsDefaultOrEmpty) return ImmutableArray<TemplateResolution>.Empty;
        var context = new ResolutionContext(compilation, sourceOpNames, globalUsings);
        return templates.Select(t => Resolve(t, context, cancellation)).ToImmutableArray();
    }

    internal static TemplateResolution Resolve(TemplateSyntax template, ResolutionContext context, CancellationToken cancellation)
    {
        var fast = new FastCallResolver(context, template);
        var calls = new List<CallResolution>();
        bool certain = true;
        foreach (CallSyntax call in template.Calls)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!fast.TryResolve(call, out CallResolution? resolution))
            {
                certain = false;
                break;
            }
            if (resolution is not null) calls.Add(resolution);
        }
        return certain
            ? new TemplateResolution(template, calls.ToEquatableArray(), OpCatalogBuilder.Build(fast.Containers), false)
            : ResolveByBinding(template, context, cancellation);
    }

    /// <summary>The semantic path: every call bound with the semantic model (tests compare it with the fast path).</summary>
    internal static TemplateResolution ResolveByBinding(TemplateSyntax template, ResolutionContext context, CancellationToken cancellation)
    {
        MethodDeclarationSyntax? run = FindRun(context.Compilation, template, cancellation);
        if (run is null) return new TemplateResolution(template, EquatableArray<CallResolution>.Empty, EquatableArray<OpCatalogEntry>.Empty, true);
        var semantic = new SemanticCallResolver(context.Compilation.GetSemanticModel(run.SyntaxTree), run, template, cancellation);
        semantic.Resolve();
        return new TemplateResolution(template, semantic.Calls.ToEquatableArray(), OpCatalogBuilder.Build(semantic.Containers), true);
    }

    /// <summary>Run's declaration in the compilation's tree of the template's file.</summary>
    private static MethodDeclarationSyntax? FindRun(Compilation compilation, TemplateSyntax template, CancellationToken cancellation)
    {
        var span = new TextSpan(template.Run.Start, template.Run.Text.Length);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath != template.FilePath || tree.Length < span.End) continue;
            MethodDeclarationSyntax? run = tree.GetRoot(cancellation).FindNode(span).AncestorsAndSelf().OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Span == span);
            if (run is not null && run.ToString() == template.Run.Text) return run;
        }
        return null;
    }
}
