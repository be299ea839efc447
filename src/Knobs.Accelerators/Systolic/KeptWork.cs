using System;
using System.Collections.Generic;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// Knobs extension to SCALE-Sim's model: which part of a convolution is computed. Perforation keeps some OFMAP pixels
/// (rows of the IFMAP operand matrix, one per <c>(oh, ow)</c>); filter sampling keeps some window taps (columns of the
/// IFMAP operand matrix and rows of the filter operand matrix, one per <c>(c, kh, kw)</c>). The operand matrices simply
/// lose the rows and columns left out, and the fold and memory model runs on what is left: fewer pixels shorten the
/// streamed (or spatial) pixel dimension, fewer taps the window dimension. The addresses of what is kept do not move,
/// so reuse between overlapping windows is still seen by the scratchpads. The OFMAP operand keeps one row per kept
/// pixel. Keeping everything gives SCALE-Sim's results exactly.
/// </summary>
public sealed class KeptWork
{
    private KeptWork(int[]? pixels, int[]? taps)
    {
        PixelsArray = pixels;
        TapsArray = taps;
    }

    /// <summary>Kept OFMAP pixels (<c>oh · OfmapWidth + ow</c>, ascending), or null for all.</summary>
    public IReadOnlyList<int>? OfmapPixels => PixelsArray;

    /// <summary>Kept window taps (<c>kh · FilterWidth·Channels + kw · Channels + c</c>, ascending), or null for all.</summary>
    public IReadOnlyList<int>? WindowTaps => TapsArray;

    internal int[]? PixelsArray { get; }

    internal int[]? TapsArray { get; }

    /// <summary>
    /// Keeps the pixels and taps the predicates accept (a null predicate keeps all). <paramref name="keepPixel"/> gets
    /// <c>(oh, ow)</c>; <paramref name="keepTap"/> gets <c>(c, kh, kw)</c>. At least one of each must be kept.
    /// </summary>
    public static KeptWork Select(ConvLayer layer, Func<int, int, bool>? keepPixel, Func<int, int, int, bool>? keepTap)
    {
        if (layer is null) throw new ArgumentNullException(nameof(layer));
        int[]? pixels = null, taps = null;
        if (keepPixel is not null)
        {
            var list = new List<int>();
            for (int oh = 0; oh < layer.OfmapHeight; oh++)
                for (int ow = 0; ow < layer.OfmapWidth; ow++)
                    if (keepPixel(oh, ow)) list.Add(oh * layer.OfmapWidth + ow);
            pixels = list.ToArray();
        }
        if (keepTap is not null)
        {
            var list = new List<int>();
            int c = layer.Channels, fw = layer.FilterWidth;
            for (int kh = 0; kh < layer.FilterHeight; kh++)
                for (int kw = 0; kw < fw; kw++)
                    for (int ch = 0; ch < c; ch++)
                        if (keepTap(ch, kh, kw)) list.Add(kh * fw * c + kw * c + ch);
            taps = list.ToArray();
        }
        var kept = new KeptWork(pixels, taps);
        kept.Validate(layer);
        return kept;
    }

    /// <summary>
    /// Keeps the given pixel indices (<c>oh · OfmapWidth + ow</c>) and tap indices (<c>kh · FW·C + kw · C + c</c>);
    /// null keeps all. Indices must be ascending, distinct and in range (checked when given to a layer).
    /// </summary>
    public static KeptWork FromIndices(IEnumerable<int>? ofmapPixels, IEnumerable<int>? windowTaps)
        => new(ofmapPixels is null ? null : new List<int>(ofmapPixels).ToArray(), windowTaps is null ? null : new List<int>(windowTaps).ToArray());

    internal void Validate(ConvLayer layer)
    {
        Check(PixelsArray, layer.OfmapHeight * layer.OfmapWidth, "OFMAP pixel");
        Check(TapsArray, layer.WindowSize, "window tap");
    }

    private static void Check(int[]? indices, int count, string what)
    {
        if (indices is null) return;
        if (indices.Length == 0) throw new ArgumentException($"The kept work keeps no {what}; keep at least one.");
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= count) throw new ArgumentException($"Kept {what} index {indices[i]} is outside 0..{count - 1}.");
            if (i > 0 && indices[i] <= indices[i - 1]) throw new ArgumentException($"Kept {what} indices must be ascending and distinct ({indices[i - 1]} then {indices[i]}).");
        }
    }
}
