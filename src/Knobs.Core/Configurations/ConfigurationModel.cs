using System.Collections.Generic;

namespace Knobs.Configurations;

/// <summary>A configuration file in HPVM's grammar: a number on the first line, then <c>+++++ … -----</c> blocks.</summary>
/// <param name="Path">The file as given to the reader.</param>
/// <param name="FirstLine">The first line exactly as written (HPVM: baseline time; informational).</param>
/// <param name="Configurations">The configurations in file order.</param>
public sealed record ConfigurationFile(string Path, string FirstLine, IReadOnlyList<Configuration> Configurations);

/// <summary>
/// One configuration: header <c>name speedup energy accuracy accuracy_loss [extra…]</c> and one line per node.
/// Header fields are kept as written so that rewriting a file changes only what was meant to change.
/// </summary>
/// <param name="Index">1-based position in the file.</param>
/// <param name="Line">Line of the header.</param>
/// <param name="HeaderFields">Every header token as written (at least five).</param>
/// <param name="Nodes">Node lines, ids 1..n.</param>
public sealed record Configuration(int Index, int Line, IReadOnlyList<string> HeaderFields, IReadOnlyList<ConfigurationNode> Nodes)
{
    /// <summary>The configuration's name (<c>conf3</c>).</summary>
    public string Name => HeaderFields[0];
    /// <summary>Speedup field as written.</summary>
    public string Speedup => HeaderFields[1];
    /// <summary>Energy field as written (a reduction ratio, or <c>NA</c>).</summary>
    public string Energy => HeaderFields[2];
    /// <summary>Accuracy field as written.</summary>
    public string Accuracy => HeaderFields[3];
    /// <summary>Accuracy loss field as written.</summary>
    public string AccuracyLoss => HeaderFields[4];
}

/// <summary>One node line: <c>id gpu|cpu op approx int [op approx int]…</c>.</summary>
public sealed record ConfigurationNode(int Id, string Device, IReadOnlyList<ConfigurationOp> Ops, int Line);

/// <summary>
/// One op of a node line. For <c>fp32</c> and <c>fp16</c> only the approx name counts (HPVM writes any integer there);
/// for the other approx names the integer is the knob id.
/// </summary>
public sealed record ConfigurationOp(string Op, string Approx, int Value, int Column)
{
    /// <summary>The knob id this op asks for: 11 for fp32, 12 for fp16, otherwise <see cref="Value"/>.</summary>
    public int KnobId => Approx == "fp32" ? 11 : Approx == "fp16" ? 12 : Value;

    /// <summary>The table column this op asks for: <c>fp32</c>, <c>fp16</c>, or <c>&lt;approx&gt;_&lt;id&gt;</c>.</summary>
    public string KnobKey => ApproxNames.Key(Approx, KnobId);
}
