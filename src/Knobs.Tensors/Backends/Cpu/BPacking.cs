using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>Packs one 48-column × kc panel of an implicit B (k-major, 48 floats per k) with runs copied as vectors.</summary>
internal static unsafe class BPacking
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining | System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void PackPanel(ref GemmProblem p, int j, int pc, int kc, float* dst, CpuIsa isa)
    {
        int* rowOff = p.RowOff + pc;
        if (isa == CpuIsa.Avx512 && FusedPermutes(ref p, j, rowOff, kc, dst)) return;
        for (int g = 0; g < 3; g++)
        {
            int jj = j + g * ColumnChunks.Width;
            float* d = dst + g * ColumnChunks.Width;
            int kind = jj < p.Cols && isa != CpuIsa.Scalar ? p.ChunkKind[jj / ColumnChunks.Width] : 0;
            if (jj >= p.Cols)
            {
                for (int k = 0; k < kc; k++) Vector256.Store(default, d + k * MicroKernels.NR);
                for (int k = 0; k < kc; k++) Vector256.Store(default, d + k * MicroKernels.NR + 8);
                continue;
            }
            float* s = p.Src;
            int* colOff = p.ColOff + jj;
            switch (kind)
            {
                case 16:
                {
                    float* s0 = s + colOff[0];
                    if (isa == CpuIsa.Avx512)
                        for (int k = 0; k < kc; k++) Vector512.Load(s0 + rowOff[k]).Store(d + k * MicroKernels.NR);
                    else
                        for (int k = 0; k < kc; k++)
                        {
                            Vector256.Load(s0 + rowOff[k]).Store(d + k * MicroKernels.NR);
                            Vector256.Load(s0 + rowOff[k] + 8).Store(d + k * MicroKernels.NR + 8);
                        }
                    break;
                }
                case 8:
                {
                    float* s0 = s + colOff[0], s1 = s + colOff[8];
                    for (int k = 0; k < kc; k++)
                    {
                        Vector256.Load(s0 + rowOff[k]).Store(d + k * MicroKernels.NR);
                        Vector256.Load(s1 + rowOff[k]).Store(d + k * MicroKernels.NR + 8);
                    }
                    break;
                }
                case 4:
                {
                    float* s0 = s + colOff[0], s1 = s + colOff[4], s2 = s + colOff[8], s3 = s + colOff[12];
                    for (int k = 0; k < kc; k++)
                    {
                        float* dk = d + k * MicroKernels.NR;
                        int r = rowOff[k];
                        Vector128.Load(s0 + r).Store(dk);
                        Vector128.Load(s1 + r).Store(dk + 4);
                        Vector128.Load(s2 + r).Store(dk + 8);
                        Vector128.Load(s3 + r).Store(dk + 12);
                    }
                    break;
                }
                case PermuteChunks.Kind when isa == CpuIsa.Avx512:
                {
                    int g2 = jj / ColumnChunks.Width;
                    float* s0 = s + p.PermOffsets[2 * g2], s1 = s + p.PermOffsets[2 * g2 + 1];
                    Vector512<int> index = Vector512.Load(p.PermIndex + 16 * g2);
                    ushort bits = p.PermMasks[g2];
                    if (bits == 0)
                        for (int k = 0; k < kc; k++)
                        {
                            int r = rowOff[k];
                            Avx512F.PermuteVar16x32x2(Vector512.Load(s0 + r), index, Vector512.Load(s0 + r + 16)).Store(d + k * MicroKernels.NR);
                        }
                    else
                    {
                        Vector512<int> lanes = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
                        Vector512<float> second = Vector512.Equals(lanes & Vector512.Create((int)bits), lanes).AsSingle();
                        for (int k = 0; k < kc; k++)
                        {
                            int r = rowOff[k];
                            Vector512<float> v0 = Avx512F.PermuteVar16x32x2(Vector512.Load(s0 + r), index, Vector512.Load(s0 + r + 16));
                            Vector512<float> v1 = Avx512F.PermuteVar16x32x2(Vector512.Load(s1 + r), index, Vector512.Load(s1 + r + 16));
                            Vector512.ConditionalSelect(second, v1, v0).Store(d + k * MicroKernels.NR);
                        }
                    }
                    break;
                }
                case >= ColumnChunks.TwoRuns:
                {
                    int split = kind - ColumnChunks.TwoRuns;
                    float* s0 = s + colOff[0], s1 = s + colOff[split] - split;
                    Vector256<int> lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
                    Vector256<float> lo = Vector256.LessThan(lane, Vector256.Create(split)).AsSingle();
                    Vector256<float> hi = Vector256.LessThan(lane + Vector256.Create(8), Vector256.Create(split)).AsSingle();
                    for (int k = 0; k < kc; k++)
                    {
                        int r = rowOff[k];
                        Vector256.ConditionalSelect(lo, Vector256.Load(s0 + r), Vector256.Load(s1 + r)).Store(d + k * MicroKernels.NR);
                        Vector256.ConditionalSelect(hi, Vector256.Load(s0 + r + 8), Vector256.Load(s1 + r + 8)).Store(d + k * MicroKernels.NR + 8);
                    }
                    break;
                }
                case 0 or PermuteChunks.Kind when isa == CpuIsa.Avx2Fma && p.WindowsOk != null && p.WindowsOk[jj / ColumnChunks.Width] != 0:
                    PackWindows(ref p, jj / ColumnChunks.Width, rowOff, kc, d);
                    break;
                default:
                {
                    int valid = System.Math.Min(ColumnChunks.Width, p.Cols - jj);
                    for (int k = 0; k < kc; k++)
                    {
                        float* dk = d + k * MicroKernels.NR;
                        float* sk = s + rowOff[k];
                        for (int i = 0; i < valid; i++) dk[i] = sk[colOff[i]];
                        for (int i = valid; i < ColumnChunks.Width; i++) dk[i] = 0f;
                    }
                    break;
                }
            }
        }
    }

    // 256-bit form of a permute chunk: each 8-column half is read from one or two 16-float windows of the source (two
    // loads each), its lanes picked with two 8-lane permutes per window and a blend (PermuteChunks.Windows).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void PackWindows(ref GemmProblem p, int g, int* rowOff, int kc, float* d)
    {
        float* s = p.Src;
        for (int h = 0; h < 2; h++)
        {
            float* a = s + p.Windows[4 * g + 2 * h], b = s + p.Windows[4 * g + 2 * h + 1];
            Vector256<int> index = Vector256.Load(p.WindowIndex + 16 * g + 8 * h);
            Vector256<float> high = WindowPermute.High(index);
            Vector256<float> fromB = Vector256.Load(p.WindowMask + 16 * g + 8 * h).AsSingle();
            float* dh = d + 8 * h;
            if (a == b)
            {
                for (int k = 0; k < kc; k++) WindowPermute.Pick(a + rowOff[k], index, high).Store(dh + k * MicroKernels.NR);
            }
            else
            {
                for (int k = 0; k < kc; k++)
                {
                    Vector256.ConditionalSelect(fromB, WindowPermute.Pick(b + rowOff[k], index, high), WindowPermute.Pick(a + rowOff[k], index, high))
                        .Store(dh + k * MicroKernels.NR);
                }
            }
        }
    }

    /// <summary>Whether the 48 columns from <paramref name="j"/> are three single-segment permute chunks.</summary>
    public static bool PermuteTriple(ref GemmProblem p, int j)
    {
        int g0 = j / ColumnChunks.Width;
        if (j + MicroKernels.NR > p.Cols || p.PermMasks == null) return false;
        for (int g = g0; g < g0 + 3; g++)
            if (p.ChunkKind[g] != PermuteChunks.Kind || p.PermMasks[g] != 0) return false;
        return true;
    }

    // Three single-segment permute chunks (column-perforated rows): one pass over k packs all 48 columns, so each
    // tap's row offset is read once and the three chunks' loads overlap.
    private static bool FusedPermutes(ref GemmProblem p, int j, int* rowOff, int kc, float* dst)
    {
        if (!PermuteTriple(ref p, j)) return false;
        int g0 = j / ColumnChunks.Width;
        float* s0 = p.Src + p.PermOffsets[2 * g0], s1 = p.Src + p.PermOffsets[2 * g0 + 2], s2 = p.Src + p.PermOffsets[2 * g0 + 4];
        Vector512<int> i0 = Vector512.Load(p.PermIndex + 16 * g0), i1 = Vector512.Load(p.PermIndex + 16 * g0 + 16), i2 = Vector512.Load(p.PermIndex + 16 * g0 + 32);
        for (int k = 0; k < kc; k++)
        {
            int r = rowOff[k];
            float* d = dst + k * MicroKernels.NR;
            Avx512F.PermuteVar16x32x2(Vector512.Load(s0 + r), i0, Vector512.Load(s0 + r + 16)).Store(d);
            Avx512F.PermuteVar16x32x2(Vector512.Load(s1 + r), i1, Vector512.Load(s1 + r + 16)).Store(d + 16);
            Avx512F.PermuteVar16x32x2(Vector512.Load(s2 + r), i2, Vector512.Load(s2 + r + 16)).Store(d + 32);
        }
        return true;
    }
}
