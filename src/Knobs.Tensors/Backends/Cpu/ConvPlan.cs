using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Everything about one convolution call that depends only on its shape and approximation, computed once and cached:
/// the implicit-im2col offsets of the GEMM (rows: kept filter taps; columns: kept output positions of every image,
/// batch merged), where each result goes, and how a perforated result expands to the full output.
/// Perforation computes only the kept lines: their results go to a compact [N, K, kept rows, kept cols] buffer
/// that <see cref="PerforationExpand"/> spreads out and fills (DESIGN §4). Sampling drops the skipped taps from
/// both the packed filter and the patch matrix.
/// </summary>
internal sealed class ConvPlan
{
    public ConvPlan(in ConvShape s, in ConvApproxParams a)
    {
        Shape = s;
        Approx = a;
        Mode = a.Mode;
        PadH = s.PadH; PadW = s.PadW;
        Hp = s.H + 2 * s.PadH;
        Wp = s.W + 2 * s.PadW;
        int khkw = s.KH * s.KW, filterLen = s.CPerGroup * khkw;

        KeptRows = Kept(s.OutH, Mode == ConvApproxMode.RowPerforation ? a.Row : 1, a.Offset);
        KeptCols = Kept(s.OutW, Mode == ConvApproxMode.ColumnPerforation ? a.Col : 1, a.Offset);

        if (Mode == ConvApproxMode.FilterSampling)
        {
            KIndex = Pinned(Knobs.Tensors.Backends.FilterSampling.KeptIndices(s.CPerGroup, khkw, a.SkipEvery, a.Offset));
            Scale = Knobs.Tensors.Backends.FilterSampling.Scale(a.SkipEvery);
        }
        // Column perforation reads its input through KW column-selected copies (copy kw holds, per padded row, the
        // input columns the kept outputs need at filter column kw), so its patch rows are contiguous like an exact conv's.
        Selected = Mode == ConvApproxMode.ColumnPerforation;
        int owk = KeptCols.Length;
        if (Selected)
        {
            // Copies whose distance is a multiple of 4 KiB alias in L1 sets as the kernel walks kw; skew them by 3 lines.
            long length = (long)s.N * s.C * Hp * owk;
            SelectedLength = (length + 15) / 16 * 16 + (length * 4 % 4096 == 0 || (length + 15) / 16 * 64 % 4096 == 0 ? 48 : 0);
            SelectedSource = GC.AllocateUninitializedArray<int>(s.KW * owk + ColumnChunks.Width, pinned: true);
            for (int j = 0; j < s.KW; j++)
                for (int q = 0; q < owk; q++) SelectedSource[j * owk + q] = KeptCols[q] * s.StrideW + j;
            // Per 16 kept columns: the first source column and whether all 16 lie within 32 of it (one two-register permute).
            int chunksPerRow = (owk + 15) / 16;
            SelectedChunkBase = GC.AllocateUninitializedArray<int>(s.KW * chunksPerRow, pinned: true);
            for (int j = 0; j < s.KW; j++)
                for (int g = 0; g < chunksPerRow; g++)
                {
                    int q0 = g * 16, last = Math.Min(owk, q0 + 16) - 1;
                    int b = SelectedSource[j * owk + q0];
                    SelectedChunkBase[j * chunksPerRow + g] = SelectedSource[j * owk + last] - b < 32 ? b : -1;
                }
        }
        int rowPitch = Selected ? owk : Wp;
        int kRows = KIndex?.Length ?? filterLen;
        RowOff = GC.AllocateUninitializedArray<int>(kRows, pinned: true);
        for (int r = 0; r < kRows; r++)
        {
            int idx = KIndex is null ? r : KIndex[r];
            int c = idx / khkw, i = idx % khkw / s.KW, j = idx % s.KW;
            RowOff[r] = Selected ? checked((int)(j * SelectedLength) + (c * Hp + i) * owk) : (c * Hp + i) * Wp + j;
        }

        int planeIn = s.C * Hp * rowPitch;
        PositionsPerImage = KeptRows.Length * KeptCols.Length;
        Compact = Mode is ConvApproxMode.RowPerforation or ConvApproxMode.ColumnPerforation;
        Ldc = PositionsPerImage;
        Cols = s.N * PositionsPerImage;
        ColOff = GC.AllocateUninitializedArray<int>(Cols, pinned: true);
        COff = GC.AllocateUninitializedArray<int>(Cols, pinned: true);
        for (int j = 0; j < Cols; j++)
        {
            int n = j / PositionsPerImage, q = j % PositionsPerImage;
            int oh = KeptRows[q / KeptCols.Length], ow = KeptCols[q % KeptCols.Length];
            ColOff[j] = Selected
                ? n * planeIn + oh * s.StrideH * owk + q % owk
                : n * planeIn + oh * s.StrideH * Wp + ow * s.StrideW;
            COff[j] = n * s.K * PositionsPerImage + q;
        }
        int chunks = ColumnChunks.Count(Cols);
        ChunkKind = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
        ChunkDirect = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
        for (int g = 0; g < chunks; g++)
        {
            ChunkKind[g] = ColumnChunks.SourceKind(ColOff, g * ColumnChunks.Width, Cols, slack: UsesScratchSource);
            ChunkDirect[g] = ColumnChunks.Direct(COff, g * ColumnChunks.Width, Cols);
        }
        if (Compact) Expand = new PerforationExpand(s.OutH, s.OutW, Mode == ConvApproxMode.RowPerforation, a.PerforationRate, a.Offset, KeptRows, KeptCols);
    }

    public ConvShape Shape { get; }
    public ConvApproxParams Approx { get; }
    public ConvApproxMode Mode { get; }
    public int PadH { get; }
    public int PadW { get; }
    public int Hp { get; }
    public int Wp { get; }
    public bool NeedsPadding => PadH > 0 || PadW > 0;
    /// <summary>True when the GEMM reads a scratch copy of the input (padded or column-selected) that has slack.</summary>
    public bool UsesScratchSource => NeedsPadding || Selected;
    /// <summary>Column perforation: the input is read through column-selected copies (see the constructor).</summary>
    public bool Selected { get; }
    /// <summary>Elements of one column-selected copy: N·C·Hp·keptCols.</summary>
    public long SelectedLength { get; }
    /// <summary>Per filter column j and kept output column q: the padded input column, at <c>j·keptCols + q</c>.</summary>
    public int[]? SelectedSource { get; }
    /// <summary>Per filter column and 16 kept columns: the first source column, or −1 when they span 32 or more.</summary>
    public int[]? SelectedChunkBase { get; }
    /// <summary>Floats of scratch source the call needs (0 when it reads the input in place).</summary>
    public long ScratchSourceLength => Selected ? Shape.KW * SelectedLength + ColumnChunks.Slack
        : NeedsPadding ? (long)Shape.N * Shape.C * Hp * Wp + ColumnChunks.Slack : 0;
    public int[] KeptRows { get; }
    public int[] KeptCols { get; }
    public int[]? KIndex { get; }
    public float Scale { get; } = 1f;
    public int[] RowOff { get; }
    public int PositionsPerImage { get; }
    public bool Compact { get; }
    public long Ldc { get; }
    public int Cols { get; }
    public int[] ColOff { get; }
    public int[] COff { get; }
    public byte[] ChunkKind { get; }
    public byte[] ChunkDirect { get; }
    public PerforationExpand? Expand { get; }

    private static int[] Kept(int lines, int rate, int offset)
    {
        int count = rate > 1 ? Knobs.Tensors.Backends.Perforation.ComputedCount(lines, rate, offset) : lines;
        int[] kept = GC.AllocateUninitializedArray<int>(count, pinned: true);
        for (int t = 0, n = 0; t < lines; t++)
            if (rate <= 1 || !Knobs.Tensors.Backends.Perforation.IsSkipped(t, rate, offset)) kept[n++] = t;
        return kept;
    }

    private static int[] Pinned(int[] values)
    {
        int[] pinned = GC.AllocateUninitializedArray<int>(values.Length, pinned: true);
        values.CopyTo(pinned, 0);
        return pinned;
    }
}
