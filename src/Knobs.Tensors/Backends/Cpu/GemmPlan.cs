using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>Offsets of a plain row-major GEMM's B[k, n] and C[m, n] in <see cref="GemmProblem"/> form, cached per (k, n).</summary>
internal sealed class GemmPlan
{
    public GemmPlan(int k, int n)
    {
        RowOff = GC.AllocateUninitializedArray<int>(k, pinned: true);
        for (int i = 0; i < k; i++) RowOff[i] = i * n;
        ColOff = GC.AllocateUninitializedArray<int>(n, pinned: true);
        for (int j = 0; j < n; j++) ColOff[j] = j;
        int chunks = ColumnChunks.Count(n);
        ChunkKind = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
        ChunkDirect = GC.AllocateUninitializedArray<byte>(chunks, pinned: true);
        for (int g = 0; g < chunks; g++)
        {
            ChunkKind[g] = ColumnChunks.SourceKind(ColOff, g * ColumnChunks.Width, n, slack: false);
            ChunkDirect[g] = ColumnChunks.Direct(ColOff, g * ColumnChunks.Width, n);
        }
    }

    public int[] RowOff { get; }
    public int[] ColOff { get; }
    public byte[] ChunkKind { get; }
    public byte[] ChunkDirect { get; }
}
