using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>Classifies 16-column chunks of offset tables for <see cref="GemmProblem"/>.</summary>
internal static class ColumnChunks
{
    public const int Width = 16;

    public static int Count(int cols) => (cols + Width - 1) / Width;

    /// <summary>16, 8 or 4 when the chunk is made of runs of that many consecutive offsets (runs aligned in the chunk), else 0.</summary>
    /// <remarks>
    /// With <paramref name="slack"/> (the source has readable floats past its end), a chunk of two contiguous runs
    /// split at a (1..15) is kind <c>TwoRuns + a</c>: packed as a blend of two 16-wide loads.
    /// </remarks>
    public static byte SourceKind(int[] colOff, int start, int cols, bool slack)
    {
        if (start + Width > cols) return 0;
        foreach (int run in (ReadOnlySpan<int>)[16, 8, 4])
            if (IsRuns(colOff, start, run)) return (byte)run;
        if (!slack) return 0;
        for (int a = 1; a < Width; a++)
        {
            if (colOff[start + a] - a < 0) continue;
            bool ok = true;
            for (int i = 1; i < Width && ok; i++)
                ok = i < a ? colOff[start + i] == colOff[start] + i : colOff[start + i] == colOff[start + a] + (i - a);
            if (ok) return (byte)(TwoRuns + a);
        }
        return 0;
    }

    /// <summary>Base of the two-run chunk kinds (see <see cref="SourceKind"/>).</summary>
    public const int TwoRuns = 32;

    /// <summary>Floats a source with slack must keep readable past its last element.</summary>
    public const int Slack = 64;

    /// <summary>1 when all 16 columns exist and their destinations are consecutive.</summary>
    public static byte Direct(int[] cOff, int start, int cols) =>
        start + Width <= cols && IsRuns(cOff, start, Width) ? (byte)1 : (byte)0;

    private static bool IsRuns(int[] off, int start, int run)
    {
        for (int r = start; r < start + Width; r += run)
            for (int i = 1; i < run; i++)
                if (off[r + i] != off[r] + i) return false;
        return true;
    }
}
