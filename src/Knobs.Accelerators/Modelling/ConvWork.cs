using System;
using Knobs.Accelerators.Description;
using Knobs.Profiles;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// A convolution as an accelerator sees it, from the op's features: per group, the padded input map, the filter, the
/// channels and filters, the stride and the batch, and what the knob leaves to compute. Perforation (row or column rate
/// <c>r</c> from <c>offset</c>) skips the output lines <c>t ≥ offset</c> with <c>(t − offset) mod r = 0</c> and interpolates them
/// afterwards; filter sampling (every <c>s</c>-th tap from <c>offset</c>, over channel × window) skips taps. Both rules are
/// the tensor runtime's (docs/tensors.md), so the modelled MACs equal the op's effective FLOPs / 2.
/// </summary>
public sealed class ConvWork
{
    private ConvWork(int batch, int channels, int height, int width, int filters, int kernelH, int kernelW, int strideH, int strideW,
        int padH, int padW, int groups, int outH, int outW, bool[]? keptRows, bool[]? keptCols, bool[]? keptTaps, int elementBytes)
    {
        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        Filters = filters;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        PadH = padH;
        PadW = padW;
        Groups = groups;
        OutH = outH;
        OutW = outW;
        KeptRows = keptRows;
        KeptCols = keptCols;
        KeptTaps = keptTaps;
        ElementBytes = elementBytes;
    }

    /// <summary>Images.</summary>
    public int Batch { get; }
    /// <summary>Input channels per group.</summary>
    public int Channels { get; }
    /// <summary>Input height, before padding.</summary>
    public int Height { get; }
    /// <summary>Input width, before padding.</summary>
    public int Width { get; }
    /// <summary>Filters (output channels) per group.</summary>
    public int Filters { get; }
    /// <summary>Kernel height.</summary>
    public int KernelH { get; }
    /// <summary>Kernel width.</summary>
    public int KernelW { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideH { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideW { get; }
    /// <summary>Vertical zero padding, each side.</summary>
    public int PadH { get; }
    /// <summary>Horizontal zero padding, each side.</summary>
    public int PadW { get; }
    /// <summary>Groups; each group is an independent convolution of <see cref="Channels"/> → <see cref="Filters"/>.</summary>
    public int Groups { get; }
    /// <summary>Output height.</summary>
    public int OutH { get; }
    /// <summary>Output width.</summary>
    public int OutW { get; }
    /// <summary>Output rows computed (null: all).</summary>
    public bool[]? KeptRows { get; }
    /// <summary>Output columns computed (null: all).</summary>
    public bool[]? KeptCols { get; }
    /// <summary>Filter taps kept, indexed <c>c·KH·KW + kh·KW + kw</c> (null: all).</summary>
    public bool[]? KeptTaps { get; }
    /// <summary>Bytes per element: 2 at fp16, 4 at fp32.</summary>
    public int ElementBytes { get; }

    /// <summary>Output rows computed.</summary>
    public int KeptRowCount => Count(KeptRows, OutH);

    /// <summary>Output columns computed.</summary>
    public int KeptColCount => Count(KeptCols, OutW);

    /// <summary>Output points computed per image and filter.</summary>
    public long ComputedPoints => (long)KeptRowCount * KeptColCount;

    /// <summary>Output points interpolated per image and filter (perforation's skipped lines).</summary>
    public long InterpolatedPoints => (long)OutH * OutW - ComputedPoints;

    /// <summary>Taps kept per filter.</summary>
    public long Taps => Count(KeptTaps, Channels * KernelH * KernelW);

    /// <summary>MACs of the whole op: images × groups × filters × computed points × kept taps.</summary>
    public long Macs => (long)Batch * Groups * Filters * ComputedPoints * Taps;

    /// <summary>Reads a convolution's work from its features.</summary>
    public static ConvWork From(ModelledOp op)
    {
        OpFeatureRecord f = op.Features;
        if (f.Inputs.Count < 2 || f.Inputs[0].Length != 4 || f.Inputs[1].Length != 4 || f.Output.Length != 4)
        {
            throw new AcceleratorModelException(Knobs.Diagnostics.AcceleratorDiagnosticIds.OpDoesNotFit,
                $"op {op.Op} is a convolution, but its features do not hold an NCHW input, a KCHW filter and an NCHW output");
        }
        int[] x = f.Inputs[0], w = f.Inputs[1], y = f.Output;
        int groups = Math.Max(1, f.Groups);
        int kh = w[2], kw = w[3];
        int strideH = f.Stride?[0] ?? 1, strideW = f.Stride?[1] ?? 1, padH = f.Padding?[0] ?? 0, padW = f.Padding?[1] ?? 0;
        bool[]? rows = null, cols = null, taps = null;
        if (f.Approximation is { Length: 4 } a)
        {
            int row = a[0], col = a[1], skip = a[2], offset = a[3];
            if (row > 1) rows = Lines(y[2], row, offset);
            if (col > 1) cols = Lines(y[3], col, offset);
            if (skip > 1) taps = KeepTaps(w[1], kh * kw, skip, offset);
        }
        return new ConvWork(x[0], w[1], x[2], x[3], y[1] / groups, kh, kw, strideH, strideW, padH, padW, groups, y[2], y[3], rows, cols, taps, op.ElementBytes);
    }

    private static bool[] Lines(int lines, int rate, int offset)
    {
        var kept = new bool[lines];
        for (int t = 0; t < lines; t++) kept[t] = !(t >= offset && (t - offset) % rate == 0);
        return kept;
    }

    private static bool[] KeepTaps(int channels, int khkw, int skip, int offset)
    {
        var kept = new bool[channels * khkw];
        for (int idx = 0; idx < kept.Length; idx++)
        {
            bool skipped = khkw % skip != 0
                ? idx >= offset && (idx - offset) % skip == 0
                : idx % khkw % skip == (offset + idx / khkw) % skip;
            kept[idx] = !skipped;
        }
        return kept;
    }

    private static int Count(bool[]? kept, int all)
    {
        if (kept is null) return all;
        int n = 0;
        foreach (bool k in kept) if (k) n++;
        return n;
    }
}

/// <summary>A GEMM as an accelerator sees it, from the op's features: the output is [M, N, …], the FLOPs 2·M·K·N.</summary>
internal readonly struct GemmShape
{
    private GemmShape(int m, int n, int k)
    {
        M = m;
        N = n;
        K = k;
    }

    public int M { get; }
    public int N { get; }
    public int K { get; }

    public static GemmShape From(ModelledOp op)
    {
        OpFeatureRecord f = op.Features;
        if (f.Output.Length < 2 || f.Output[0] < 1 || f.Output[1] < 1 || f.NominalFlops % (2L * f.Output[0] * f.Output[1]) != 0)
        {
            throw new AcceleratorModelException(Knobs.Diagnostics.AcceleratorDiagnosticIds.OpDoesNotFit,
                $"op {op.Op} is a GEMM, but its features do not give an [M, N] output and 2·M·K·N FLOPs");
        }
        int m = f.Output[0], n = f.Output[1];
        return new GemmShape(m, n, checked((int)(f.NominalFlops / (2L * m * n))));
    }
}

/// <summary>
/// Perforation's skipped outputs, filled in after the engine's work: two vector operations each (add the neighbours,
/// halve) on <c>lanes</c> lanes, overlapped with writing the filled-in outputs to DRAM.
/// </summary>
internal readonly struct Interpolation
{
    public Interpolation(long points, int elementBytes, int lanes, double? dramBytesPerCycle)
    {
        VectorOps = 2 * points;
        Bytes = points * elementBytes;
        VectorCycles = VectorUnitModel.CeilDiv(VectorOps, lanes);
        WriteBackCycles = dramBytesPerCycle is double bw ? (long)Math.Ceiling(Bytes / bw) : 0;
    }

    /// <summary>Vector operations.</summary>
    public long VectorOps { get; }
    /// <summary>Bytes of filled-in outputs (read twice and written once in the output scratchpad, written once to DRAM).</summary>
    public long Bytes { get; }
    /// <summary>Cycles of the vector unit.</summary>
    public long VectorCycles { get; }
    /// <summary>Cycles writing the filled-in outputs to DRAM.</summary>
    public long WriteBackCycles { get; }
    /// <summary>The cycles it adds: the longer of the two.</summary>
    public long Cycles => Math.Max(VectorCycles, WriteBackCycles);
    /// <summary>The cycles the vector unit waits on the write-back.</summary>
    public long StallCycles => Math.Max(0, WriteBackCycles - VectorCycles);
}
