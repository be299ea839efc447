using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Everything about one convolution call that depends only on its shape and approximation, computed once and cached:
/// the implicit-im2col offsets of the GEMM (rows: kept filter taps; columns: kept output positions of every image,
/// batch merged), where each result goes, and how a perforated result expands to the full output.
/// Perforation computes only the kept lines: their results go to a compact [N, K, kept rows, kept cols] buffer
/// that <see cref="PerforationExpand"/> spreads out and fills with HPVM's fill rule (see <see cref="Perforation"/>). Sampling drops the skipped taps from
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
        int kRows = KIndex?.Length ?? filterLen;
        RowOff = GC.AllocateUninitializedArray<int>(kRows, pinned: true);
        for (int r = 0; r < kRows; r++)
        {
            int idx = KIndex is null ? r : KIndex[r];
            int c = idx / khkw, i = idx % khkw / s.KW, j = idx % s.KW;
            RowOff[r] = (c * Hp + i) * Wp + j;
        }

        int planeIn = s.C * Hp * Wp;
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
            ColOff[j] = n * planeIn + oh * s.StrideH * Wp + ow * s.StrideW;
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
        if (UsesScratchSource) Permute = new PermuteChunks(ColOff, Cols, ChunkKind);
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
    /// <summary>
    /// True when the GEMM reads a scratch copy of the input (zero-padded when the call pads; with slack past its end):
    /// always with padding, and also without it for column-perforated or W-strided calls, whose strided patch rows are
    /// packed with two-register permutes that read up to 32 floats from a chunk's start, past the end of the caller's
    /// input (element-by-element packing instead made a rate-2 column-perforated 1×1 convolution 3× slower than exact).
    /// </summary>
    public bool UsesScratchSource => NeedsPadding || Mode == ConvApproxMode.ColumnPerforation || Shape.StrideW > 1;
    /// <summary>Floats of scratch source the call needs (0 when it reads the input in place).</summary>
    public long ScratchSourceLength => UsesScratchSource ? (long)Shape.N * Shape.C * Hp * Wp + ColumnChunks.Slack : 0;
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
    /// <summary>Permute-packing data for strided or column-perforated patch rows (null without a scratch source).</summary>
    public PermuteChunks? Permute { get; }

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
