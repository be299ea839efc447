using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        if (s.Groups > 1 && s.CPerGroup == 1 && s.KPerGroup == 1 && a.Mode == ConvApproxMode.Exact)
        {
            Depthwise(s, x, w, y);
            return;
        }
        ConvPlan plan = _plans.Get(s, a);
        int kpg = s.KPerGroup, kRows = plan.RowOff.Length, filterLen = s.CPerGroup * s.KH * s.KW;
        float* padded = plan.UsesScratchSource ? _padded.Get<float>(plan.ScratchSourceLength) : null;
        float* compact = plan.Compact ? _compact.Get<float>((long)s.N * s.K * plan.PositionsPerImage + PerforationExpand.Slack) : null;
        float* aPacked = _gemm.APackBuffer(kpg, kRows);
        fixed (float* px = x, pw = w, py = y)
        fixed (int* rowOff = plan.RowOff, colOff = plan.ColOff, cOff = plan.COff, kIndex = plan.KIndex, selected = plan.SelectedSource, chunkBase = plan.SelectedChunkBase)
        fixed (byte* kinds = plan.ChunkKind, direct = plan.ChunkDirect)
        {
            float* src = padded != null ? padded : px;
            float* dst = compact != null ? compact : py;
            for (int g = 0; g < s.Groups; g++)
            {
                var prep = new PrepContext
                {
                    X = px, Padded = g == 0 ? padded : null, Planes = s.N * s.C, H = s.H, W = s.W, PadH = plan.PadH, PadW = plan.PadW,
                    Selected = selected, ChunkBase = chunkBase, Isa = _isa, KeptCols = plan.KeptCols.Length, KW = s.KW, SelectedLength = plan.SelectedLength,
                    Weights = pw + (long)g * kpg * filterLen, M = kpg, K = kRows, Lda = filterLen, KIndex = kIndex, Scale = plan.Scale,
                    APacked = aPacked,
                };
                _pool.Run(&Prepare, &prep, s.InputLength + (long)kpg * kRows < SmallWork ? 1 : Workers(s.N * s.C));
                var problem = new GemmProblem
                {
                    M = kpg, K = kRows, Cols = plan.Cols,
                    Src = src + (long)g * s.CPerGroup * plan.Hp * plan.Wp, RowOff = rowOff, ColOff = colOff, ChunkKind = kinds,
                    Dst = dst + g * kpg * plan.Ldc, COff = cOff, ChunkDirect = direct, Ldc = plan.Ldc, AllowInPlace = true,
                };
                _gemm.Compute(problem, aPacked, _threads);
            }
            if (compact != null)
            {
                GCHandle handle = GCHandle.Alloc(plan.Expand);
                try
                {
                    var expand = new ExpandContext { Expand = GCHandle.ToIntPtr(handle), Compact = compact, Output = py, Planes = s.N * s.K, Isa = _isa };
                    _pool.Run(&ExpandPlanes, &expand, s.OutputLength < SmallWork ? 1 : Workers(s.N * s.K));
                }
                finally
                {
                    handle.Free();
                }
            }
        }
    }

    private int Workers(int items) => Math.Max(1, Math.Min(_threads, items));

    // Elements below which a copy/fill phase stays on the calling thread (a wake-up costs microseconds).
    private const long SmallWork = 1 << 15;

    private unsafe struct PrepContext
    {
        public float* X, Padded, Weights, APacked;
        public int Planes, H, W, PadH, PadW, M, K, Lda;
        public int* KIndex;
        public float Scale;
        public int* Selected, ChunkBase;
        public CpuIsa Isa;
        public int KeptCols, KW;
        public long SelectedLength;
    }

    // Phase 1 of a convolution, split over the workers: the zero-padded input copy and the packed (reduced, scaled) filter.
    private static unsafe void Prepare(void* context, int worker, int workers)
    {
        var c = (PrepContext*)context;
        if (c->Padded != null && c->Selected != null) SelectColumns(c, worker, workers);
        else if (c->Padded != null)
        {
            (int p0, int p1) = Split(c->Planes, worker, workers);
            int hp = c->H + 2 * c->PadH, wp = c->W + 2 * c->PadW;
            for (int p = p0; p < p1; p++)
            {
                float* dst = c->Padded + (long)p * hp * wp, src = c->X + (long)p * c->H * c->W;
                new Span<float>(dst, c->PadH * wp).Clear();
                for (int i = 0; i < c->H; i++)
                {
                    float* row = dst + (long)(c->PadH + i) * wp;
                    new Span<float>(row, c->PadW).Clear();
                    Buffer.MemoryCopy(src + (long)i * c->W, row + c->PadW, c->W * sizeof(float), c->W * sizeof(float));
                    new Span<float>(row + c->PadW + c->W, c->PadW).Clear();
                }
                new Span<float>(dst + (long)(c->PadH + c->H) * wp, c->PadH * wp).Clear();
            }
        }
        int panels = GemmEngine.PaddedRows(c->M) / MicroKernels.MR;
        (int a0, int a1) = Split(panels, worker, workers);
        GemmEngine.PackA(c->Weights, c->M, c->K, c->Lda, c->KIndex, c->Scale, c->APacked, a0, a1);
    }

    // Builds the KW column-selected copies of the input, [kw][plane][padded row][kept column], for column perforation.
    private static unsafe void SelectColumns(PrepContext* c, int worker, int workers)
    {
        (int p0, int p1) = Split(c->Planes, worker, workers);
        int hp = c->H + 2 * c->PadH, wp = c->W + 2 * c->PadW, owk = c->KeptCols;
        float* row = stackalloc float[wp + 64];
        new Span<float>(row, wp + 64).Clear();
        float* tail = stackalloc float[16];
        int chunksPerRow = (owk + 15) / 16;
        bool permute = c->Isa == CpuIsa.Avx512;
        for (int p = p0; p < p1; p++)
            for (int r = 0; r < hp; r++)
            {
                int ih = r - c->PadH;
                float* dst = c->Padded + ((long)p * hp + r) * owk;
                if (ih < 0 || ih >= c->H)
                {
                    for (int j = 0; j < c->KW; j++) new Span<float>(dst + j * c->SelectedLength, owk).Clear();
                    continue;
                }
                Buffer.MemoryCopy(c->X + ((long)p * c->H + ih) * c->W, row + c->PadW, c->W * sizeof(float), c->W * sizeof(float));
                for (int j = 0; j < c->KW; j++)
                {
                    float* d = dst + j * c->SelectedLength;
                    int* src = c->Selected + j * owk;
                    for (int g = 0; g < chunksPerRow; g++)
                    {
                        int q0 = g * 16, n = Math.Min(16, owk - q0), b = c->ChunkBase[j * chunksPerRow + g];
                        if (!permute || b < 0)
                        {
                            for (int q = q0; q < q0 + n; q++) d[q] = row[src[q]];
                            continue;
                        }
                        Vector512<int> index = Vector512.Load(src + q0) - Vector512.Create(b);
                        Vector512<float> v = Avx512F.PermuteVar16x32x2(Vector512.Load(row + b), index, Vector512.Load(row + b + 16));
                        if (n == 16) v.Store(d + q0);
                        else
                        {
                            v.Store(tail);
                            for (int q = 0; q < n; q++) d[q0 + q] = tail[q];
                        }
                    }
                }
            }
    }

    private unsafe struct ExpandContext
    {
        public IntPtr Expand;
        public float* Compact, Output;
        public int Planes;
        public CpuIsa Isa;
    }

    private static unsafe void ExpandPlanes(void* context, int worker, int workers)
    {
        var c = (ExpandContext*)context;
        (int p0, int p1) = Split(c->Planes, worker, workers);
        ((PerforationExpand)GCHandle.FromIntPtr(c->Expand).Target!).Run(c->Compact, c->Output, p0, p1, c->Isa);
    }

    internal static (int Start, int End) Split(int count, int worker, int workers)
    {
        long start = (long)count * worker / workers, end = (long)count * (worker + 1) / workers;
        return ((int)start, (int)end);
    }
}
