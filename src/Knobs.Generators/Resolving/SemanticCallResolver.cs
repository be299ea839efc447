using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Resolving;

/// <summary>
/// The semantic path: resolves every call of <c>Run</c> with the semantic model (scope lookup where it settles the
/// call, binding otherwise). Used only for a template whose calls <see cref="FastCallResolver"/> cannot settle
/// (extension calls on an op name, names that hide ops, constants as node names, …): correct for every shape.
/// </summary>
internal sealed class SemanticCallResolver
{
    private readonly SemanticModel _model;
    private readonly MethodDeclarationSyntax _run;
    private readonly CancellationToken _cancellation;
    private readonly CalleeResolver _resolver;
    private readonly Dictionary<IMethodSymbol, TensorOpInfo?> _infos = new(SymbolEqualityComparer.Default);
    private readonly HashSet<int> _forwarded;

    public SemanticCallResolver(SemanticModel model, MethodDeclarationSyntax run, TemplateSyntax template, CancellationToken cancellation)
    {
        _model = model;
        _run = run;
        _cancellation = cancellation;
        _resolver = new CalleeResolver(model, new HashSet<string>(RunLocals.Of(run), System.StringComparer.Ordinal));
        _forwarded = new HashSet<int>(template.Calls.Where(c => NodeForwarder.Calls(c, template.Scope)).Select(c => c.Start));
    }

    public List<CallResolution> Calls { get; } = new();

    public HashSet<INamedTypeSymbol> Containers { get; } = new(SymbolEqualityComparer.Default);

    public void Resolve()
    {
        foreach (InvocationExpressionSyntax invocation in _run.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            _cancellation.ThrowIfCancellationRequested();
            int start = invocation.SpanStart - _run.SpanStart;
            bool statement = invocation.Parent is ExpressionStatementSyntax s && s.Parent == _run.Body;
            if (_forwarded.Contains(start))
            {
                // Knobs.Node(...): the generated forwarder (not yet in this compilation) makes it the marker.
                if (statement) Calls.Add(Marker(invocation, start));
                continue;
            }
            if (statement && IsNodeMarker(invocation))
            {
                Calls.Add(Marker(invocation, start));
                continue;
            }
            if (ResolveOp(invocation) is not { } op) continue;
            IMethodSymbol method = op.Method.ReducedFrom ?? op.Method;
            string kind = op.Info.Kind;
            if (kind == "pool") kind = PoolKind(invocation, op.Method) ?? kind;
            string? unsupported = method.IsGenericMethod ? "generic tensor ops are not supported" : !method.IsStatic ? "tensor ops must be static methods" : null;
            bool extension = op.Method.ReducedFrom is not null && invocation.Expression is MemberAccessExpressionSyntax;
            Containers.Add(method.ContainingType);
            Calls.Add(new CallResolution(start, invocation.Span.Length, CallKind.Op, method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), method.Name, kind, extension, unsupported, null));
        }
    }

    /// <summary>A marker with its name: a literal as written, any other constant by its value (null when not constant).</summary>
    private CallResolution Marker(InvocationExpressionSyntax invocation, int start)
    {
        ExpressionSyntax? argument = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        string? name = argument is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
            ? literal.Token.ValueText
            : _model.GetConstantValue(argument ?? (ExpressionSyntax)invocation, _cancellation).Value as string;
        return new CallResolution(start, invocation.Span.Length, CallKind.Marker, string.Empty, KnownNames.NodeMarkerMethod, string.Empty, false, null, name);
    }

    /// <summary>The op an invocation calls, or null; by lookup when that settles it, else by binding.</summary>
    private (IMethodSymbol Method, TensorOpInfo Info)? ResolveOp(InvocationExpressionSyntax invocation)
    {
        CalleeResolver.Resolution resolution = _resolver.Resolve(invocation);
        if (!resolution.NeedsBinding)
        {
            var ops = resolution.Methods.Select(m => (Method: m, Info: OpInfo(m))).ToList();
            if (ops.All(o => o.Info is null)) return null;
            bool uniform = ops.All(o => o.Info is not null)
                && ops.All(o => SymbolEqualityComparer.Default.Equals(o.Method.ContainingType, ops[0].Method.ContainingType) && o.Info!.Value.Kind == ops[0].Info!.Value.Kind);
            if (uniform)
            {
                int count = invocation.ArgumentList.Arguments.Count;
                var chosen = ops.FirstOrDefault(o => o.Method.Parameters.Length == count);
                if (chosen.Method is null) chosen = ops[0];
                return (chosen.Method, chosen.Info!.Value);
            }
        }
        if (_model.GetSymbolInfo(invocation, _cancellation).Symbol is not IMethodSymbol method) return null;
        return OpInfo(method.ReducedFrom ?? method) is { } info ? (method, info) : null;
    }

    private TensorOpInfo? OpInfo(IMethodSymbol method)
    {
        if (!_infos.TryGetValue(method, out TensorOpInfo? info))
        {
            info = TensorOpInfo.Read(method);
            _infos.Add(method, info);
        }
        return info;
    }

    /// <summary>A direct call of <c>Knobs.NodeMarker.Node</c> (<c>Knobs.Node(...)</c> through the forwarder is settled by syntax).</summary>
    private bool IsNodeMarker(InvocationExpressionSyntax invocation)
    {
        string? name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        if (name != KnownNames.NodeMarkerMethod) return false;
        CalleeResolver.Resolution resolution = _resolver.Resolve(invocation);
        IEnumerable<IMethodSymbol> methods = resolution.NeedsBinding
            ? new[] { _model.GetSymbolInfo(invocation, _cancellation).Symbol as IMethodSymbol }.OfType<IMethodSymbol>()
            : resolution.Methods;
        return methods.Any(m => m.ContainingType.ToDisplayString() == KnownNames.NodeMarkerType);
    }

    /// <summary>pool_max / pool_mean / pool_min from the constant PoolKind argument (<c>PoolKind.Max</c> read as written when possible).</summary>
    private string? PoolKind(InvocationExpressionSyntax invocation, IMethodSymbol called)
    {
        IMethodSymbol method = called.ReducedFrom ?? called;
        int offset = called.ReducedFrom is null ? 0 : 1;
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count && i + offset < method.Parameters.Length; i++)
        {
            if (method.Parameters[i + offset].Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType) continue;
            string? member = arguments[i].Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } ? name.Identifier.ValueText : null;
            if (member is null || enumType.GetMembers(member).IsEmpty)
            {
                object? value = _model.GetConstantValue(arguments[i].Expression, _cancellation).Value;
                member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;
            }
            return PoolKinds.FromMember(member);
        }
        return null;
    }
}
