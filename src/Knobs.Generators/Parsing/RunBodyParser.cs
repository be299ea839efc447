using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Parsing;

/// <summary>
/// Cuts a template's <c>Run</c> body into statements with holes for tensor op calls, numbering the op calls
/// in evaluation order (nested calls first, so each can be hoisted and timed on its own).
/// </summary>
internal sealed class RunBodyParser
{
    private readonly SemanticModel _model;
    private readonly SourceText _text;
    private readonly string _templateName;
    private readonly CancellationToken _cancellation;
    private readonly CalleeResolver _resolver;
    private readonly HashSet<string> _locals = new(System.StringComparer.Ordinal);

    public RunBodyParser(SemanticModel model, string templateName, CancellationToken cancellation)
    {
        _model = model;
        _text = model.SyntaxTree.GetText(cancellation);
        _templateName = templateName;
        _cancellation = cancellation;
        _resolver = new CalleeResolver(model, _locals);
    }

    public List<StatementSpec> Statements { get; } = new();

    public List<OpCallSpec> Ops { get; } = new();

    /// <summary>Op index at which each <c>Knobs.Node("name")</c> marker starts a node.</summary>
    public List<(int FirstOp, string Name)> Markers { get; } = new();

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public List<INamedTypeSymbol> Containers { get; } = new();

    public void Parse(MethodDeclarationSyntax run)
    {
        CollectLocals(run);
        if (run.Body is { } body)
        {
            foreach (StatementSyntax statement in body.Statements)
            {
                _cancellation.ThrowIfCancellationRequested();
                ParseStatement(statement);
            }
        }
        else if (run.ExpressionBody is { } arrow)
        {
            ParseExpressionBody(arrow.Expression);
        }
    }

    private void ParseExpressionBody(ExpressionSyntax expression)
    {
        List<OpCall> calls = FindOpCalls(expression);
        if (!CheckContexts(calls, expression)) return;
        var ops = new List<int>();
        var holes = BuildOuterOps(calls, null, ops);
        var parts = new List<FragmentPart> { FragmentPart.Literal("return ") };
        parts.AddRange(MakeFragment(expression.Span, holes).Parts);
        parts.Add(FragmentPart.Literal(";"));
        Statements.Add(new StatementSpec(StatementKind.Plain, new Fragment(parts.ToEquatableArray()), ops.ToEquatableArray(), null));
    }

    private void ParseStatement(StatementSyntax statement)
    {
        if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax marker } && IsNodeMarker(marker))
        {
            ExpressionSyntax? argument = marker.ArgumentList.Arguments.FirstOrDefault()?.Expression;
            string? name = argument is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                ? literal.Token.ValueText
                : _model.GetConstantValue(argument ?? (ExpressionSyntax)marker, _cancellation).Value as string;
            if (string.IsNullOrWhiteSpace(name))
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NodeNameNotConstant, LocationInfo.From(marker)));
                return;
            }
            Markers.Add((Ops.Count, name!));
            Statements.Add(new StatementSpec(StatementKind.NodeMarker, new Fragment(EquatableArray<FragmentPart>.Empty), EquatableArray<int>.Empty, name));
            return;
        }

        List<OpCall> calls = FindOpCalls(statement);
        if (calls.Count == 0)
        {
            Statements.Add(new StatementSpec(StatementKind.Plain, MakeFragment(statement.Span, new List<(TextSpan, int)>()), EquatableArray<int>.Empty, null));
            return;
        }
        if (statement is not (LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax))
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStatement, LocationInfo.From(statement), _templateName, Describe(statement)));
            return;
        }
        if (!CheckContexts(calls, statement)) return;

        var ops = new List<int>();
        List<(TextSpan Span, int Op)> holes = BuildOuterOps(calls, null, ops);
        bool direct = DirectCall(statement) is { } directCall && holes.Count == 1 && holes[0].Span == directCall.Span;
        Statements.Add(new StatementSpec(direct ? StatementKind.DirectOp : StatementKind.Plain, MakeFragment(statement.Span, holes), ops.ToEquatableArray(), null));
    }

    private static InvocationExpressionSyntax? DirectCall(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } local
            when local.Declaration.Variables[0].Initializer?.Value is InvocationExpressionSyntax call => call,
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => call,
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: InvocationExpressionSyntax call } } => call,
        _ => null,
    };

    /// <summary>Numbers the op calls directly under <paramref name="parent"/> (nested ones first) and returns their spans.</summary>
    private List<(TextSpan Span, int Op)> BuildOuterOps(List<OpCall> calls, OpCall? parent, List<int> order)
    {
        var holes = new List<(TextSpan, int)>();
        foreach (OpCall call in calls.Where(c => c.Parent == parent).OrderBy(c => c.Syntax.SpanStart))
        {
            holes.Add((call.Syntax.Span, BuildOp(call, calls, order)));
        }
        return holes;
    }

    private int BuildOp(OpCall call, List<OpCall> calls, List<int> order)
    {
        List<(TextSpan Span, int Op)> nested = BuildOuterOps(calls, call, order);
        var arguments = new List<Fragment>();
        var argumentSpans = new List<ExpressionSyntax>();
        if (call.Method.ReducedFrom is not null && call.Syntax.Expression is MemberAccessExpressionSyntax access)
        {
            argumentSpans.Add(access.Expression);
            arguments.Add(MakeFragment(access.Expression.Span, nested));
        }
        foreach (ArgumentSyntax argument in call.Syntax.ArgumentList.Arguments)
        {
            argumentSpans.Add(argument.Expression);
            arguments.Add(MakeFragment(argument.Span, nested));
        }

        IMethodSymbol method = call.Method.ReducedFrom ?? call.Method;
        string kind = call.Info.Kind;
        if (kind == "pool") kind = PoolKind(call) ?? kind;
        bool secondIsWeight = argumentSpans.Count >= 2 && IsWeight(argumentSpans[1], nested);
        LocationInfo location = LocationInfo.From(call.Syntax);
        int index = Ops.Count;
        Ops.Add(new OpCallSpec(index, ContainerName(method.ContainingType), method.Name, kind,
            arguments.ToEquatableArray(), call.Syntax.ArgumentList.Arguments.Any(a => a.NameColon is not null), secondIsWeight, location.Line, location));
        order.Add(index);
        return index;
    }

    private readonly Dictionary<INamedTypeSymbol, string> _containerNames = new(SymbolEqualityComparer.Default);

    private string ContainerName(INamedTypeSymbol type)
    {
        if (!_containerNames.TryGetValue(type, out string? name))
        {
            name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            _containerNames.Add(type, name);
            Containers.Add(type);
        }
        return name;
    }

    private Fragment MakeFragment(TextSpan span, List<(TextSpan Span, int Op)> holes)
    {
        var parts = new List<FragmentPart>();
        int position = span.Start;
        foreach (var hole in holes.Where(h => span.Contains(h.Span)).OrderBy(h => h.Span.Start))
        {
            if (hole.Span.Start > position) parts.Add(FragmentPart.Literal(_text.ToString(TextSpan.FromBounds(position, hole.Span.Start))));
            parts.Add(FragmentPart.Hole(hole.Op));
            position = hole.Span.End;
        }
        if (span.End > position) parts.Add(FragmentPart.Literal(_text.ToString(TextSpan.FromBounds(position, span.End))));
        return new Fragment(parts.ToEquatableArray());
    }

    private List<OpCall> FindOpCalls(SyntaxNode root)
    {
        var calls = new List<OpCall>();
        foreach (InvocationExpressionSyntax invocation in root.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (ResolveOp(invocation) is not { } call) continue;
            calls.Add(call);
        }
        foreach (OpCall call in calls)
        {
            call.Parent = calls.Where(c => c != call && c.Syntax.Span.Contains(call.Syntax.Span)).OrderBy(c => c.Syntax.Span.Length).FirstOrDefault();
        }
        return calls;
    }

    /// <summary>The op an invocation calls, or null; by lookup when that settles it, else by binding.</summary>
    private OpCall? ResolveOp(InvocationExpressionSyntax invocation)
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
                return new OpCall(invocation, chosen.Method, chosen.Info!.Value);
            }
        }
        if (_model.GetSymbolInfo(invocation, _cancellation).Symbol is not IMethodSymbol method) return null;
        return OpInfo(method.ReducedFrom ?? method) is { } info ? new OpCall(invocation, method, info) : null;
    }

    private readonly Dictionary<IMethodSymbol, TensorOpInfo?> _opInfos = new(SymbolEqualityComparer.Default);

    private TensorOpInfo? OpInfo(IMethodSymbol method)
    {
        if (!_opInfos.TryGetValue(method, out TensorOpInfo? info))
        {
            info = TensorOpInfo.Read(method);
            _opInfos.Add(method, info);
        }
        return info;
    }

    /// <summary>Op calls must run exactly once, in order: not inside lambdas, branches of expressions or similar.</summary>
    private bool CheckContexts(List<OpCall> calls, SyntaxNode statement)
    {
        bool ok = true;
        foreach (OpCall call in calls)
        {
            IMethodSymbol method = call.Method.ReducedFrom ?? call.Method;
            if (method.IsGenericMethod || !method.IsStatic)
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedOpCall, LocationInfo.From(call.Syntax), method.Name,
                    method.IsGenericMethod ? "generic tensor ops are not supported" : "tensor ops must be static methods"));
                ok = false;
                continue;
            }
            for (SyntaxNode? node = call.Syntax.Parent; node is not null && node != statement; node = node.Parent)
            {
                if (UnsupportedContext(node) is { } shape)
                {
                    Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStatement, LocationInfo.From(call.Syntax), _templateName, shape));
                    ok = false;
                    break;
                }
            }
        }
        return ok;
    }

    private static string? UnsupportedContext(SyntaxNode node) => node switch
    {
        AnonymousFunctionExpressionSyntax => "a lambda or anonymous method",
        ConditionalExpressionSyntax => "a conditional expression (?:)",
        ConditionalAccessExpressionSyntax => "a conditional access (?.)",
        SwitchExpressionSyntax => "a switch expression",
        QueryExpressionSyntax => "a query expression",
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression)
            => "a short-circuit expression (&&, ||, ??)",
        AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.CoalesceAssignmentExpression) => "a ??= assignment",
        _ => null,
    };

    private static string Describe(StatementSyntax statement) => statement switch
    {
        IfStatementSyntax => "an if statement",
        ForStatementSyntax => "a for loop",
        ForEachStatementSyntax => "a foreach loop",
        WhileStatementSyntax => "a while loop",
        DoStatementSyntax => "a do loop",
        SwitchStatementSyntax => "a switch statement",
        TryStatementSyntax => "a try statement",
        UsingStatementSyntax => "a using statement",
        LockStatementSyntax => "a lock statement",
        BlockSyntax => "a nested block",
        LocalFunctionStatementSyntax => "a local function",
        CheckedStatementSyntax => "a checked/unchecked block",
        FixedStatementSyntax => "a fixed statement",
        UnsafeStatementSyntax => "an unsafe block",
        LabeledStatementSyntax => "a labeled statement",
        YieldStatementSyntax => "a yield statement",
        ThrowStatementSyntax => "a throw statement",
        _ => "a " + statement.Kind().ToString() + " statement",
    };

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

    private void CollectLocals(MethodDeclarationSyntax run)
    {
        foreach (ParameterSyntax parameter in run.ParameterList.Parameters) _locals.Add(parameter.Identifier.ValueText);
        foreach (SyntaxNode node in run.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator: _locals.Add(declarator.Identifier.ValueText); break;
                case SingleVariableDesignationSyntax designation: _locals.Add(designation.Identifier.ValueText); break;
                case ForEachStatementSyntax loop: _locals.Add(loop.Identifier.ValueText); break;
                case ParameterSyntax lambdaParameter: _locals.Add(lambdaParameter.Identifier.ValueText); break;
            }
        }
    }

    /// <summary>HPVM's bias test: the add's second operand is a parameter (field, property, weight), not an activation.</summary>
    /// <summary>
    /// By syntax: a local or parameter of Run (or an op result) is an activation; a field, property, element of one,
    /// or the result of a non-op call is a weight.
    /// </summary>
    private bool IsWeight(ExpressionSyntax expression, List<(TextSpan Span, int Op)> opHoles)
    {
        if (opHoles.Any(h => expression.Span.Contains(h.Span))) return false;
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case ElementAccessExpressionSyntax element:
                    expression = element.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                    expression = bang.Operand;
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression is not ThisExpressionSyntax:
                    expression = access.Expression;
                    if (expression is IdentifierNameSyntax root) return !_locals.Contains(root.Identifier.ValueText);
                    continue;
                case MemberAccessExpressionSyntax:
                    return true;
                case IdentifierNameSyntax identifier:
                    return !_locals.Contains(identifier.Identifier.ValueText);
                case InvocationExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>pool_max / pool_mean / pool_min from the constant PoolKind argument (<c>PoolKind.Max</c> read as written when possible).</summary>
    private string? PoolKind(OpCall call)
    {
        IMethodSymbol method = call.Method.ReducedFrom ?? call.Method;
        int offset = call.Method.ReducedFrom is null ? 0 : 1;
        SeparatedSyntaxList<ArgumentSyntax> arguments = call.Syntax.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count && i + offset < method.Parameters.Length; i++)
        {
            if (method.Parameters[i + offset].Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType) continue;
            string? member = arguments[i].Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } ? name.Identifier.ValueText : null;
            if (member is null || enumType.GetMembers(member).IsEmpty)
            {
                object? value = _model.GetConstantValue(arguments[i].Expression, _cancellation).Value;
                member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;
            }
            switch (member?.ToLowerInvariant())
            {
                case "max": return "pool_max";
                case "mean": case "avg": case "average": return "pool_mean";
                case "min": return "pool_min";
            }
            return null;
        }
        return null;
    }

    private sealed class OpCall
    {
        public OpCall(InvocationExpressionSyntax syntax, IMethodSymbol method, TensorOpInfo info)
        {
            Syntax = syntax;
            Method = method;
            Info = info;
        }

        public InvocationExpressionSyntax Syntax { get; }

        public IMethodSymbol Method { get; }

        public TensorOpInfo Info { get; }

        public OpCall? Parent { get; set; }
    }
}
