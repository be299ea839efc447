namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// One GEMM C[M, cols] = A[M, K] · B[K, cols] as the driver sees it. B is implicit (an im2col never materialized):
/// <c>B[k, j] = Src[RowOff[k] + ColOff[j]]</c>. C[m, j] lives at <c>Dst[COff[j] + m·Ldc]</c>. Per 16-column chunk,
/// <see cref="ChunkKind"/> says how B's chunk can be copied (16, 8 or 4: runs of that many contiguous floats; 0: one
/// by one) and <see cref="ChunkDirect"/> whether C's chunk is 16 contiguous floats (stored straight from registers).
/// </summary>
internal unsafe struct GemmProblem
{
    public int M;
    public int K;
    public int Cols;
    public float* Src;
    public int* RowOff;
    public int* ColOff;
    public byte* ChunkKind;
    public float* Dst;
    public int* COff;
    public byte* ChunkDirect;
    public long Ldc;
    /// <summary>Whether the AVX-512 kernel may read contiguous B panels in place instead of packing them.</summary>
    public bool AllowInPlace;
    /// <summary>For <see cref="PermuteChunks.Kind"/> chunks (may be null when there are none): see <see cref="PermuteChunks"/>.</summary>
    public int* PermOffsets;
    public int* PermIndex;
    public ushort* PermMasks;
    // 256-bit permute packing of the same chunks (PermuteChunks.Windows…): null without a scratch source.
    public int* Windows;
    public int* WindowIndex;
    public int* WindowMask;
    public byte* WindowsOk;
    /// <summary>Epilogue, applied to each finished block of C: + Bias[m] (null: none), + Residual at C's offset (null: none), then ReLU.</summary>
    public float* Bias;
    public float* Residual;
    public bool Relu;
    public readonly bool HasEpilogue => Bias != null || Residual != null || Relu;
}
