using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// HPVM's filter-sampling rules (docs/tensors.md, "Approximate convolution"), shared by every backend: which weights of a filter
/// (flat index <c>idx = (c·KH + i)·KW + j</c> over C·KH·KW) are dropped, and the scale <c>s/(s−1)</c> of the kept ones.
/// </summary>
public static class FilterSampling
{
    /// <summary>The factor kept weights are multiplied by: <c>s/(s−1)</c>.</summary>
    public static float Scale(int skipEvery) => (float)skipEvery / (skipEvery - 1);

    /// <summary>
    /// True when flat filter index <paramref name="idx"/> is dropped. If <c>KH·KW % s != 0</c>: <c>idx ≥ o &amp;&amp; (idx − o) % s == 0</c>;
    /// otherwise, in input channel c, local index j is dropped when <c>j % s == (o + c) % s</c>.
    /// </summary>
    public static bool IsSkipped(int idx, int khkw, int skipEvery, int offset)
    {
        if (khkw % skipEvery != 0) return idx >= offset && (idx - offset) % skipEvery == 0;
        int c = idx / khkw, j = idx % khkw;
        return j % skipEvery == (offset + c) % skipEvery;
    }

    /// <summary>The flat indices (ascending) of the weights kept out of <paramref name="c"/>·<paramref name="khkw"/>.</summary>
    public static int[] KeptIndices(int c, int khkw, int skipEvery, int offset)
    {
        int total = c * khkw, kept = 0;
        for (int idx = 0; idx < total; idx++) if (!IsSkipped(idx, khkw, skipEvery, offset)) kept++;
        var result = new int[kept];
        for (int idx = 0, n = 0; idx < total; idx++) if (!IsSkipped(idx, khkw, skipEvery, offset)) result[n++] = idx;
        return result;
    }
}
