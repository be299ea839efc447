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
/// Cuts a template's <c>Run</c> body (re-parsed from its text) into statements with holes for tensor op calls,
/// numbering the op calls in evaluation order (nested calls first, so each can be hoisted and timed on its own).
/// Which invocations are op calls or node markers comes from the resolution; this class asks Roslyn nothing.
/// </summary>
internal sealed class RunBodyParser
{
    private readonly RunSource _source;
    private readonly SourceText _text;
    private readonly Dictionary<(int Start, int Length), CallResolution> _calls = new();
    private readonly string _templateName;
    private readonly CancellationToken _cancellation;
    private readonly HashSet<string> _locals = new(System.StringComparer.Ordinal);

    public RunBodyParser(RunSource source, IEnumerable<CallResolution> calls, string templateName, CancellationToken cancellation)
    {
        _source = source;
        _text = source.Text;
        foreach (CallResolution call in calls) _calls[(call.Start, call.Length)] = call;
        _templateName = templateName;
        _cancellation = cancellation;
    }

    public List<StatementSpec> Statements { get; } = new();

    public List<OpCallSpec> Ops { get; } = new();

    /// <summary>Op index at which each <c>Knobs.Node("name")</c> marker starts a node.</summary>
    public List<(int FirstOp, string Name)> Markers { get; } = new();

    public List<DiagnosticInfo> Diagnostics { get; } = new();

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
        if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax marker } && Find(marker) is { Kind: CallKind.Marker } resolved)
        {
            string? name = resolved.MarkerName;
            if (string.IsNullOrWhiteSpace(name))
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NodeNameNotConstant, _source.Locate(marker)));
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
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStatement, _source.Locate(statement), _templateName, Describe(statement)));
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
        if (call.Resolution.IsExtension && call.Syntax.Expression is MemberAccessExpressionSyntax access)
        {
            argumentSpans.Add(access.Expression);
            arguments.Add(MakeFragment(access.Expression.Span, nested));
        }
        foreach (ArgumentSyntax argument in call.Syntax.ArgumentList.Arguments)
        {
            argumentSpans.Add(argument.Expression);
            arguments.Add(MakeFragment(argument.Span, nested));
        }

        bool secondIsWeight = argumentSpans.Count >= 2 && IsWeight(argumentSpans[1], nested);
        LocationInfo location = _source.Locate(call.Syntax);
        int index = Ops.Count;
        Ops.Add(new OpCallSpec(index, call.Resolution.Container, call.Resolution.Method, call.Resolution.OpKind,
            arguments.ToEquatableArray(), call.Syntax.ArgumentList.Arguments.Any(a => a.NameColon is not null), secondIsWeight, _source.LineInRun(call.Syntax), location));
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
            if (ResolveOp(invocation) is not { } call) continue;
            calls.Add(call);
        }
        foreach (OpCall call in calls)
        {
            call.Parent = calls.Where(c => c != call && c.Syntax.Span.Contains(call.Syntax.Span)).OrderBy(c => c.Syntax.Span.Length).FirstOrDefault();
        }
        return calls;
    }

    private CallResolution? Find(InvocationExpressionSyntax invocation)
        => _calls.TryGetValue((invocation.SpanStart - _source.Method.SpanStart, invocation.Span.Length), out CallResolution? call) ? call : null;

    private OpCall? ResolveOp(InvocationExpressionSyntax invocation)
        => Find(invocation) is { Kind: CallKind.Op } op ? new OpCall(invocation, op) : null;

    /// <summary>Op calls must run exactly once, in order: not inside lambdas, branches of expressions or similar.</summary>
    private bool CheckContexts(List<OpCall> calls, SyntaxNode statement)
    {
        bool ok = true;
        foreach (OpCall call in calls)
        {
            if (call.Resolution.Unsupported is { } reason)
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedOpCall, _source.Locate(call.Syntax), call.Resolution.Method, reason));
                ok = false;
                continue;
            }
            for (SyntaxNode? node = call.Syntax.Parent; node is not null && node != statement; node = node.Parent)
            {
                if (UnsupportedContext(node) is { } shape)
                {
                    Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStatement, _source.Locate(call.Syntax), _templateName, shape));
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

    private sealed class OpCall
    {
        public OpCall(InvocationExpressionSyntax syntax, CallResolution resolution)
        {
            Syntax = syntax;
            Resolution = resolution;
        }

        public InvocationExpressionSyntax Syntax { get; }

        public CallResolution Resolution { get; }

        public OpCall? Parent { get; set; }
    }
}
