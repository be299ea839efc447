using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Parsing;

/// <summary>Every name <c>Run</c> declares (parameters, locals, pattern and query variables, lambda parameters, local functions, type parameters).</summary>
internal static class RunLocals
{
    public static IEnumerable<string> Of(MethodDeclarationSyntax run)
    {
        foreach (ParameterSyntax parameter in run.ParameterList.Parameters) yield return parameter.Identifier.ValueText;
        if (run.TypeParameterList is { } typeParameters)
        {
            foreach (TypeParameterSyntax typeParameter in typeParameters.Parameters) yield return typeParameter.Identifier.ValueText;
        }
        foreach (SyntaxNode node in run.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator: yield return declarator.Identifier.ValueText; break;
                case SingleVariableDesignationSyntax designation: yield return designation.Identifier.ValueText; break;
                case ForEachStatementSyntax loop: yield return loop.Identifier.ValueText; break;
                case ParameterSyntax lambdaParameter: yield return lambdaParameter.Identifier.ValueText; break;
                case LocalFunctionStatementSyntax function: yield return function.Identifier.ValueText; break;
                case CatchDeclarationSyntax { Identifier.ValueText.Length: > 0 } caught: yield return caught.Identifier.ValueText; break;
                case FromClauseSyntax from: yield return from.Identifier.ValueText; break;
                case LetClauseSyntax let: yield return let.Identifier.ValueText; break;
                case JoinClauseSyntax join: yield return join.Identifier.ValueText; break;
                case JoinIntoClauseSyntax into: yield return into.Identifier.ValueText; break;
                case QueryContinuationSyntax continuation: yield return continuation.Identifier.ValueText; break;
            }
        }
    }
}
