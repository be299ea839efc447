using System.Linq;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Parsing;

/// <summary>
/// <c>Run</c> parsed again from its text (the model holds no tree), with locations mapped back to the template's
/// file: the same spans and line spans as in the original tree.
/// </summary>
internal sealed class RunSource
{
    private readonly RunText _run;
    private readonly string _filePath;

    private RunSource(RunText run, string filePath, SourceText text, MethodDeclarationSyntax method)
    {
        _run = run;
        _filePath = filePath;
        Text = text;
        Method = method;
    }

    public SourceText Text { get; }

    public MethodDeclarationSyntax Method { get; }

    public static RunSource? Parse(RunText run, string filePath)
    {
        var options = new CSharpParseOptions((LanguageVersion)run.LanguageVersion, preprocessorSymbols: run.PreprocessorSymbols.ToArray());
        SourceText text = SourceText.From(run.Text);
        var method = SyntaxFactory.ParseMemberDeclaration(run.Text, 0, options) as MethodDeclarationSyntax;
        return method is null || method.Span != new TextSpan(0, run.Text.Length) ? null : new RunSource(run, filePath, text, method);
    }

    /// <summary>The line of <paramref name="node"/> counted from <c>Run</c>'s first line (1): unchanged by edits above <c>Run</c>.</summary>
    public int LineInRun(SyntaxNode node) => Text.Lines.GetLinePosition(node.SpanStart).Line + 1;

    /// <summary>Where <paramref name="node"/> is in the template's file.</summary>
    public LocationInfo Locate(SyntaxNode node)
    {
        TextSpan span = node.Span;
        LinePositionSpan lines = Text.Lines.GetLinePositionSpan(span);
        return new LocationInfo(_filePath, new TextSpan(span.Start + _run.Start, span.Length), new LinePositionSpan(Map(lines.Start), Map(lines.End)));
    }

    private LinePosition Map(LinePosition position)
        => position.Line == 0 ? new LinePosition(_run.Line, _run.Character + position.Character) : new LinePosition(_run.Line + position.Line, position.Character);
}
