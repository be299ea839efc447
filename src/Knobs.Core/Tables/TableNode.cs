using System.Collections.Generic;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>A row group of the lookup table: one node (layer) and its ops.</summary>
public sealed class TableNode
{
    /// <summary>Creates a node.</summary>
    public TableNode(int id, string name, IReadOnlyList<TableOp> ops)
    {
        Id = id;
        Name = name;
        Ops = ops;
    }

    /// <summary>Node id (1-based, HPVM grouping).</summary>
    public int Id { get; }
    /// <summary>Node name.</summary>
    public string Name { get; }
    /// <summary>The node's ops in program order.</summary>
    public IReadOnlyList<TableOp> Ops { get; }
}

/// <summary>A row of the lookup table: one op of a node, its value under every knob, and its conversion costs.</summary>
public sealed class TableOp
{
    /// <summary>Creates an op row.</summary>
    /// <param name="kind">HPVM op kind (<c>conv</c>, <c>add</c>, …).</param>
    /// <param name="cells">One cell per knob column (same order as <see cref="LookupTable.Knobs"/>); null = not measured.</param>
    /// <param name="f2h">fp32→fp16 conversion of this op's input, per call; null when never measured.</param>
    /// <param name="h2f">fp16→fp32 conversion of this op's input, per call; null when never measured.</param>
    /// <param name="h2d">Host → device copy of this op's input, per call; null when never measured.</param>
    /// <param name="d2h">Device → host copy of this op's input, per call; null when never measured.</param>
    public TableOp(string kind, IReadOnlyList<TableCell?> cells, ConversionCost? f2h, ConversionCost? h2f,
        ConversionCost? h2d = null, ConversionCost? d2h = null)
    {
        H2d = h2d;
        D2h = d2h;
        Kind = kind;
        Cells = cells;
        F2h = f2h;
        H2f = h2f;
    }

    /// <summary>HPVM op kind.</summary>
    public string Kind { get; }
    /// <summary>One cell per knob column; null where not measured.</summary>
    public IReadOnlyList<TableCell?> Cells { get; }
    /// <summary>fp32→fp16 conversion cost, or null when never measured.</summary>
    public ConversionCost? F2h { get; }
    /// <summary>fp16→fp32 conversion cost, or null when never measured.</summary>
    public ConversionCost? H2f { get; }
    /// <summary>Host → this table's device copy of the op's input, or null when never measured (always on the CPU).</summary>
    public ConversionCost? H2d { get; }
    /// <summary>This table's device → host copy of the op's input, or null when never measured.</summary>
    public ConversionCost? D2h { get; }
}

/// <summary>One measurement: an op under a knob.</summary>
public sealed class TableCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="op">The Knobs op method that ran, or null when unknown (a table read from HPVM text).</param>
    /// <param name="approx">What the variant applied to this op (<c>fp32</c> for an op the knob leaves alone), or null when unknown.</param>
    /// <param name="mean">Mean time per call, ms.</param>
    /// <param name="time">Full statistics, or null when only the mean is known.</param>
    /// <param name="energy">Energy per call (J), or null when not measured.</param>
    /// <param name="features">What the op computes, or null when the source had none.</param>
    /// <param name="provenance">How the numbers were obtained (measured, modelled, predicted).</param>
    /// <param name="modelled">A modelled accelerator's cycles, utilisation and traffic, or null.</param>
    public TableCell(string? op, string? approx, double mean, ProfileStatistics? time, double? energy,
        OpFeatureRecord? features = null, string provenance = Knobs.Profiles.Provenance.Measured, ModelledDetail? modelled = null)
    {
        Modelled = modelled;
        Features = features;
        Provenance = provenance;
        Op = op;
        Approx = approx;
        Mean = mean;
        Time = time;
        Energy = energy;
    }

    /// <summary>Knobs op method, or null.</summary>
    public string? Op { get; }
    /// <summary>Approx applied to the op, or null when unknown.</summary>
    public string? Approx { get; }
    /// <summary>Mean time per call, ms.</summary>
    public double Mean { get; }
    /// <summary>Time statistics, or null.</summary>
    public ProfileStatistics? Time { get; }
    /// <summary>Energy per call (J), or null when not measured.</summary>
    public double? Energy { get; }
    /// <summary>What the op computes (shapes, FLOPs, bytes), or null when the source had none.</summary>
    public OpFeatureRecord? Features { get; }
    /// <summary>How the time and energy were obtained (<see cref="Knobs.Profiles.Provenance"/>).</summary>
    public string Provenance { get; }
    /// <summary>A modelled accelerator's cycles, utilisation and traffic for the op, or null.</summary>
    public ModelledDetail? Modelled { get; }
}
