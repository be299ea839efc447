using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Tensors;

namespace Knobs.Runtime;

/// <summary>
/// What the generator emits for one template, as tables around its one switched, instrumented <c>Run</c>: the nodes, the
/// knobs (one per variant), the op call sites, the alternative calls of every call site, and one row of choices per
/// variant. A variant and a configuration are both a <see cref="RunChoices"/> row over the same <c>Run</c>, so profiling,
/// validation and configurations measure the same code. <see cref="Descriptor"/> is what the registry lists.
/// </summary>
/// <typeparam name="TTemplate">The template class (a new instance per variant).</typeparam>
public sealed class SwitchedTemplate<TTemplate> where TTemplate : class
{
    private readonly OpDescriptor[] _ops;
    private readonly string[][] _calls;
    private readonly int[][] _rows;
    private readonly int[][] _nodeOps;
    private readonly Func<TTemplate> _create;
    private readonly Func<TTemplate, int, Tensor> _input;
    private readonly Func<TTemplate, Tensor, RunChoices, Tensor> _run;

    /// <param name="name">The benchmark (template class) name.</param>
    /// <param name="classifier">True when the output is class scores (QoS compares top-1).</param>
    /// <param name="nodes">The nodes, ids 1..n in order.</param>
    /// <param name="knobs">One knob per variant, in <paramref name="variants"/> order.</param>
    /// <param name="variants">The variant names.</param>
    /// <param name="ops">The op call sites (index 0..m-1), named by the template's own call.</param>
    /// <param name="calls">Per op call site, the method names of its alternative calls (0: the template's own).</param>
    /// <param name="rows">Per variant, per op call site, the alternative it calls.</param>
    /// <param name="create">Creates the template.</param>
    /// <param name="input">The template's input for a batch.</param>
    /// <param name="run">The switched <c>Run</c>.</param>
    /// <param name="labelled">The template's labelled inputs (its <c>Labelled()</c> method), or null when it has none.</param>
    public SwitchedTemplate(string name, bool classifier, NodeDescriptor[] nodes, KnobInfo[] knobs, string[] variants,
        OpDescriptor[] ops, string[][] calls, int[][] rows,
        Func<TTemplate> create, Func<TTemplate, int, Tensor> input, Func<TTemplate, Tensor, RunChoices, Tensor> run,
        Func<TTemplate, LabelledSet>? labelled = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentNullException.ThrowIfNull(variants);
        _ops = ops ?? throw new ArgumentNullException(nameof(ops));
        _calls = calls ?? throw new ArgumentNullException(nameof(calls));
        _rows = rows ?? throw new ArgumentNullException(nameof(rows));
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _run = run ?? throw new ArgumentNullException(nameof(run));
        Check(name, nodes, knobs, variants);
        _nodeOps = nodes.Select(n => ops.Where(o => o.NodeId == n.Id).Select(o => o.Index).ToArray()).ToArray();
        Descriptor = new BenchmarkDescriptor(name, classifier, nodes, knobs, variants, CreateVariant, CreateConfiguration)
        {
            Labelled = labelled is null ? null : () => labelled(_create()) ?? throw new InvalidOperationException($"{name}.Labelled() returned null"),
        };
    }

    /// <summary>The benchmark as the registry lists it.</summary>
    public BenchmarkDescriptor Descriptor { get; }

    private BenchmarkVariant CreateVariant(string name)
    {
        int index = Array.IndexOf((string[])Descriptor.Variants, name);
        if (index < 0)
        {
            throw new ArgumentException(
                $"Benchmark {Descriptor.Name} has no variant '{name}'; its variants are: {string.Join(", ", Descriptor.Variants)}", nameof(name));
        }
        return new SwitchedVariant(this, name, Descriptor.Knobs[index], _rows[index]);
    }

    /// <summary>Applies <paramref name="nodes"/>[i] to node i + 1 (fp32/fp16 by name; other knobs by type and id).</summary>
    private BenchmarkVariant CreateConfiguration(string name, IReadOnlyList<NodeKnob> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count != _nodeOps.Length)
        {
            throw new ArgumentException(
                $"Configuration '{name}' gives {nodes.Count} nodes, but benchmark {Descriptor.Name} has {_nodeOps.Length}; a configuration line is needed for every node.",
                nameof(nodes));
        }
        var row = new int[_ops.Length];
        for (int node = 0; node < nodes.Count; node++)
        {
            int variant = VariantOf(nodes[node], node + 1, name);
            foreach (int op in _nodeOps[node]) row[op] = variant < 0 ? 0 : _rows[variant][op];
        }
        return new SwitchedVariant(this, name, null, row);
    }

    /// <summary>The variant whose calls a node runs for <paramref name="knob"/>; -1 means the template's own calls (fp32).</summary>
    private int VariantOf(NodeKnob knob, int node, string name)
    {
        IReadOnlyList<KnobInfo> knobs = Descriptor.Knobs;
        bool byName = knob.ApproxType == KnobIdentity.Fp32Word || knob.ApproxType == KnobIdentity.Fp16Word;
        for (int i = 0; i < knobs.Count; i++)
        {
            if (knobs[i].ApproxType == knob.ApproxType && (byName || knobs[i].Id == knob.KnobId)) return i;
        }
        if (knob.ApproxType == KnobIdentity.Fp32Word) return -1;
        throw new ArgumentException(
            $"Configuration '{name}', node {node}: benchmark {Descriptor.Name} has no variant for knob '{knob.ApproxType} {knob.KnobId}'; its variants are: {string.Join(", ", Descriptor.Variants)}",
            nameof(knob));
    }

    private void Check(string name, NodeDescriptor[] nodes, KnobInfo[] knobs, string[] variants)
    {
        string? problem =
            knobs.Length != variants.Length ? "one knob per variant" :
            _rows.Length != variants.Length ? "one row per variant" :
            _calls.Length != _ops.Length ? "one list of calls per op call site" :
            _ops.Where((o, i) => o.Index != i || o.NodeId < 1 || o.NodeId > nodes.Length).Any() ? "op call sites numbered 0..m-1 in nodes 1..n" :
            nodes.Where((n, i) => n.Id != i + 1).Any() ? "nodes numbered 1..n" :
            _rows.Any(r => r.Length != _ops.Length || r.Where((c, op) => c < 0 || c >= _calls[op].Length).Any()) ? "rows choosing one of each call site's calls" :
            null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"The generated tables of benchmark {name} are inconsistent (expected {problem}); rebuild the project.");
        }
    }

    /// <summary>A variant or configuration: one row over the template's switched <c>Run</c>.</summary>
    private sealed class SwitchedVariant : BenchmarkVariant
    {
        private readonly SwitchedTemplate<TTemplate> _owner;
        private readonly TTemplate _template;
        private readonly OpDescriptor[] _ops;

        public SwitchedVariant(SwitchedTemplate<TTemplate> owner, string name, KnobInfo? knob, int[] row)
        {
            _owner = owner;
            _template = owner._create();
            Name = name;
            Knob = knob;
            Choices = new RunChoices(row, owner._nodeOps.Length);
            _ops = new OpDescriptor[row.Length];
            for (int op = 0; op < row.Length; op++)
            {
                OpDescriptor site = owner._ops[op];
                string call = owner._calls[op][row[op]];
                _ops[op] = call == site.OpName ? site : site with { OpName = call };
            }
        }

        public override string Benchmark => _owner.Descriptor.Name;
        public override string Name { get; }
        public override KnobInfo? Knob { get; }
        public override IReadOnlyList<OpDescriptor> Ops => _ops;
        public override RunChoices Choices { get; }
        public override Tensor Input(int batch) => _owner._input(_template, batch);
        public override Tensor Run(Tensor input) => _owner._run(_template, input, Choices);
    }
}
