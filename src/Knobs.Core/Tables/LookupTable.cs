using System;
using System.Collections.Generic;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>
/// The lookup table of one benchmark: node × op × knob → time (and energy), conversion costs per op, QoS per knob,
/// and the one environment all its measurements come from.
/// </summary>
public sealed class LookupTable
{
    private readonly Dictionary<string, int> _knobIndex = new(StringComparer.Ordinal);

    /// <summary>Creates a table; cells of every op are indexed like <paramref name="knobs"/>.</summary>
    public LookupTable(string benchmark, ProfileEnvironment? environment, ProfileSettings? settings,
        IReadOnlyList<TableKnob> knobs, IReadOnlyList<TableNode> nodes, IReadOnlyList<string> sources, ProfileDevice? device = null)
    {
        Benchmark = benchmark;
        Device = device ?? (environment is not null ? ProfileDevice.FromEnvironment(environment) : null);
        Environment = environment;
        Settings = settings;
        Knobs = knobs;
        Nodes = nodes;
        Sources = sources;
        for (int i = 0; i < knobs.Count; i++)
        {
            if (_knobIndex.ContainsKey(knobs[i].Key))
            {
                throw new ArgumentException($"knob column '{knobs[i].Key}' appears twice in the table of {benchmark}", nameof(knobs));
            }
            _knobIndex.Add(knobs[i].Key, i);
        }
        foreach (TableNode node in nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                if (op.Cells.Count != knobs.Count)
                {
                    throw new ArgumentException($"node {node.Id} op {op.Kind} has {op.Cells.Count} cells for {knobs.Count} knobs", nameof(nodes));
                }
            }
        }
    }

    /// <summary>Benchmark (template class) name.</summary>
    public string Benchmark { get; }
    /// <summary>
    /// The device every cell was measured on (a table holds one device; tables of several devices sit side by side);
    /// null for a table read from HPVM text, which names none.
    /// </summary>
    public ProfileDevice? Device { get; }

    /// <summary>The device kind, or <c>cpu</c> for a table that names none (HPVM text was measured on the CPU or read as such).</summary>
    public string DeviceKind => Device?.Kind ?? ProfileDevice.Cpu;

    /// <summary>Where every measurement was taken; null for a table read from HPVM text (which has none).</summary>
    public ProfileEnvironment? Environment { get; }
    /// <summary>The measurement settings; null for a table read from HPVM text.</summary>
    public ProfileSettings? Settings { get; }
    /// <summary>Knob columns, ordered by id.</summary>
    public IReadOnlyList<TableKnob> Knobs { get; }
    /// <summary>Nodes 1..n.</summary>
    public IReadOnlyList<TableNode> Nodes { get; }
    /// <summary>The profile files the table was built from.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>True when any cell has an energy value.</summary>
    public bool EnergyMeasured
    {
        get
        {
            foreach (TableNode node in Nodes)
                foreach (TableOp op in node.Ops)
                    foreach (TableCell? cell in op.Cells)
                        if (cell?.Energy is not null) return true;
            return false;
        }
    }

    /// <summary>The column index of a knob key (<c>perf_121</c>), or -1.</summary>
    public int KnobIndex(string key) => _knobIndex.TryGetValue(key, out int i) ? i : -1;

    /// <summary>The node's op kinds, node 1 first (what configuration files are checked against).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Shape()
    {
        var shape = new List<IReadOnlyList<string>>(Nodes.Count);
        foreach (TableNode node in Nodes)
        {
            var kinds = new List<string>(node.Ops.Count);
            foreach (TableOp op in node.Ops) kinds.Add(op.Kind);
            shape.Add(kinds);
        }
        return shape;
    }
}
