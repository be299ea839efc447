using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Column perforation as regular sub-convolutions. With rate r, the kept output columns of each residue class ρ
/// (t ≡ ρ mod r) are exactly t = ρ, ρ + r, …, ρ + r·(count − 1) (DESIGN §4: a class is either never skipped, or it is the
/// skipped class and keeps only its t &lt; offset prefix). Each class is a convolution with W-stride r·strideW. Its
/// patch rows are made contiguous by a per-call copy of the input: for class ρ, tap column j and padded input row,
/// the <c>count</c> floats <c>padded[row][(ρ + r·q)·strideW + j]</c>, q = 0…count − 1 (layout [N·C][KW][Hp][count]).
/// With stride 1 a patch row of a class is then one contiguous run over all output rows of an image, so the GEMM
/// reads B in place (no packing) and stores C straight into the class's block of the compact plane
/// ([N, K, class blocks of OutH × count]). The copy costs KW · (kept fraction) of the input, built with one AVX-512
/// two-register permute per 16 floats; it replaces the zero-padded input copy of the other modes.
/// </summary>
internal sealed unsafe class ColumnClasses
{
    private readonly int _rate, _strideW, _kw, _h, _w, _padH, _padW, _hp, _wp;

    /// <summary>Whether the class-split path handles this call (else the generic implicit-im2col path does).</summary>
    public static bool Applies(in ConvShape s, in ConvApproxParams a) =>
        a.Mode == ConvApproxMode.ColumnPerforation && a.Col >= 2 && s.KW <= 16 && a.Col * s.StrideW <= 64
        && s.W + 2 * s.PadW <= 4096;

    public ColumnClasses(in ConvShape s, int rate, int offset, int hp, int wp)
    {
        _rate = rate; _strideW = s.StrideW; _kw = s.KW; _h = s.H; _w = s.W; _padH = s.PadH; _padW = s.PadW; _hp = hp; _wp = wp;
        int outW = s.OutW, outH = s.OutH;
        var residues = new System.Collections.Generic.List<int>();
        var counts = new System.Collections.Generic.List<int>();
        for (int rho = 0; rho < rate && rho < outW; rho++)
        {
            int count = 0;
            for (int t = rho; t < outW; t += rate)
            {
                if (Perforation.IsSkipped(t, rate, offset)) break;
                count++;
            }
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
        int ppi = outH * keptCols, filterLen = s.CPerGroup * s.KH * s.KW;
        PositionsPerImage = ppi;
        PlaneLength = new long[classes];
        SourceStart = new long[classes];
        BlockStart = new int[classes];
        RowOff = new int[classes][];
        ColOff = new int[classes][];
        COff = new int[classes][];
        ChunkKind = new byte[classes][];
        ChunkDirect = new byte[classes][];
        Permute = new PermuteChunks[classes];
        long source = 0;
        int block = 0;
        for (int c = 0; c < classes; c++)
        {
            int count = Counts[c];
            PlaneLength[c] = (long)s.KW * hp * count;
            SourceStart[c] = source;
            BlockStart[c] = block;
            source += (long)s.N * s.C * PlaneLength[c];
            block += outH * count;
            int[] rowOff = RowOff[c] = GC.AllocateUninitializedArray<int>(filterLen, pinned: true);
            for (int k = 0; k < filterLen; k++)
            {
                int ci = k / (s.KH * s.KW), i = k % (s.KH * s.KW) / s.KW, j = k % s.KW;
                rowOff[k] = checked(((ci * s.KW + j) * hp + i) * count);
            }
            int cols = s.N * outH * count;
            int[] colOff = ColOff[c] = GC.AllocateUninitializedArray<int>(cols, pinned: true);
            int[] cOff = COff[c] = GC.AllocateUninitializedArray<int>(cols, pinned: true);
            for (int jc = 0; jc < cols; jc++)
            {
                int n = jc / (outH * count), oh = jc / count % outH, q = jc % count;
                colOff[jc] = checked((int)(n * s.C * PlaneLength[c]) + oh * s.StrideH * count + q);
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
        CopyLength = source + ColumnChunks.Slack;

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
    /// <summary>Floats of one input plane's copy for each class ([KW][Hp][count]).</summary>
    public long[] PlaneLength { get; }
    public long[] SourceStart { get; }
    public int[] BlockStart { get; }
    public int[][] RowOff { get; }
    public int[][] ColOff { get; }
    public int[][] COff { get; }
    public byte[][] ChunkKind { get; }
    public byte[][] ChunkDirect { get; }
    public PermuteChunks[] Permute { get; }
    /// <summary>Floats of scratch the class copies need (with the slack the GEMM's vector loads may read).</summary>
    public long CopyLength { get; }

    /// <summary>Builds the class copies of input planes [plane0, plane1) (each plane is one image's channel).</summary>
    public void Build(float* x, float* copy, int plane0, int plane1, CpuIsa isa)
    {
        int span = _rate * _strideW;
        int rowLength = _wp + span + _kw + 64;
        float* tmp = stackalloc float[rowLength];
        new Span<float>(tmp, rowLength).Clear();
        bool avx = isa == CpuIsa.Avx512;
        Vector512<int> index = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) * Vector512.Create(span);
        for (int p = plane0; p < plane1; p++)
        {
            float* src = x + (long)p * _h * _w;
            for (int row = 0; row < _hp; row++)
            {
                int ir = row - _padH;
                bool zero = ir < 0 || ir >= _h;
                if (!zero) Buffer.MemoryCopy(src + (long)ir * _w, tmp + _padW, _w * sizeof(float), _w * sizeof(float));
                for (int c = 0; c < Counts.Length; c++)
                {
                    int count = Counts[c];
                    float* planeCopy = copy + SourceStart[c] + p * PlaneLength[c];
                    // A 16-float store spills into the next rows' slots of the same tap (written later in this loop).
                    bool vector = avx && count <= 16 && span * (count - 1) < 32 && row + 15 / count < _hp;
                    for (int j = 0; j < _kw; j++)
                    {
                        float* d = planeCopy + ((long)j * _hp + row) * count;
                        if (zero) { new Span<float>(d, count).Clear(); continue; }
                        float* s = tmp + Residues[c] * _strideW + j;
                        if (vector)
                            Avx512F.PermuteVar16x32x2(Vector512.Load(s), index, Vector512.Load(s + 16)).Store(d);
                        else
                            for (int q = 0; q < count; q++) d[q] = s[q * span];
                    }
                }
            }
        }
    }
}
