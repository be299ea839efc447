using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Parsing;

/// <summary>Reads every invocation of <c>Run</c> as a <see cref="CallSyntax"/>: how its callee is spelled, by syntax only.</summary>
internal static class CallReader
{
    public static List<CallSyntax> Read(MethodDeclarationSyntax run, CancellationToken cancellation)
    {
        var calls = new List<CallSyntax>();
        foreach (InvocationExpressionSyntax invocation in run.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            cancellation.ThrowIfCancellationRequested();
            calls.Add(Read(invocation, run));
        }
        return calls;
    }

    private static CallSyntax Read(InvocationExpressionSyntax invocation, MethodDeclarationSyntax run)
    {
        CallShape shape = CallShape.Other;
        string name = string.Empty;
        var qualifier = new List<string>();
        bool rooted = false;
        switch (invocation.Expression)
        {
            case IdentifierNameSyntax identifier:
                shape = CallShape.Simple;
                name = identifier.Identifier.ValueText;
                break;
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax member } access:
                name = member.Identifier.ValueText;
                if (Qualifier(access.Expression, qualifier, ref rooted)) shape = CallShape.Qualified;
                break;
            case MemberAccessExpressionSyntax access:
                name = access.Name.Identifier.ValueText;
                break;
            case GenericNameSyntax generic:
                name = generic.Identifier.ValueText;
                break;
        }
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        string? literal = arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } text ? text.Token.ValueText : null;
        bool statement = invocation.Parent is ExpressionStatementSyntax s && s.Parent == run.Body;
        return new CallSyntax(invocation.SpanStart - run.SpanStart, invocation.Span.Length, shape, name, shape == CallShape.Qualified ? qualifier.ToEquatableArray() : EquatableArray<string>.Empty,
            rooted, arguments.Count, statement, literal,
            arguments.Select(a => a.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax n } ? n.Identifier.ValueText : string.Empty).ToEquatableArray());
    }

    /// <summary>A dotted chain of identifiers, optionally rooted at <c>global::</c>.</summary>
    private static bool Qualifier(ExpressionSyntax expression, List<string> parts, ref bool rooted)
    {
        switch (expression)
        {
            case IdentifierNameSyntax identifier:
                parts.Add(identifier.Identifier.ValueText);
                return true;
            case AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword, Name: IdentifierNameSyntax name }:
                rooted = true;
                parts.Add(name.Identifier.ValueText);
                return true;
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access:
                if (!Qualifier(access.Expression, parts, ref rooted)) return false;
                parts.Add(name.Identifier.ValueText);
                return true;
            default:
                return false;
        }
    }
}
