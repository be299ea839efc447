using System;
using Knobs.Configurations;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>
/// A lookup table flattened into arrays for the simulator's hot path: ops are numbered 0..n-1 across nodes (global op
/// index g), a cell is <c>knob * OpCount + g</c>; values that were not measured are NaN.
/// </summary>
internal sealed class CompiledTable
{
    public CompiledTable(LookupTable table)
    {
        Table = table;
        int opCount = 0;
        NodeFirstOp = new int[table.Nodes.Count + 1];
        for (int n = 0; n < table.Nodes.Count; n++)
        {
            NodeFirstOp[n] = opCount;
            opCount += table.Nodes[n].Ops.Count;
        }
        NodeFirstOp[table.Nodes.Count] = opCount;
        OpCount = opCount;
        int knobCount = table.Knobs.Count;
        Time = new double[knobCount * opCount];
        Energy = new double[knobCount * opCount];
        Present = new bool[knobCount * opCount];
        Half = new bool[knobCount * opCount];
        F2h = new double[opCount];
        H2f = new double[opCount];
        F2hEnergy = new double[opCount];
        H2fEnergy = new double[opCount];
        Changed = new sbyte[knobCount * opCount];
        int reference = table.KnobIndex("fp32");
        int g = 0;
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                F2h[g] = op.F2h?.Time ?? double.NaN;
                H2f[g] = op.H2f?.Time ?? double.NaN;
                F2hEnergy[g] = op.F2h?.Energy ?? double.NaN;
                H2fEnergy[g] = op.H2f?.Energy ?? double.NaN;
                for (int k = 0; k < knobCount; k++)
                {
                    int c = k * opCount + g;
                    TableCell? cell = op.Cells[k];
                    Present[c] = cell is not null;
                    Time[c] = cell?.Mean ?? double.NaN;
                    Energy[c] = cell?.Energy ?? double.NaN;
                    // Did the knob change this op? The op method that ran says so, compared with the fp32 variant's
                    // (the runner records the variant's knob on every op, so the approx field alone cannot tell).
                    string? method = cell?.Op, referenceMethod = reference < 0 ? null : op.Cells[reference]?.Op;
                    Changed[c] = method is null || referenceMethod is null ? (sbyte)-1
                        : string.Equals(method, referenceMethod, StringComparison.Ordinal) ? (sbyte)0 : (sbyte)1;
                    // A half knob makes an op half only when it changed the op (softmax has no half form); without a
                    // record of what ran (a table read from HPVM text), the knob decides, except for softmax.
                    Half[c] = table.Knobs[k].IsHalf && (Changed[c] == 1 || (Changed[c] == -1 && !string.Equals(op.Kind, "softmax", StringComparison.Ordinal)));
                }
                g++;
            }
        }
    }

    public LookupTable Table { get; }
    public int OpCount { get; }
    /// <summary>Global index of each node's first op; the last entry is <see cref="OpCount"/>.</summary>
    public int[] NodeFirstOp { get; }
    public double[] Time { get; }
    public double[] Energy { get; }
    public bool[] Present { get; }
    public bool[] Half { get; }
    /// <summary>Per cell: 1 when the knob changed the op (its method differs from fp32's), 0 when not, -1 when unknown.</summary>
    public sbyte[] Changed { get; }
    public double[] F2h { get; }
    public double[] H2f { get; }
    public double[] F2hEnergy { get; }
    public double[] H2fEnergy { get; }
}
