using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y) =>
        Convolve(s, a, x, w, null, y, null, null, relu: false);

    // Every convolution: filterSlot keeps the packed filter (see FilterFor); a non-null bias or residual, or relu, is an
    // epilogue the GEMM applies to each finished block (exact, ungrouped calls only: see the epilogue overload).
    private unsafe void Convolve(in ConvShape s, in ConvApproxParams approx, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot,
        Span<float> y, float* bias, float* residual, bool relu)
    {
        // A perforation that skips no line of this output (2 rows at rate 3, offset 2) is the exact convolution: no
        // compact buffer and no fill pass.
        ConvApproxParams a = SkipsNoLine(s, approx) ? ConvApproxParams.Exact : approx;
        if (s.Groups > 1 && s.CPerGroup == 1 && s.KPerGroup == 1 && a.Mode == ConvApproxMode.Exact)
        {
            Depthwise(s, x, w, y);
            return;
        }
        ConvPlan plan = _plans.Get(s, a);
        int kpg = s.KPerGroup, kRows = plan.RowOff.Length, filterLen = s.CPerGroup * s.KH * s.KW;
        float* padded = plan.UsesScratchSource ? _padded.Get<float>(plan.ScratchSourceLength) : null;
        float* compact = plan.Compact ? _compact.Get<float>((long)s.N * s.K * plan.PositionsPerImage + PerforationExpand.Slack) : null;
        PackedFilter? filter = FilterFor(filterSlot, s, a, kRows, out bool packNow);
        float* aPacked = filter != null ? filter.Data : _gemm.APackBuffer(kpg, kRows);
        long groupStride = filter?.GroupStride ?? 0; // without a slot each group is packed into the same scratch
        fixed (float* px = x, pw = w, py = y)
        fixed (int* rowOff = plan.RowOff, colOff = plan.ColOff, cOff = plan.COff, kIndex = plan.KIndex)
        fixed (byte* kinds = plan.ChunkKind, direct = plan.ChunkDirect)
        fixed (int* permOffsets = plan.Permute?.Offsets, permIndex = plan.Permute?.Index)
        fixed (ushort* permMasks = plan.Permute?.Masks)
        fixed (int* windows = plan.Permute?.Windows, windowIndex = plan.Permute?.WindowIndex, windowMask = plan.Permute?.WindowMask)
        fixed (byte* windowsOk = plan.Permute?.WindowsOk)
        {
            float* src = padded != null ? padded : px;
            float* dst = compact != null ? compact : py;
            for (int g = 0; g < s.Groups; g++)
            {
                var prep = new PrepContext
                {
                    X = px, Padded = g == 0 ? padded : null, Planes = s.N * s.C, H = s.H, W = s.W, PadH = plan.PadH, PadW = plan.PadW,
                    Weights = pw + (long)g * kpg * filterLen, M = kpg, K = kRows, Lda = filterLen, KIndex = kIndex, Scale = plan.Scale,
                    APacked = packNow ? aPacked + g * groupStride : null,
                    SplitRows = s.N == 1,
                };
                // With the filter pre-packed only the padding is left (nothing at all for an unpadded 1×1 or a later group);
                // at batch 1 the GEMM makes it (each column block copying its own rows when it can).
                bool gemmPads = prep.Padded != null && prep.APacked == null && s.N == 1 && s.Groups == 1 && compact == null;
                var pad = gemmPads
                    ? new PaddedSource { X = px, Padded = padded, Planes = s.C, H = s.H, W = s.W, PadH = plan.PadH, PadW = plan.PadW, OutW = s.OutW, StrideH = s.StrideH, KH = s.KH }
                    : default;
                int prepareWorkers = PrepareWorkers(s, plan, packNow ? (long)kpg * kRows : 0);
                if (!gemmPads && (prep.Padded != null || prep.APacked != null)) _pool.Run(&Prepare, &prep, prepareWorkers);
                var problem = new GemmProblem
                {
                    M = kpg, K = kRows, Cols = plan.Cols,
                    Src = src + (long)g * s.CPerGroup * plan.Hp * plan.Wp, RowOff = rowOff, ColOff = colOff, ChunkKind = kinds,
                    Dst = dst + g * kpg * plan.Ldc, COff = cOff, ChunkDirect = direct, Ldc = plan.Ldc, AllowInPlace = true,
                    PermOffsets = permOffsets, PermIndex = permIndex, PermMasks = permMasks,
                    Windows = windows, WindowIndex = windowIndex, WindowMask = windowMask, WindowsOk = windowsOk,
                    Bias = bias, Residual = residual, Relu = relu,
                };
                _gemm.Compute(problem, aPacked + g * groupStride, _threads, gemmPads ? &pad : null, prepareWorkers);
            }
            if (packNow && filter != null) filterSlot!.Publish(filter);
            GC.KeepAlive(filter); // its pinned array holds aPacked
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

    // The padded copy (and filter packing) is split over the workers when it is big (2^15 floats), or from 4096 floats
    // when the GEMM after it runs on several workers too: then each copies what its own GEMM share reads. A copy
    // before a GEMM that stays on one thread stays on that thread (a split copy would leave half the input in another
    // core's cache).
    private int PrepareWorkers(in ConvShape s, ConvPlan plan, long packFloats)
    {
        long floats = s.InputLength + packFloats;
        bool parallelGemm = (long)s.KPerGroup * plan.Cols * plan.RowOff.Length >= GemmEngine.ParallelThreshold;
        bool split = floats >= SmallWork || (floats >= 4096 && parallelGemm);
        return split ? Workers(s.N == 1 ? s.H + 2 * s.PadH : s.N * s.C) : 1; // the items Prepare splits (see PaddedCopy.Share)
    }

    private int Workers(int items) => Math.Max(1, Math.Min(_threads, items));

    // Elements below which a copy/fill phase stays on the calling thread (a wake-up costs microseconds).
    private const long SmallWork = 1 << 15;

    private unsafe struct PrepContext
    {
        public float* X, Padded, Weights, APacked;
        public int Planes, H, W, PadH, PadW, M, K, Lda;
        /// <summary>Each worker copies a band of rows of every plane (batch 1: the GEMM's column blocks are row bands).</summary>
        public bool SplitRows;
        public int* KIndex;
        public float Scale;
    }

    // Phase 1 of a convolution, split over the workers: the zero-padded input copy and the packed (reduced, scaled) filter
    // (APacked null: already packed).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // reached through a function pointer (see CpuBackend.Elementwise.cs)
    private static unsafe void Prepare(void* context, int worker, int workers)
    {
        var c = (PrepContext*)context;
        if (c->Padded != null) PaddedCopy.Share(c->X, c->Padded, c->Planes, c->H, c->W, c->PadH, c->PadW, c->SplitRows, worker, workers);
        if (c->APacked == null) return; // the filter is already packed (see FilterFor)
        int panels = GemmEngine.PaddedRows(c->M) / MicroKernels.MR;
        (int a0, int a1) = Split(panels, worker, workers);
        GemmEngine.PackA(c->Weights, c->M, c->K, c->Lda, c->KIndex, c->Scale, c->APacked, a0, a1);
    }

    private unsafe struct ExpandContext
    {
        public IntPtr Expand;
        public float* Compact, Output;
        public int Planes;
        public CpuIsa Isa;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // reached through a function pointer (see CpuBackend.Elementwise.cs)
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

    private static bool SkipsNoLine(in ConvShape s, in ConvApproxParams a) => a.Mode switch
    {
        ConvApproxMode.RowPerforation => Perforation.ComputedCount(s.OutH, a.Row, a.Offset) == s.OutH,
        ConvApproxMode.ColumnPerforation => Perforation.ComputedCount(s.OutW, a.Col, a.Offset) == s.OutW,
        _ => false,
    };
}
