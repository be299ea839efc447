using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// HPVM's perforation rules (docs/tensors.md, "Approximate convolution"), shared by every backend so they cannot drift: which output lines
/// (rows or columns of a batch×channel plane) are skipped, and how skipped lines are filled from computed ones.
/// </summary>
public static class Perforation
{
    /// <summary>True when line <paramref name="t"/> is skipped: <c>t ≥ offset &amp;&amp; (t − offset) % rate == 0</c>.</summary>
    public static bool IsSkipped(int t, int rate, int offset) => t >= offset && (t - offset) % rate == 0;

    /// <summary>How many of <paramref name="lines"/> lines are computed (not skipped).</summary>
    public static int ComputedCount(int lines, int rate, int offset)
    {
        if (offset >= lines) return lines;
        int skipped = (lines - 1 - offset) / rate + 1;
        return lines - skipped;
    }

    /// <summary>
    /// Fills the skipped lines of one plane whose computed lines are already in place. <paramref name="rows"/>
    /// true: lines are rows of width <paramref name="width"/>; false: lines are columns of a plane with
    /// <paramref name="height"/> rows. Order (HPVM): the last line copies the one before it, line 0 copies line 1,
    /// any other skipped line is the mean of its two neighbours (which are computed, as rate ≥ 2).
    /// </summary>
    public static void FillSkipped(Span<float> plane, int height, int width, bool rows, int rate, int offset)
    {
        int lines = rows ? height : width;
        for (int t = offset; t < lines; t += rate)
        {
            if (rows)
            {
                Span<float> dst = plane.Slice(t * width, width);
                if (t == lines - 1) plane.Slice((t - 1) * width, width).CopyTo(dst);
                else if (t == 0) plane.Slice(width, width).CopyTo(dst);
                else
                {
                    ReadOnlySpan<float> a = plane.Slice((t - 1) * width, width), b = plane.Slice((t + 1) * width, width);
                    for (int j = 0; j < width; j++) dst[j] = (a[j] + b[j]) / 2f;
                }
            }
            else
            {
                for (int i = 0; i < height; i++)
                {
                    Span<float> row = plane.Slice(i * width, width);
                    if (t == lines - 1) row[t] = row[t - 1];
                    else if (t == 0) row[t] = row[1];
                    else row[t] = (row[t - 1] + row[t + 1]) / 2f;
                }
            }
        }
    }
}
