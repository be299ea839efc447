using System;

namespace Knobs.Generators.Model;

/// <summary>
/// Everything the emitter needs about one <c>[KnobBenchmark]</c> template, as values: where it lives, its
/// <c>Run</c> body cut into statements with holes for op calls, the op calls, their nodes, and the
/// catalog of tensor ops it could be rewritten to. <see cref="NodeForwarder"/>: Run writes <c>Knobs.Node(...)</c> and nothing
/// else is named <c>Knobs</c> there, so the generated partial declares a nested <c>Knobs</c> class that forwards to the marker
/// (<see cref="Parsing.NodeForwarder"/>). <see cref="HasLabelled"/>: the template provides labelled inputs with
/// <c>Labelled()</c>, which the descriptor passes to the runner.
/// </summary>
internal sealed record TemplateSpec(
    string Name,
    string FullName,
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    EquatableArray<string> FileUsings,
    EquatableArray<string> NamespaceUsings,
    bool Classifier,
    bool HasLabelled,
    string RunParameterName,
    string FilePath,
    LocationInfo Location,
    EquatableArray<StatementSpec> Statements,
    EquatableArray<OpCallSpec> Ops,
    EquatableArray<NodeSpec> Nodes,
    EquatableArray<OpCatalogEntry> Catalog,
    bool NodeForwarder)
{
    public string HintName => FullName.Replace("global::", string.Empty).Replace('<', '_').Replace('>', '_');
}

/// <summary>A piece of source text, or a hole where op call <see cref="Op"/>'s result goes.</summary>
internal sealed record FragmentPart(string Text, int Op)
{
    public static FragmentPart Literal(string text) => new(text, -1);

    public static FragmentPart Hole(int op) => new(string.Empty, op);

    public bool IsHole => Op >= 0;
}

/// <summary>Source text with holes for op calls.</summary>
internal sealed record Fragment(EquatableArray<FragmentPart> Parts);

internal enum StatementKind
{
    /// <summary>Copied as written after its op calls are hoisted into temporaries.</summary>
    Plain,
    /// <summary><c>lhs = Op(...);</c> or <c>T v = Op(...);</c>: the op call is emitted in place.</summary>
    DirectOp,
    /// <summary><c>Knobs.Node("name");</c>: starts a node; emits nothing.</summary>
    NodeMarker,
}

/// <summary>
/// One statement of <c>Run</c>. <see cref="Ops"/> are the op calls it contains in evaluation order; for
/// <see cref="StatementKind.DirectOp"/> the last one is the call the statement assigns.
/// </summary>
internal sealed record StatementSpec(StatementKind Kind, Fragment Text, EquatableArray<int> Ops, string? NodeName);

/// <summary>
/// One op call site: op index (0..n-1 in evaluation order), the bound method, its kind and arguments. <see cref="Line"/>
/// counts from <c>Run</c>'s first line (1), so the generated code does not change when lines are inserted above <c>Run</c>;
/// <see cref="Location"/> is the place in the file, for diagnostics only.
/// </summary>
internal sealed record OpCallSpec(
    int Index,
    string Container,
    string Method,
    string Kind,
    EquatableArray<Fragment> Arguments,
    bool HasNamedArguments,
    bool SecondOperandIsWeight,
    int Line,
    LocationInfo Location);

/// <summary>A node (layer): id 1..n, name and the op indices it holds.</summary>
internal sealed record NodeSpec(int Id, string Name, EquatableArray<int> Ops);

/// <summary>A <c>[TensorOp]</c> method of a type the template calls into (all overloads of one name merged).</summary>
internal sealed record OpCatalogEntry(string Container, string Name, string Kind, string? Half, bool IsHalf, EquatableArray<ArityRange> Overloads)
{
    public bool Accepts(int argumentCount)
    {
        foreach (ArityRange range in Overloads)
        {
            if (argumentCount >= range.Min && argumentCount <= range.Max) return true;
        }
        return false;
    }
}

/// <summary>How many positional arguments an overload accepts (Max is int.MaxValue with <c>params</c>).</summary>
internal readonly record struct ArityRange(int Min, int Max);
