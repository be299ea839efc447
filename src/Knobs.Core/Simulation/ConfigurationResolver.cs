using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Knobs.Configurations;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>Resolves configurations against a compiled table: which cell each op reads, or a diagnostic why none can.</summary>
internal sealed class ConfigurationResolver
{
    private readonly CompiledTable _table;
    private readonly string _file;
    private readonly List<ConfigurationDiagnostic> _diagnostics;
    private readonly Dictionary<(string Approx, int Id), int> _columns = new();
    // Cells already resolved without error, by op entry (the reader shares one instance per distinct entry) and
    // global op index: most ops of a large file resolve with one lookup and no string comparison.
    private readonly Dictionary<OpAt, int> _resolved = new(OpAtComparer.Instance);

    public ConfigurationResolver(CompiledTable table, string file, List<ConfigurationDiagnostic> diagnostics)
    {
        _table = table;
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Every op at one knob column (the baseline), or null with a diagnostic when the table lacks it.</summary>
    public CompiledConfiguration? Uniform(string knobKey)
    {
        LookupTable table = _table.Table;
        int k = table.KnobIndex(knobKey);
        if (k < 0)
        {
            Error(DiagnosticIds.BaselineMissing, 0, 0,
                $"the baseline knob '{knobKey}' is not in the table of {table.Benchmark} (columns: {Columns()}); profile it or choose another baseline");
            return null;
        }
        var cells = new int[_table.OpCount];
        var half = new bool[_table.OpCount];
        for (int g = 0; g < cells.Length; g++)
        {
            int c = k * _table.OpCount + g;
            if (!_table.Present[c])
            {
                Error(DiagnosticIds.BaselineMissing, 0, 0, FormattableString.Invariant(
                    $"the baseline knob '{knobKey}' was not measured for every op of {table.Benchmark} (op {g})"));
                return null;
            }
            cells[g] = c;
            half[g] = _table.Half[c];
        }
        return new CompiledConfiguration(cells, half);
    }

    /// <summary>The configuration's cells, or null after adding diagnostics.</summary>
    public CompiledConfiguration? Resolve(Configuration configuration)
    {
        LookupTable table = _table.Table;
        if (configuration.Nodes.Count != table.Nodes.Count)
        {
            Error(DiagnosticIds.ShapeMismatch, configuration.Line, 1, FormattableString.Invariant(
                $"configuration '{configuration.Name}' has {configuration.Nodes.Count} nodes but {table.Benchmark} has {table.Nodes.Count}"));
            return null;
        }
        var cells = new int[_table.OpCount];
        var half = new bool[_table.OpCount];
        bool ok = true;
        for (int n = 0; n < table.Nodes.Count; n++)
        {
            ConfigurationNode node = configuration.Nodes[n];
            TableNode tableNode = table.Nodes[n];
            if (node.Ops.Count != tableNode.Ops.Count)
            {
                Error(DiagnosticIds.ShapeMismatch, node.Line, 1, FormattableString.Invariant(
                    $"node {node.Id} has {node.Ops.Count} ops but node {tableNode.Id} of {table.Benchmark} has {tableNode.Ops.Count} ({Kinds(tableNode)})"));
                ok = false;
                continue;
            }
            for (int o = 0; o < node.Ops.Count; o++)
            {
                int g = _table.NodeFirstOp[n] + o;
                ConfigurationOp op = node.Ops[o];
                var at = new OpAt(op, g);
                if (!_resolved.TryGetValue(at, out int c))
                {
                    c = ResolveOp(node, op, tableNode.Ops[o], g);
                    if (c < 0)
                    {
                        ok = false;
                        continue;
                    }
                    _resolved.Add(at, c);
                }
                cells[g] = c;
                half[g] = _table.Half[c];
            }
        }
        return ok ? new CompiledConfiguration(cells, half) : null;
    }

    private int ResolveOp(ConfigurationNode node, ConfigurationOp op, TableOp tableOp, int g)
    {
        LookupTable table = _table.Table;
        if (!string.Equals(op.Op, tableOp.Kind, StringComparison.Ordinal))
        {
            Error(DiagnosticIds.ShapeMismatch, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} names op '{op.Op}' where {table.Benchmark} has '{tableOp.Kind}'"));
            return -1;
        }
        int k = KnobIndex(op.Approx, op.KnobId);
        int c = k < 0 ? -1 : k * _table.OpCount + g;
        if (c < 0 || !_table.Present[c])
        {
            Error(DiagnosticIds.KnobNotInTable, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} ({op.Op}) asks for knob {op.KnobKey}, which the table of {table.Benchmark} lacks (columns: {Columns()}); profile that variant first"));
            return -1;
        }
        string? problem = CannotTake(op, tableOp, k, c);
        if (problem is not null)
        {
            Error(DiagnosticIds.KnobNotApplicable, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} op {op.Op} cannot take {op.Approx} {op.KnobId.ToString(CultureInfo.InvariantCulture)}: {problem}"));
            return -1;
        }
        return c;
    }

    /// <summary>Why an op cannot take the knob it is given, or null when it can.</summary>
    private string? CannotTake(ConfigurationOp op, TableOp tableOp, int k, int c)
    {
        // fp32 is every op's baseline; fp16 applies to every op that has a half form (softmax runs fp32 regardless).
        if (op.Approx == "fp32" || op.Approx == "fp16") return null;
        switch (_table.Changed[c])
        {
            case 0:
                return $"the {op.KnobKey} variant runs {tableOp.Kind} unchanged ({tableOp.Cells[k]!.Op}, as in fp32), so {op.Approx} does not apply to it";
            case -1 when ApproxNames.IsConvOnly(op.Approx) && tableOp.Kind != "conv" && tableOp.Kind != "group_conv":
                // A table read from HPVM text does not say what ran: fall back on what the approximations apply to.
                return $"{op.Approx} applies to convolutions only";
            default:
                return null;
        }
    }

    /// <summary>The column of a knob, cached by (approx, id) so resolving builds no key strings.</summary>
    private int KnobIndex(string approx, int id)
    {
        if (_columns.TryGetValue((approx, id), out int k)) return k;
        k = _table.Table.KnobIndex(ApproxNames.Key(approx, id));
        _columns.Add((approx, id), k);
        return k;
    }

    private string Columns()
    {
        var keys = new List<string>();
        foreach (TableKnob knob in _table.Table.Knobs) keys.Add(knob.Key);
        return string.Join(", ", keys);
    }

    private static string Kinds(TableNode node)
    {
        var kinds = new List<string>();
        foreach (TableOp op in node.Ops) kinds.Add(op.Kind);
        return string.Join(" ", kinds);
    }

    private void Error(string id, int line, int column, string message) =>
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Error, message, _file, line, column));

    /// <summary>An op entry at a global op index.</summary>
    private readonly struct OpAt
    {
        public OpAt(ConfigurationOp op, int g)
        {
            Op = op;
            G = g;
        }

        public ConfigurationOp Op { get; }
        public int G { get; }
    }

    /// <summary>Compares op entries by reference: a resolved cell depends only on the entry's fields, which never change.</summary>
    private sealed class OpAtComparer : IEqualityComparer<OpAt>
    {
        public static readonly OpAtComparer Instance = new();

        public bool Equals(OpAt x, OpAt y) => ReferenceEquals(x.Op, y.Op) && x.G == y.G;

        public int GetHashCode(OpAt at) => (RuntimeHelpers.GetHashCode(at.Op) * 397) ^ at.G;
    }
}
