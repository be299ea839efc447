using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// B chunks whose 16 source offsets are not contiguous but fall into at most two increasing segments, each within 32
/// floats of its start: a column-perforated or strided convolution's patch row. With AVX-512 such a chunk is packed
/// with two 16-wide loads and one two-register permute per segment (and a blend for the second), instead of 16
/// scalar loads. Per chunk: the two segment starts, a 16-lane index vector and the mask of lanes taken from segment 1.
/// </summary>
internal sealed class PermuteChunks
{
    public const byte Kind = 3;

    public PermuteChunks(int[] colOff, int cols, byte[] kinds)
    {
        int chunks = ColumnChunks.Count(cols);
        Offsets = GC.AllocateUninitializedArray<int>(2 * chunks, pinned: true);
        Index = GC.AllocateUninitializedArray<int>(16 * chunks, pinned: true);
        Masks = GC.AllocateUninitializedArray<ushort>(chunks, pinned: true);
        for (int g = 0; g < chunks; g++)
        {
            if (kinds[g] != 0 || (g + 1) * 16 > cols) continue;
            if (Classify(colOff, g * 16, g)) kinds[g] = Kind;
        }
        Windows = GC.AllocateUninitializedArray<int>(4 * chunks, pinned: true);
        WindowIndex = GC.AllocateUninitializedArray<int>(16 * chunks, pinned: true);
        WindowMask = GC.AllocateUninitializedArray<int>(16 * chunks, pinned: true);
        WindowsOk = GC.AllocateArray<byte>(chunks, pinned: true);
        for (int g = 0; g < chunks; g++)
        {
            if ((kinds[g] != 0 && kinds[g] != Kind) || (g + 1) * 16 > cols) continue;
            if (ClassifyWindows(colOff, g * 16, 2 * g) && ClassifyWindows(colOff, g * 16 + 8, 2 * g + 1)) WindowsOk[g] = 1;
        }
    }

    /// <summary>
    /// For 256-bit vectors (no two-register permute): per 8-column half of a chunk, the source offsets of its two
    /// 16-float windows (a, b), each lane's index in its window (0–15) and, per lane, all bits set when it reads window
    /// b. A half fits when its offsets lie within 16 floats of its first one, or of the first one beyond those.
    /// </summary>
    public int[] Windows { get; }

    /// <summary>Per lane of a chunk: its index in its half's window (see <see cref="Windows"/>).</summary>
    public int[] WindowIndex { get; }

    /// <summary>Per lane of a chunk: −1 when it reads its half's window b, else 0.</summary>
    public int[] WindowMask { get; }

    /// <summary>1 for chunks whose both halves fit two windows (packed with 256-bit permutes), else 0.</summary>
    public byte[] WindowsOk { get; }

    private bool ClassifyWindows(int[] colOff, int start, int half)
    {
        int a = colOff[start], b = int.MaxValue;
        for (int l = 0; l < 8; l++)
        {
            int d = colOff[start + l] - a;
            if (d < 0 || d >= 16) b = Math.Min(b, colOff[start + l]);
        }
        if (b == int.MaxValue) b = a;
        for (int l = 0; l < 8; l++)
        {
            int off = colOff[start + l];
            bool inA = off - a >= 0 && off - a < 16;
            if (!inA && (off - b < 0 || off - b >= 16)) return false;
            WindowIndex[8 * half + l] = inA ? off - a : off - b;
            WindowMask[8 * half + l] = inA ? 0 : -1;
        }
        Windows[2 * half] = a;
        Windows[2 * half + 1] = b;
        return true;
    }

    public int[] Offsets { get; }
    public int[] Index { get; }
    public ushort[] Masks { get; }

    private bool Classify(int[] colOff, int start, int g)
    {
        int split = Segment(colOff, start, start + 16);
        int end1 = split == start + 16 ? split : Segment(colOff, split, start + 16);
        if (end1 != start + 16) return false;
        int base0 = colOff[start], base1 = split < start + 16 ? colOff[split] : base0;
        Offsets[2 * g] = base0;
        Offsets[2 * g + 1] = base1;
        int mask = 0;
        for (int l = 0; l < 16; l++)
        {
            bool second = start + l >= split;
            Index[16 * g + l] = colOff[start + l] - (second ? base1 : base0);
            if (second) mask |= 1 << l;
        }
        Masks[g] = (ushort)mask;
        return true;
    }

    // The end of the increasing run from start whose offsets stay within 32 of the first.
    private static int Segment(int[] colOff, int start, int limit)
    {
        int j = start + 1;
        while (j < limit && colOff[j] > colOff[j - 1] && colOff[j] - colOff[start] < 32) j++;
        return j;
    }
}
