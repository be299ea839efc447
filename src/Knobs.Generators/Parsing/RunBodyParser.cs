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

    public RunBodyParser(SemanticModel model, string templateName, CancellationToken cancellation)
    {
        _model = model;
        _text = model.SyntaxTree.GetText(cancellation);
        _templateName = templateName;
        _cancellation = cancellation;
    }

    public List<StatementSpec> Statements { get; } = new();

    public List<OpCallSpec> Ops { get; } = new();

    /// <summary>Op index at which each <c>Knobs.Node("name")</c> marker starts a node.</summary>
    public List<(int FirstOp, string Name)> Markers { get; } = new();

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public List<INamedTypeSymbol> Containers { get; } = new();

    public void Parse(MethodDeclarationSyntax run)
    {
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
            string? name = _model.GetConstantValue(marker.ArgumentList.Arguments.FirstOrDefault()?.Expression ?? marker, _cancellation).Value as string;
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
        if (kind == "pool") kind = PoolKind(call.Syntax) ?? kind;
        bool secondIsWeight = argumentSpans.Count >= 2 && IsWeight(argumentSpans[1], nested);
        LocationInfo location = LocationInfo.From(call.Syntax);
        int index = Ops.Count;
        Ops.Add(new OpCallSpec(index, method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), method.Name, kind,
            arguments.ToEquatableArray(), call.Syntax.ArgumentList.Arguments.Any(a => a.NameColon is not null), secondIsWeight, location.Line, location));
        Containers.Add(method.ContainingType);
        order.Add(index);
        return index;
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
            if (_model.GetSymbolInfo(invocation, _cancellation).Symbol is not IMethodSymbol method) continue;
            if (TensorOpInfo.Read(method.ReducedFrom ?? method) is not { } info) continue;
            calls.Add(new OpCall(invocation, method, info));
        }
        foreach (OpCall call in calls)
        {
            call.Parent = calls.Where(c => c != call && c.Syntax.Span.Contains(call.Syntax.Span)).OrderBy(c => c.Syntax.Span.Length).FirstOrDefault();
        }
        return calls;
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
        => _model.GetSymbolInfo(invocation, _cancellation).Symbol is IMethodSymbol { Name: KnownNames.NodeMarkerMethod } method
           && method.ContainingType.ToDisplayString() == KnownNames.NodeMarkerType;

    /// <summary>HPVM's bias test: the add's second operand is a parameter (field, property, weight), not an activation.</summary>
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
            }
            // Symbols only (no IOperation trees): binding is the dominant cost of re-parsing on every edit.
            return _model.GetSymbolInfo(expression, _cancellation).Symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol;
        }
    }

    private string? PoolKind(InvocationExpressionSyntax invocation)
    {
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            if (_model.GetTypeInfo(argument.Expression, _cancellation).Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType) continue;
            object? value = _model.GetConstantValue(argument.Expression, _cancellation).Value;
            if (value is null) return null;
            IFieldSymbol? member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            switch (member?.Name.ToLowerInvariant())
            {
                case "max": return "pool_max";
                case "mean": case "avg": case "average": return "pool_mean";
                case "min": return "pool_min";
            }
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
