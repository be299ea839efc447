using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Column perforation as regular sub-convolutions. With rate r, the kept output columns of each residue class ρ
/// (t ≡ ρ mod r) are exactly t = ρ, ρ + r, …, ρ + r·(count − 1) (DESIGN §4: a class is either never skipped, or it is the
/// skipped class and keeps only its t &lt; offset prefix), so each class is a convolution with W-stride r·strideW.
/// The zero-padded input copy that the other modes make is made de-interleaved instead: each padded row becomes its
/// r·strideW residues ([N·C][Hp][r·strideW][L], L = ⌈Wp / (r·strideW)⌉; element i of residue u is padded column
/// u + r·strideW·i). A class's patch row is then one contiguous run of <c>count</c> floats per output row: with
/// count a multiple of 16 (VGG's 32-wide planes at rate 2 or 4) the GEMM reads B in place, unpacked, exactly as the
/// exact convolution does, and stores C straight into the class's block of the compact plane
/// ([N, K, class blocks of OutH × count]); one GEMM per class. Other column counts keep the generic path, whose
/// permute packing measured faster than packing runs of count &lt; 16 here.
/// </summary>
internal sealed unsafe class ColumnClasses
{
    private readonly int _rate, _strideW, _h, _w, _padH, _padW, _hp, _lane;
    private readonly RowPieces _pieces;

    /// <summary>Whether the class-split path handles this call (else the generic implicit-im2col path does).</summary>
    public static bool Applies(in ConvShape s, in ConvApproxParams a)
    {
        if (!Enabled || a.Mode != ConvApproxMode.ColumnPerforation || a.Col < 2) return false;
        for (int rho = 0; rho < a.Col && rho < s.OutW; rho++)
        {
            int count = ClassCount(s.OutW, a.Col, a.Offset, rho);
            if (count % ColumnChunks.Width != 0) return false;
        }
        return true;
    }

    /// <summary>Whether the class-split path is used at all (a switch for measuring the difference).</summary>
    internal static bool Enabled { get; set; } = true;

    // Kept columns of residue class rho: the prefix rho, rho + rate, … before the first skipped one.
    private static int ClassCount(int outW, int rate, int offset, int rho)
    {
        int count = 0;
        for (int t = rho; t < outW && !Perforation.IsSkipped(t, rate, offset); t += rate) count++;
        return count;
    }

    public ColumnClasses(in ConvShape s, int rate, int offset, int hp, int wp)
    {
        _rate = rate; _strideW = s.StrideW; _h = s.H; _w = s.W; _padH = s.PadH; _padW = s.PadW; _hp = hp;
        int outW = s.OutW, outH = s.OutH;
        var residues = new System.Collections.Generic.List<int>();
        var counts = new System.Collections.Generic.List<int>();
        for (int rho = 0; rho < rate && rho < outW; rho++)
        {
            int count = ClassCount(outW, rate, offset, rho);
            for (int t = rho + rate * count; t < outW; t += rate)
                if (!Perforation.IsSkipped(t, rate, offset))
                    throw new InvalidOperationException($"column class {rho} is not a prefix progression (rate {rate}, offset {offset})");
            if (count == 0) continue;
            residues.Add(rho);
            counts.Add(count);
        }
        Residues = residues.ToArray();
        Counts = counts.ToArray();
        int classes = Residues.Length, keptCols = 0;
        foreach (int c in Counts) keptCols += c;
        int span = rate * s.StrideW;
        _lane = (wp + span - 1) / span;
        long deintPlane = (long)hp * span * _lane;
        int ppi = outH * keptCols, filterLen = s.CPerGroup * s.KH * s.KW;
        PositionsPerImage = ppi;
        PlaneLength = new long[classes];
        BlockStart = new int[classes];
        RowOff = new int[classes][];
        ColOff = new int[classes][];
        COff = new int[classes][];
        ChunkKind = new byte[classes][];
        ChunkDirect = new byte[classes][];
        Permute = new PermuteChunks[classes];
        int block = 0;
        for (int c = 0; c < classes; c++)
        {
            int count = Counts[c];
            PlaneLength[c] = deintPlane;
            BlockStart[c] = block;
            block += outH * count;
            int[] rowOff = RowOff[c] = GC.AllocateUninitializedArray<int>(filterLen, pinned: true);
            for (int k = 0; k < filterLen; k++)
            {
                int ci = k / (s.KH * s.KW), i = k % (s.KH * s.KW) / s.KW, j = k % s.KW;
                int col = Residues[c] * s.StrideW + j;
                rowOff[k] = checked((int)((ci * hp + i) * (long)span * _lane) + col % span * _lane + col / span);
            }
            int cols = s.N * outH * count;
            int[] colOff = ColOff[c] = GC.AllocateUninitializedArray<int>(cols, pinned: true);
            int[] cOff = COff[c] = GC.AllocateUninitializedArray<int>(cols, pinned: true);
            for (int jc = 0; jc < cols; jc++)
            {
                int n = jc / (outH * count), oh = jc / count % outH, q = jc % count;
                colOff[jc] = checked((int)(n * s.C * PlaneLength[c]) + oh * s.StrideH * span * _lane + q);
                cOff[jc] = checked(n * s.K * ppi + BlockStart[c] + oh * count + q);
            }
            int chunks = ColumnChunks.Count(cols);
            byte[] kinds = ChunkKind[c] = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
            byte[] direct = ChunkDirect[c] = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
            for (int g = 0; g < chunks; g++)
            {
                kinds[g] = ColumnChunks.SourceKind(colOff, g * ColumnChunks.Width, cols, slack: true);
                direct[g] = ColumnChunks.Direct(cOff, g * ColumnChunks.Width, cols);
            }
            Permute[c] = new PermuteChunks(colOff, cols, kinds);
        }
        CopyLength = (long)s.N * s.C * deintPlane + ColumnChunks.Slack;
        _pieces = new RowPieces(span, _lane, s.PadW, s.W);

        // Where each kept column (in increasing order) lives in a compact plane: block start + q, row stride count.
        SlotClass = new int[keptCols];
        SlotQ = new int[keptCols];
        int[] keptSorted = new int[keptCols];
        var slots = new System.Collections.Generic.List<(int T, int Class, int Q)>();
        for (int c = 0; c < classes; c++)
            for (int q = 0; q < Counts[c]; q++) slots.Add((Residues[c] + rate * q, c, q));
        slots.Sort((a, b) => a.T.CompareTo(b.T));
        for (int i = 0; i < keptCols; i++) (keptSorted[i], SlotClass[i], SlotQ[i]) = slots[i];
        KeptCols = keptSorted;
    }

    public int[] Residues { get; }
    public int[] Counts { get; }
    /// <summary>Kept output columns, increasing (equal to the plan's); <see cref="SlotClass"/>/<see cref="SlotQ"/> index them.</summary>
    public int[] KeptCols { get; }
    /// <summary>Class of kept column i (its compact block) and its index q in that class.</summary>
    public int[] SlotClass { get; }
    public int[] SlotQ { get; }
    public int PositionsPerImage { get; }
    /// <summary>Floats of one input plane's de-interleaved copy (the same for every class: Hp · r·strideW · L).</summary>
    public long[] PlaneLength { get; }
    public int[] BlockStart { get; }
    public int[][] RowOff { get; }
    public int[][] ColOff { get; }
    public int[][] COff { get; }
    public byte[][] ChunkKind { get; }
    public byte[][] ChunkDirect { get; }
    public PermuteChunks[] Permute { get; }
    /// <summary>Floats of scratch the class copies need (with the slack the GEMM's vector loads may read).</summary>
    public long CopyLength { get; }

    /// <summary>
    /// De-interleaves input planes [plane0, plane1) (each plane is one image's channel): each padded row → its r·strideW
    /// residues of L floats. AVX-512: one two-register permute straight out of the input row per 16 floats (or fewer
    /// when 16 elements span more than 32 floats), lanes in the zero padding blended to zero with a mask computed once
    /// per plan (<see cref="RowPieces"/>); tails of one to three elements element by element.
    /// </summary>
    public void Build(float* x, long xLength, float* copy, int plane0, int plane1, CpuIsa isa)
    {
        RowPieces pieces = _pieces;
        int rowLen = _rate * _strideW * _lane;
        long planeLen = (long)_hp * rowLen;
        bool avx = isa == CpuIsa.Avx512;
        Vector512<int> index = pieces.Index;
        float* xEnd = x + xLength;
        fixed (int* dst = pieces.Dst, first = pieces.First, count = pieces.Count, tailDst = pieces.TailDst, tailSrc = pieces.TailSrc)
        fixed (Vector512<float>* inside = pieces.Inside)
        {
            for (int p = plane0; p < plane1; p++)
            {
                float* src = x + (long)p * _h * _w;
                float* dPlane = copy + p * planeLen;
                for (int row = 0; row < _hp; row++)
                {
                    int ir = row - _padH;
                    float* d = dPlane + (long)row * rowLen;
                    if (ir < 0 || ir >= _h)
                    {
                        new Span<float>(d, rowLen).Clear();
                        continue;
                    }
                    float* inRow = src + (long)ir * _w;
                    // A piece's 16-float store may spill into later pieces and rows (written after it), never past a plane.
                    int storeLimit = row < _hp - 1 ? int.MaxValue : rowLen - 16;
                    for (int k = 0; k < pieces.Length; k++)
                    {
                        float* s = inRow + first[k];
                        if (avx && s >= x && s + 32 <= xEnd && dst[k] <= storeLimit)
                            (Avx512F.PermuteVar16x32x2(Vector512.Load(s), index, Vector512.Load(s + 16)) & inside[k]).Store(d + dst[k]);
                        else
                            for (int i = 0; i < count[k]; i++)
                            {
                                int cIn = first[k] + pieces.Span * i;
                                d[dst[k] + i] = cIn >= 0 && cIn < _w ? inRow[cIn] : 0f;
                            }
                    }
                    for (int t = 0; t < pieces.Tails; t++) d[tailDst[t]] = tailSrc[t] >= 0 ? inRow[tailSrc[t]] : 0f;
                }
            }
        }
    }
}
