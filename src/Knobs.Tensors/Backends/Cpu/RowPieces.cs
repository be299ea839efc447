using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// How <see cref="ColumnClasses.Build"/> writes one de-interleaved row (residues u of a padded row, L floats each:
/// element i of residue u is input column u + span·i − padW), worked out once per plan instead of per row: vector
/// pieces of up to 16 elements (one two-register permute each; the lanes that fall in the zero padding are masked off
/// with <see cref="Inside"/>) and scalar tails of one to three elements (cheaper one by one than as a vector).
/// </summary>
internal sealed class RowPieces
{
    public RowPieces(int span, int lane, int padW, int w)
    {
        Span = span;
        int lanes = Math.Min(16, 31 / span + 1); // elements one 32-float window holds
        Index = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) * Vector512.Create(span);
        var dst = new List<int>();
        var first = new List<int>();
        var count = new List<int>();
        var inside = new List<Vector512<float>>();
        var tailDst = new List<int>();
        var tailSrc = new List<int>();
        for (int u = 0; u < span; u++)
            for (int i0 = 0; i0 < lane; i0 += lanes)
            {
                int n = Math.Min(lanes, lane - i0), col0 = u + span * i0 - padW;
                if (n <= 3)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int col = col0 + span * i;
                        tailDst.Add(u * lane + i0 + i);
                        tailSrc.Add(col >= 0 && col < w ? col : -1);
                    }
                    continue;
                }
                var mask = new int[16];
                for (int l = 0; l < 16; l++) mask[l] = l < n && col0 + span * l >= 0 && col0 + span * l < w ? -1 : 0;
                dst.Add(u * lane + i0);
                first.Add(col0);
                count.Add(n);
                inside.Add(Vector512.Create(mask).AsSingle());
            }
        Dst = dst.ToArray();
        First = first.ToArray();
        Count = count.ToArray();
        Inside = inside.ToArray();
        TailDst = tailDst.ToArray();
        TailSrc = tailSrc.ToArray();
    }

    /// <summary>Input columns between consecutive elements of a residue (rate · strideW).</summary>
    public int Span { get; }
    /// <summary>Lane l of a piece's permute reads window element span·l.</summary>
    public Vector512<int> Index { get; }
    /// <summary>Per vector piece: first element's offset in the de-interleaved row, its input column, element count, valid lanes.</summary>
    public int[] Dst { get; }
    public int[] First { get; }
    public int[] Count { get; }
    public Vector512<float>[] Inside { get; }
    public int Length => Dst.Length;
    /// <summary>Per scalar tail element: its offset in the de-interleaved row and input column (−1: zero padding).</summary>
    public int[] TailDst { get; }
    public int[] TailSrc { get; }
    public int Tails => TailDst.Length;
}
