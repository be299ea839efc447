using System;
using System.Collections.Generic;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>
/// The lookup tables of one benchmark, one per device, flattened into arrays for the simulator's hot path: ops are
/// numbered 0..n-1 across nodes (global op index g); device d's cell of knob k is <c>DeviceBase[d] + k * OpCount + g</c>;
/// per-op costs of device d sit at <c>d * OpCount + g</c>. Values that were not measured are NaN.
/// </summary>
internal sealed class CompiledTable
{
    public CompiledTable(IReadOnlyList<LookupTable> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("at least one table is needed", nameof(tables));
        Tables = tables;
        LookupTable table = tables[0];
        int opCount = 0;
        NodeFirstOp = new int[table.Nodes.Count + 1];
        for (int n = 0; n < table.Nodes.Count; n++)
        {
            NodeFirstOp[n] = opCount;
            opCount += table.Nodes[n].Ops.Count;
        }
        NodeFirstOp[table.Nodes.Count] = opCount;
        OpCount = opCount;
        Devices = new string[tables.Count];
        DeviceBase = new int[tables.Count];
        int cells = 0;
        for (int d = 0; d < tables.Count; d++)
        {
            Devices[d] = tables[d].DeviceKind;
            DeviceBase[d] = cells;
            cells += tables[d].Knobs.Count * opCount;
        }
        Host = Array.IndexOf(Devices, ProfileDevice.Cpu);
        Time = new double[cells];
        Energy = new double[cells];
        Present = new bool[cells];
        Provenance = new string?[cells];
        Half = new bool[cells];
        Changed = new sbyte[cells];
        int perOp = tables.Count * opCount;
        F2h = new double[perOp];
        H2f = new double[perOp];
        F2hEnergy = new double[perOp];
        H2fEnergy = new double[perOp];
        H2d = new double[perOp];
        D2h = new double[perOp];
        H2dEnergy = new double[perOp];
        D2hEnergy = new double[perOp];
        for (int d = 0; d < tables.Count; d++) Fill(d, tables[d]);
    }

    private void Fill(int d, LookupTable table)
    {
        int opCount = OpCount, knobCount = table.Knobs.Count;
        int reference = table.KnobIndex(KnobIdentity.Fp32.ColumnKey);
        int g = 0;
        foreach (TableNode node in table.Nodes)
        {
            foreach (TableOp op in node.Ops)
            {
                int at = d * opCount + g;
                F2h[at] = op.F2h?.Time ?? double.NaN;
                H2f[at] = op.H2f?.Time ?? double.NaN;
                F2hEnergy[at] = op.F2h?.Energy ?? double.NaN;
                H2fEnergy[at] = op.H2f?.Energy ?? double.NaN;
                H2d[at] = op.H2d?.Time ?? double.NaN;
                D2h[at] = op.D2h?.Time ?? double.NaN;
                H2dEnergy[at] = op.H2d?.Energy ?? double.NaN;
                D2hEnergy[at] = op.D2h?.Energy ?? double.NaN;
                for (int k = 0; k < knobCount; k++)
                {
                    int c = DeviceBase[d] + k * opCount + g;
                    TableCell? cell = op.Cells[k];
                    Present[c] = cell is not null;
                    Provenance[c] = cell?.Provenance;
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

    /// <summary>How each cell's numbers were obtained (<c>measured</c>, <c>modelled</c>, <c>predicted</c>), or null for a missing cell.</summary>
    public string?[] Provenance { get; }

    /// <summary>The tables, one per device; the first is the primary one (the baseline's device).</summary>
    public IReadOnlyList<LookupTable> Tables { get; }

    /// <summary>The primary table.</summary>
    public LookupTable Table => Tables[0];

    /// <summary>Device kind of each table.</summary>
    public string[] Devices { get; }

    /// <summary>First cell of each device's table.</summary>
    public int[] DeviceBase { get; }

    /// <summary>The CPU table's index (where the network's input is and its output goes), or -1 when there is none.</summary>
    public int Host { get; }

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
    /// <summary>Host → device copy of each op's input, per device (NaN when not measured; unused for the host).</summary>
    public double[] H2d { get; }
    /// <summary>Device → host copy of each op's input, per device.</summary>
    public double[] D2h { get; }
    public double[] H2dEnergy { get; }
    public double[] D2hEnergy { get; }

    /// <summary>The table index of <paramref name="device"/>, or -1.</summary>
    public int DeviceIndex(string device) => Array.IndexOf(Devices, device);
}
