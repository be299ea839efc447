using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>Classifies 16-column chunks of offset tables for <see cref="GemmProblem"/>.</summary>
internal static class ColumnChunks
{
    public const int Width = 16;

    public static int Count(int cols) => (cols + Width - 1) / Width;

    /// <summary>16, 8 or 4 when the chunk is made of runs of that many consecutive offsets (runs aligned in the chunk), else 0.</summary>
    public static byte SourceKind(int[] colOff, int start, int cols)
    {
        if (start + Width > cols) return 0;
        foreach (int run in (ReadOnlySpan<int>)[16, 8, 4])
            if (IsRuns(colOff, start, run)) return (byte)run;
        return 0;
    }

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
