using System.Collections.Generic;
using Knobs.KnobTables;

namespace Knobs.Configurations;

/// <summary>A configuration file in HPVM's grammar: a number on the first line, then <c>+++++ … -----</c> blocks.</summary>
public sealed class ConfigurationFile
{
    /// <summary>Creates a file model.</summary>
    /// <param name="path">The file as given to the reader.</param>
    /// <param name="firstLine">The first line exactly as written (HPVM: baseline time; informational).</param>
    /// <param name="configurations">The configurations in file order.</param>
    public ConfigurationFile(string path, string firstLine, IReadOnlyList<Configuration> configurations)
    {
        Path = path;
        FirstLine = firstLine;
        Configurations = configurations;
    }

    /// <summary>The file as given to the reader.</summary>
    public string Path { get; }
    /// <summary>The first line exactly as written.</summary>
    public string FirstLine { get; }
    /// <summary>The configurations in file order.</summary>
    public IReadOnlyList<Configuration> Configurations { get; }
}

/// <summary>
/// One configuration: header <c>name speedup energy accuracy accuracy_loss [extra…]</c> and one line per node.
/// Header fields are kept as written so that rewriting a file changes only what was meant to change.
/// </summary>
public sealed class Configuration
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="index">1-based position in the file.</param>
    /// <param name="line">Line of the header.</param>
    /// <param name="headerFields">Every header token as written (at least five).</param>
    /// <param name="nodes">Node lines, ids 1..n.</param>
    public Configuration(int index, int line, IReadOnlyList<string> headerFields, IReadOnlyList<ConfigurationNode> nodes)
    {
        Index = index;
        Line = line;
        HeaderFields = headerFields;
        Nodes = nodes;
    }

    /// <summary>1-based position in the file.</summary>
    public int Index { get; }
    /// <summary>Line of the header.</summary>
    public int Line { get; }
    /// <summary>Every header token as written.</summary>
    public IReadOnlyList<string> HeaderFields { get; }
    /// <summary>Node lines, ids 1..n.</summary>
    public IReadOnlyList<ConfigurationNode> Nodes { get; }

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
public sealed class ConfigurationNode
{
    /// <summary>Creates a node line.</summary>
    public ConfigurationNode(int id, string device, IReadOnlyList<ConfigurationOp> ops, int line)
    {
        Id = id;
        Device = device;
        Ops = ops;
        Line = line;
    }

    /// <summary>Node id (1-based).</summary>
    public int Id { get; }
    /// <summary><c>gpu</c> or <c>cpu</c>.</summary>
    public string Device { get; }
    /// <summary>The node's ops in order.</summary>
    public IReadOnlyList<ConfigurationOp> Ops { get; }
    /// <summary>Line in the file.</summary>
    public int Line { get; }
}

/// <summary>
/// One op of a node line. For <c>fp32</c> and <c>fp16</c> only the approx name counts (HPVM writes any integer there);
/// for the other approx names the integer is the knob id.
/// </summary>
public sealed class ConfigurationOp
{
    /// <summary>Creates an op entry.</summary>
    public ConfigurationOp(string op, string approx, int value, int column)
    {
        Op = op;
        Approx = approx;
        Value = value;
        Column = column;
    }

    /// <summary>Op name (<c>conv</c>, <c>add</c>, …).</summary>
    public string Op { get; }
    /// <summary>Approx name (<c>fp32</c>, <c>perf_fp16</c>, …).</summary>
    public string Approx { get; }
    /// <summary>The integer as written.</summary>
    public int Value { get; }
    /// <summary>1-based column of the op name.</summary>
    public int Column { get; }

    /// <summary>The knob id this op asks for: 11 for fp32, 12 for fp16, otherwise <see cref="Value"/>.</summary>
    public int KnobId => Identity.Id;

    /// <summary>The knob this op asks for (see <see cref="KnobIdentity.FromConfiguration"/>).</summary>
    public KnobIdentity Identity => KnobIdentity.FromConfiguration(Approx, Value);

    /// <summary>The table column this op asks for: <c>fp32</c>, <c>fp16</c>, or <c>&lt;approx&gt;_&lt;id&gt;</c>.</summary>
    public string KnobKey => Identity.ColumnKey;
}
