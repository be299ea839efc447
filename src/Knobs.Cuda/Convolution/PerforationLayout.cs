using System;
using System.Collections.Generic;

namespace Knobs.Cuda.Convolution;

/// <summary>
/// How the computed lines of a perforated dimension (length L, rate r, offset o) are produced: as "progressions", each
/// a run of lines at a fixed step that one strided convolution computes. Progression 0 holds the lines t &lt; o (step 1);
/// progression q (1 ≤ q &lt; r) holds t = o + q + k·r. The skipped lines t = o + k·r are in none. The kernel
/// <c>assemble_perforated</c> locates lines with the same formulas.
/// </summary>
internal static class PerforationLayout
{
    /// <summary>One progression: its first line, step and line count, and how many computed lines precede it in storage.</summary>
    public readonly record struct Progression(int First, int Step, int Count, int Before);

    public static IReadOnlyList<Progression> Of(int lines, int rate, int offset)
    {
        if (rate < 2) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A perforation rate is at least 2.");
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var result = new List<Progression>();
        int before = 0;
        int head = Math.Min(offset, lines);
        if (head > 0)
        {
            result.Add(new Progression(0, 1, head, 0));
            before = head;
        }
        for (int q = 1; q < rate; q++)
        {
            int first = offset + q;
            if (first >= lines) break;
            int count = (lines - 1 - first) / rate + 1;
            result.Add(new Progression(first, rate, count, before));
            before += count;
        }
        return result;
    }

    /// <summary>Lines computed in all (= <see cref="Knobs.Tensors.Backends.Perforation.ComputedCount"/>).</summary>
    public static int Computed(IReadOnlyList<Progression> progressions)
    {
        int total = 0;
        foreach (Progression p in progressions) total += p.Count;
        return total;
    }
}
