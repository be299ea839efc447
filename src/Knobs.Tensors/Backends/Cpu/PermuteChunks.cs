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
