using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Parsing;

/// <summary>The template model (null when it cannot be generated) and what to report.</summary>
internal sealed record TemplateParseResult(TemplateSpec? Template, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Builds the <see cref="TemplateSpec"/> from a template's syntax and its resolved calls: statements with op holes,
/// op calls, nodes. Runs only when the template or its resolution changed; asks Roslyn nothing but the parser.
/// </summary>
internal static class TemplateBuilder
{
    public static TemplateParseResult Build(TemplateResolution resolution, CancellationToken cancellation)
    {
        TemplateSyntax t = resolution.Syntax;
        RunSource? source = RunSource.Parse(t.Run, t.FilePath);
        if (source is null)
        {
            return new TemplateParseResult(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.NoRunMethod, t.Location, t.Name) }.ToEquatableArray());
        }
        var body = new RunBodyParser(source, resolution.Calls, t.Name, cancellation);
        body.Parse(source.Method);
        if (body.Diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error))
        {
            return new TemplateParseResult(null, body.Diagnostics.ToEquatableArray());
        }

        List<NodeSpec> nodes = NodeGrouper.Group(body.Ops, body.Markers);
        var template = new TemplateSpec(
            Name: t.Name,
            FullName: t.FullName,
            Namespace: t.Namespace,
            ContainingTypes: t.ContainingTypes,
            FileUsings: t.FileUsings,
            NamespaceUsings: t.NamespaceUsings,
            Classifier: t.Classifier,
            HasLabelled: t.HasLabelled,
            RunParameterName: t.Run.ParameterName,
            FilePath: t.FilePath,
            Location: t.Location,
            Statements: body.Statements.ToEquatableArray(),
            Ops: body.Ops.ToEquatableArray(),
            Nodes: nodes.ToEquatableArray(),
            Catalog: resolution.Catalog,
            NodeForwarder: NodeForwarder.Needed(t));
        return new TemplateParseResult(template, body.Diagnostics.ToEquatableArray());
    }
}
