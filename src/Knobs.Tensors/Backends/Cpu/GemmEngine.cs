using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Goto-style blocked SGEMM over a <see cref="GemmProblem"/>: A packed once per call into 8-row panels per K block,
/// B packed per (column block, K block) into 48-column panels straight from its source (implicit im2col), the
/// 8×48 micro-kernel over the tiles. Work units are (column block × row block): each worker of the pool runs its own
/// contiguous range and then takes what is left of the others' (so a busy core does not hold the others back). A fused
/// epilogue (bias, residual, ReLU) is applied in the kernels' registers on AVX-512, else to each finished block.
/// </summary>
internal sealed unsafe class GemmEngine : IDisposable
{
    /// <summary>K block: a 48-column B panel of KC rows stays in L1/L2.</summary>
    public const int KC = 256;
    /// <summary>Column block: 8 panels (384 columns) of packed B per worker.</summary>
    public const int NC = MicroKernels.NR * 8;
    /// <summary>Multiply-adds below which a GEMM runs on the calling thread only.</summary>
    public const long ParallelThreshold = 1L << 18;

    private readonly WorkerPool _pool;
    private readonly ScratchBuffer[] _bBuffers = new ScratchBuffer[64];
    private readonly ScratchBuffer[] _tiles = new ScratchBuffer[64];
    private readonly ScratchBuffer _aPacked = new();
    private readonly ScratchBuffer _bShared = new();

    public GemmEngine(WorkerPool pool)
    {
        _pool = pool;
        for (int i = 0; i < _bBuffers.Length; i++) { _bBuffers[i] = new ScratchBuffer(); _tiles[i] = new ScratchBuffer(); }
    }

    public CpuIsa Isa { get; set; } = CpuIsaDetection.Best;

    public static int PaddedRows(int m) => (m + MicroKernels.MR - 1) / MicroKernels.MR * MicroKernels.MR;

    /// <summary>The packed-A buffer for <paramref name="m"/> × <paramref name="k"/>.</summary>
    public float* APackBuffer(int m, int k) => _aPacked.Get<float>((long)PaddedRows(m) * k + 64);

    /// <summary>
    /// Packs rows [row0, row1) (multiples of 8 except at M) of A: <c>A[m, k] = a[m·lda + (kIndex?[k] ?? k)] · scale</c>.
    /// Layout: K block at <c>pc·MPad</c>, 8-row panel p at <c>p·8·kc</c>, element [k][i].
    /// </summary>
    public static void PackA(float* a, int m, int k, int lda, int* kIndex, float scale, float* dst, int panel0, int panel1)
    {
        int mPad = PaddedRows(m);
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            for (int p = panel0; p < panel1; p++)
                APacking.PackPanel(a, m, lda, kIndex, scale, p * MicroKernels.MR, pc, kc, dst + (long)pc * mPad + (long)p * MicroKernels.MR * kc);
        }
    }

    /// <summary>Runs the blocked GEMM with A already packed (see <see cref="PackA"/>) on <paramref name="threads"/> workers.</summary>
    /// <remarks>
    /// <paramref name="pad"/> (batch 1; may be null): the zero-padded copy the problem's source is, not made yet. When
    /// each worker runs whole column blocks (rows not split), every block copies the padded rows its own output rows
    /// read (neighbouring blocks both copy the rows they share, the same values) — no dispatch of its own, and each
    /// worker finds its rows in its own cache. Otherwise the copy runs first, its rows split over
    /// <paramref name="padWorkers"/> workers.
    /// </remarks>
    public void Compute(in GemmProblem problem, float* aPacked, int threads, PaddedSource* pad = null, int padWorkers = 1)
    {
        GemmOptions options = GemmOptions.Current;
        int nc = BlockWidth(problem.Cols, problem.M, threads, options);
        int colBlocks = (problem.Cols + nc - 1) / nc;
        int mPanels = PaddedRows(problem.M) / MicroKernels.MR;
        // Few column blocks (batch 1, small planes) that the workers cannot share evenly: also split the rows.
        int mBlocks = colBlocks >= 2 * threads || colBlocks % threads == 0 ? 1 : Math.Min(mPanels, Math.Max(1, (2 * threads + colBlocks - 1) / colBlocks));
        // Few rows (at most SmallRows) split over the workers: each packs its own B in its kernels (the packing is
        // duplicated, but a shared packing pass costs a dispatch and leaves each worker little work to hide it).
        bool ownPacking = options.OwnPacking && problem.M <= SmallRows && colBlocks < threads && mPanels >= threads;
        if (ownPacking) mBlocks = threads;
        int panelsPerBlock = (mPanels + mBlocks - 1) / mBlocks;
        mBlocks = (mPanels + panelsPerBlock - 1) / panelsPerBlock;
        int units = colBlocks * mBlocks;
        int workers = Math.Max(1, Math.Min(threads, units));
        // Below a quarter million multiply-adds (about a microsecond on one core) a second worker saves less than it
        // costs to wake and hand the work to; above it, even a small network's first convolution gains from two threads.
        if ((long)problem.M * problem.Cols * problem.K < ParallelThreshold) workers = 1;

        int kcMax = Math.Min(KC, problem.K);
        long* ranges = stackalloc long[workers];
        for (int w = 0; w < workers; w++)
        {
            (int u0, int u1) = CpuBackend.Split(units, w, workers);
            ranges[w] = UnitRange(u0, u1);
        }
        float** bBufs = stackalloc float*[workers];
        float** tiles = stackalloc float*[workers];
        for (int w = 0; w < workers; w++)
        {
            bBufs[w] = _bBuffers[w].Get<float>((long)nc * kcMax + 64);
            tiles[w] = _tiles[w].Get<float>(3 * MicroKernels.MR * MicroKernels.NR);
        }
        var ctx = new ComputeContext
        {
            Problem = problem,
            APacked = aPacked,
            MPad = PaddedRows(problem.M),
            Nc = nc,
            PanelsPerBlock = panelsPerBlock,
            MBlocks = mBlocks,
            Units = units,
            Ranges = ranges,
            NextUnit = -1,
            Isa = Isa,
            BBuf = bBufs,
            Tile = tiles,
            OwnRanges = options.OwnRanges,
            FusedPack = options.FusedPack,
            NarrowRows8 = options.NarrowRows8,
            RegisterEpilogue = options.RegisterEpilogue,
            Prefetch = options.Prefetch,
            InPlace = options.InPlace,
        };
        // Rows split into several blocks (batch 1, small planes): every row block would pack the same B panels again
        // (on 8×8 planes that duplicated packing made 2 threads slower than 1), so the gathered panels are packed once, over all workers,
        // into a shared buffer that the row blocks then read.
        bool sharedPacking = options.SharedPacking && !ownPacking && mBlocks > 1 && NeedsPacking(problem, Isa, options.InPlace);
        if (pad != null)
        {
            if (options.UnitPadding && mBlocks == 1 && workers > 1 && !sharedPacking) ctx.Pad = pad;
            else _pool.Run(&PadWorker, pad, padWorkers);
        }
        if (sharedPacking)
        {
            ctx.BShared = _bShared.Get<float>((long)colBlocks * nc * problem.K + 64);
            ctx.PackItems = ((problem.K + KC - 1) / KC) * ((problem.Cols + MicroKernels.NR - 1) / MicroKernels.NR);
            _pool.Run(&PackSharedWorker, &ctx, workers);
        }
        _pool.Run(&ComputeWorker, &ctx, workers);
    }

    /// <summary>
    /// Rows (M) up to which a GEMM with few column blocks splits its columns evenly over the workers (see
    /// <see cref="BlockWidth(int, int, int)"/>) or its rows with each worker packing its own B: with more rows there is enough work
    /// per B panel for the row split with one shared packing (alexnet's 192–384-filter layers at batch 1), unless the
    /// columns make at least one <see cref="NC"/> block per worker.
    /// </summary>
    public const int SmallRows = 64;

    /// <summary>Widest column block, in panels (16 × 48 columns × 256 rows of packed B: 768 KiB, within a 1 MiB L2).</summary>
    public const int MaxBlockPanels = 16;

    /// <summary>
    /// The column block width for <paramref name="cols"/> columns and <paramref name="rows"/> rows on <paramref name="threads"/>
    /// workers: <see cref="NC"/>, or, when that leaves fewer than two blocks per worker, the columns split into one or two
    /// equal blocks per worker (each at most <see cref="MaxBlockPanels"/> panels), so every worker runs whole column
    /// blocks — packing its own B panels in its kernels — instead of the rows being split and B packed in a pass of its
    /// own. With more than <see cref="SmallRows"/> rows only when there is at least one <see cref="NC"/> block per
    /// worker (alexnet's 8×8 layers at batch 16: 1024 columns, three blocks of 384 made six uneven units on 2 workers;
    /// now two of 528). Kept only when the blocks come out even (the last at least three quarters full); else
    /// <see cref="NC"/>.
    /// </summary>
    public static int BlockWidth(int cols, int rows, int threads) => BlockWidth(cols, rows, threads, GemmOptions.Current);

    /// <summary><see cref="BlockWidth(int, int, int)"/> under <paramref name="options"/>.</summary>
    public static int BlockWidth(int cols, int rows, int threads, GemmOptions options)
    {
        int colBlocks = (cols + NC - 1) / NC;
        if (threads <= 1 || colBlocks >= 2 * threads || !options.EvenBlocks) return NC;
        if (rows > SmallRows && !(options.WideEvenBlocks && colBlocks >= threads)) return NC;
        int panels = (cols + MicroKernels.NR - 1) / MicroKernels.NR;
        int blocks = threads * ((panels + threads * MaxBlockPanels - 1) / (threads * MaxBlockPanels));
        int per = (panels + blocks - 1) / blocks;
        if (per * (blocks - 1) >= panels) return NC;
        int nc = per * MicroKernels.NR, last = cols - (blocks - 1) * nc;
        return 4 * last >= 3 * nc ? nc : NC;
    }





    // Whether any B panel of the problem is gathered (not read in place by the kernel).
    private static bool NeedsPacking(in GemmProblem problem, CpuIsa isa, bool inPlaceEnabled)
    {
        GemmProblem p = problem;
        int chunks = ColumnChunks.Count(p.Cols);
        for (int jc = 0; jc < p.Cols; jc += MicroKernels.NR)
            if (!InPlace(ref p, jc, chunks, isa, inPlaceEnabled)) return true;
        return false;
    }

    // The shared B layout: column block jb at jb·NC·K; in it, K block pc at pc·NC; in that, panel bp at bp·NR·kc.
    private static float* SharedPanel(ComputeContext* ctx, int jb, int pc, int bp, int kc) =>
        ctx->BShared + (long)jb * ctx->Nc * ctx->Problem.K + (long)pc * ctx->Nc + (long)bp * MicroKernels.NR * kc;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // reached through a function pointer (see CpuBackend.Elementwise.cs)
    private static void PackSharedWorker(void* context, int worker, int workers)
    {
        var ctx = (ComputeContext*)context;
        ref GemmProblem p = ref ctx->Problem;
        int panelsPerBlock = ctx->Nc / MicroKernels.NR, panels = (p.Cols + MicroKernels.NR - 1) / MicroKernels.NR, chunks = ColumnChunks.Count(p.Cols);
        // Items are (K block, panel) pairs of the panels that exist, so the workers share them evenly.
        (int i0, int i1) = CpuBackend.Split(ctx->PackItems, worker, workers);
        for (int item = i0; item < i1; item++)
        {
            int pc = item / panels * KC, panel = item % panels;
            int jb = panel / panelsPerBlock, bp = panel % panelsPerBlock;
            int jc = panel * MicroKernels.NR, kc = Math.Min(KC, p.K - pc);
            if (InPlace(ref p, jc, chunks, ctx->Isa, ctx->InPlace)) continue;
            BPacking.PackPanel(ref p, jc, pc, kc, SharedPanel(ctx, jb, pc, bp, kc), ctx->Isa);
        }
    }

    private struct ComputeContext
    {
        public GemmProblem Problem;
        public float* APacked;
        public int MPad, Nc, PanelsPerBlock, MBlocks, Units, NextUnit;
        /// <summary>Per worker, the units [front, end) not taken yet (see <see cref="UnitRange"/>).</summary>
        public long* Ranges;
        public CpuIsa Isa;
        public float** BBuf;
        public float** Tile;
        /// <summary>Not null: every gathered B panel is already packed here (see <see cref="SharedPanel"/>).</summary>
        public float* BShared;
        public int PackItems;
        /// <summary>Not null: each unit first copies the padded rows it reads (see <see cref="Compute"/>).</summary>
        public PaddedSource* Pad;
        /// <summary>The <see cref="GemmOptions"/> read per tile, copied once per GEMM.</summary>
        public bool OwnRanges, FusedPack, NarrowRows8, RegisterEpilogue, Prefetch, InPlace;
    }

    // The whole padded copy, its rows split over the workers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // reached through a function pointer (see CpuBackend.Elementwise.cs)
    private static void PadWorker(void* context, int worker, int workers)
    {
        var pad = (PaddedSource*)context;
        PaddedCopy.Share(pad->X, pad->Padded, pad->Planes, pad->H, pad->W, pad->PadH, pad->PadW, rowBands: true, worker, workers);
    }

    // The padded rows that output columns [j0, j1) of a batch-1 convolution read, plus one (strided packing reads a
    // little past a chunk), copied by the unit before it computes.
    private static void PadRowsOf(PaddedSource* pad, int j0, int j1)
    {
        int hp = pad->H + 2 * pad->PadH;
        int r0 = j0 / pad->OutW * pad->StrideH, r1 = Math.Min(hp, (j1 - 1) / pad->OutW * pad->StrideH + pad->KH + 1);
        PaddedCopy.Rows(pad->X, pad->Padded, 0, pad->Planes, r0, r1, pad->H, pad->W, pad->PadH, pad->PadW);
    }

    // Units [front, end) as one word, so an owner taking its front and a thief taking the end race in one compare-exchange.
    private static long UnitRange(int front, int end) => (long)end << 32 | (uint)front;

    // Each worker runs its own contiguous range of units from the front; one that runs out takes the others' units
    // from their ends. Units are column blocks in order, so every worker computes the same images (batch > 1) or rows
    // (batch 1) in every convolution — the ones the split copy and the previous ops left in its own cache. Handing out
    // units from one shared counter interleaved them over the workers instead, so a worker often computed images whose
    // data sat in the other core's cache.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeWorker(void* context, int worker, int workers)
    {
        var ctx = (ComputeContext*)context;
        int unit;
        if (!ctx->OwnRanges)
        {
            while ((unit = Interlocked.Increment(ref ctx->NextUnit)) < ctx->Units)
                ComputeUnit(ctx, unit, ctx->BBuf[worker], ctx->Tile[worker]);
            return;
        }
        while ((unit = Take(ctx->Ranges + worker, fromEnd: false)) >= 0)
            ComputeUnit(ctx, unit, ctx->BBuf[worker], ctx->Tile[worker]);
        for (int v = 1; v < workers; v++)
        {
            long* victim = ctx->Ranges + (worker + v) % workers;
            while ((unit = Take(victim, fromEnd: true)) >= 0)
                ComputeUnit(ctx, unit, ctx->BBuf[worker], ctx->Tile[worker]);
        }
    }


    // Takes the unit at the front (the range's owner) or at the end (a thief) of a range; -1 when it is empty.
    private static int Take(long* range, bool fromEnd)
    {
        while (true)
        {
            long r = Volatile.Read(ref *range);
            int front = (int)r, end = (int)(r >> 32);
            if (front >= end) return -1;
            long rest = fromEnd ? UnitRange(front, end - 1) : UnitRange(front + 1, end);
            if (Interlocked.CompareExchange(ref *range, rest, r) == r) return fromEnd ? end - 1 : front;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeUnit(ComputeContext* ctx, int unit, float* bBuf, float* tile)
    {
        ref GemmProblem p = ref ctx->Problem;
        int jb = unit / ctx->MBlocks, mb = unit % ctx->MBlocks;
        int j0 = jb * ctx->Nc, ncur = Math.Min(ctx->Nc, p.Cols - j0);
        if (ctx->Pad != null) PadRowsOf(ctx->Pad, j0, j0 + ncur);
        int bPanels = (ncur + MicroKernels.NR - 1) / MicroKernels.NR;
        int mPanels = ctx->MPad / MicroKernels.MR;
        int panel0 = mb * ctx->PanelsPerBlock, panel1 = Math.Min(mPanels, panel0 + ctx->PanelsPerBlock);
        // The epilogue: on AVX-512 in the kernels' registers for full direct tiles of the last K block, right after the
        // tile for the others; else over the whole block at the end. In registers it saves a pass over C: the bias,
        // residual and ReLU are applied to sums that are still in registers instead of being read back from memory.
        bool tileEpilogues = p.HasEpilogue && ctx->Isa == CpuIsa.Avx512 && ctx->RegisterEpilogue;
        TileEpilogue epilogue = new()
        {
            ResidualDelta = p.Residual != null ? (nint)(p.Residual - p.Dst) : 0,
            HasResidual = p.Residual != null,
            Relu = p.Relu,
        };
        for (int pc = 0; pc < p.K; pc += KC)
        {
            int kc = Math.Min(KC, p.K - pc);
            int chunks = ColumnChunks.Count(p.Cols);
            bool accumulate = pc > 0;
            bool lastK = pc + kc >= p.K;
            TileEpilogue* e = tileEpilogues && lastK ? &epilogue : null;
            float* aBlock = ctx->APacked + (long)pc * ctx->MPad;
            for (int bp = 0; bp < bPanels; bp++)
            {
                int jc = j0 + bp * MicroKernels.NR;
                int chunk = jc / ColumnChunks.Width;
                bool inPlace = InPlace(ref p, jc, chunks, ctx->Isa, ctx->InPlace);
                bool direct = chunk + 2 < chunks && p.ChunkDirect[chunk] != 0 && p.ChunkDirect[chunk + 1] != 0 && p.ChunkDirect[chunk + 2] != 0;
                bool shared = ctx->BShared != null;
                float* b = shared ? SharedPanel(ctx, jb, pc, bp, kc) : bBuf + (long)bp * MicroKernels.NR * kc;
                // A gathered panel is packed by the first A panel's kernel when it can (see FusedPackKernels), else
                // right before its A panels use it, so the panel is still in L1/L2 when the kernel reads it.
                bool fusedPack = !shared && !inPlace && direct && ctx->Isa == CpuIsa.Avx512 && ctx->FusedPack && p.M - panel0 * MicroKernels.MR >= MicroKernels.MR
                    && BPacking.PermuteTriple(ref p, jc);
                if (!inPlace && !fusedPack && !shared) BPacking.PackPanel(ref p, jc, pc, kc, b, ctx->Isa);
                // The next panel of the unit packed by its kernel too: this panel's other A panels prefetch its source,
                // one 16-float line each (seven lines cover its three 32-float windows at rates 2 and 3).
                float* prefetch = fusedPack && ctx->Prefetch && bp + 1 < bPanels && BPacking.PermuteTriple(ref p, jc + MicroKernels.NR)
                    ? p.Src + p.PermOffsets[2 * (chunk + 3)] : null;
                nint o1 = direct ? p.COff[jc + 16] - p.COff[jc] : 0, o2 = direct ? p.COff[jc + 32] - p.COff[jc] : 0;
                int validChunks = Math.Min(3, (p.Cols - jc + ColumnChunks.Width - 1) / ColumnChunks.Width);
                if (validChunks < 3 && ctx->Isa == CpuIsa.Avx512 && !inPlace)
                {
                    Narrow(ref p, validChunks, aBlock, kc, b, jc, chunk, panel0, panel1, tile, accumulate, ctx->NarrowRows8);
                    if (e != null) Epilogue(ref p, panel0 * MicroKernels.MR, Math.Min(p.M, panel1 * MicroKernels.MR), jc, p.Cols);
                    continue;
                }
                for (int mp = panel0; mp < panel1; mp++)
                {
                    float* a = aBlock + (long)mp * MicroKernels.MR * kc;
                    int rows = Math.Min(MicroKernels.MR, p.M - mp * MicroKernels.MR);
                    if (direct && rows == MicroKernels.MR)
                    {
                        float* c = p.Dst + p.COff[jc] + mp * MicroKernels.MR * p.Ldc;
                        if (e != null) e->Bias = p.Bias != null ? p.Bias + mp * MicroKernels.MR : null;
                        if (inPlace)
                            MicroKernels.Avx512Direct(kc, a, p.Src + p.ColOff[jc], p.Src + p.ColOff[jc + 16], p.Src + p.ColOff[jc + 32], p.RowOff + pc, c, (nint)p.Ldc, o1, o2, accumulate, e);
                        else if (fusedPack && mp == panel0)
                        {
                            int g0 = jc / ColumnChunks.Width;
                            FusedPackKernels.Avx512PermutePack(kc, a, p.Src + p.PermOffsets[2 * g0], p.Src + p.PermOffsets[2 * g0 + 2], p.Src + p.PermOffsets[2 * g0 + 4],
                                p.PermIndex + 16 * g0, p.RowOff + pc, b, c, (nint)p.Ldc, o1, o2, accumulate, e);
                        }
                        else if (prefetch != null && mp - panel0 <= 7)
                            FusedPackKernels.Avx512Prefetching(kc, a, b, prefetch + 16 * (mp - panel0 - 1), p.RowOff + pc, c, (nint)p.Ldc, o1, o2, accumulate, e);
                        else
                            MicroKernels.Run(ctx->Isa, kc, a, b, c, (nint)p.Ldc, o1, o2, accumulate, e);
                    }
                    else
                    {
                        if (inPlace)
                        {
                            b = bBuf + (long)bp * MicroKernels.NR * kc; // this worker's own copy, never the shared buffer
                            BPacking.PackPanel(ref p, jc, pc, kc, b, ctx->Isa);
                        }
                        MicroKernels.Run(ctx->Isa, kc, a, b, tile, MicroKernels.NR, 16, 32, false);
                        Scatter(ref p, tile, jc, mp * MicroKernels.MR, rows, accumulate);
                        if (e != null) Epilogue(ref p, mp * MicroKernels.MR, mp * MicroKernels.MR + rows, jc, Math.Min(p.Cols, jc + MicroKernels.NR));
                    }
                }
            }
        }
        if (p.HasEpilogue && !tileEpilogues) Epilogue(ref p, panel0 * MicroKernels.MR, Math.Min(p.M, panel1 * MicroKernels.MR), j0, j0 + ncur);
    }

    // The fused bias / residual / ReLU over rows [row0, row1) × columns [j0, j1) of C, right after the block's (or, for
    // the tiles the AVX-512 kernels cannot finish in registers, the tile's) last K block, still in cache: the same
    // operations, in the same order, as the separate AddBias, Add and Relu ops.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Epilogue(ref GemmProblem p, int row0, int row1, int j0, int j1)
    {
        float* bias = p.Bias, residual = p.Residual;
        bool relu = p.Relu;
        // The block's columns in runs of consecutive output positions (one per image the block spans, unperforated).
        int* runs = stackalloc int[2 * (j1 - j0)];
        int count = 0;
        for (int j = j0; j < j1; j++)
        {
            if (count > 0 && p.COff[j] == p.COff[j - 1] + 1) runs[2 * count - 1]++;
            else { runs[2 * count] = p.COff[j]; runs[2 * count + 1] = 1; count++; }
        }
        // Row by row (C's rows are Ldc apart: walking a column of chunks would stride pages).
        for (int m = row0; m < row1; m++)
        {
            long row = m * p.Ldc;
            float b = bias != null ? bias[m] : 0f;
            for (int r = 0; r < count; r++)
            {
                float* c = p.Dst + runs[2 * r] + row;
                Apply(c, residual != null ? residual + (c - p.Dst) : null, runs[2 * r + 1], bias != null, b, relu);
            }
        }
    }

    // c[0..n) = relu?(c + b? + r?), in that order (the separate ops' order, so the same bits).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply(float* c, float* r, int n, bool addBias, float b, bool relu)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> vb = Vector512.Create(b), zero = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                Vector512<float> v = Vector512.Load(c + i);
                if (addBias) v += vb;
                if (r != null) v += Vector512.Load(r + i);
                if (relu) v = Vector512.ConditionalSelect(Vector512.LessThan(v, zero), zero, v);
                v.Store(c + i);
            }
        }
        for (; i < n; i++)
        {
            float v = c[i];
            if (addBias) v += b;
            if (r != null) v += r[i];
            if (relu && v < 0f) v = 0f;
            c[i] = v;
        }
    }

    // The last panel of a narrow problem: 16 valid columns → 24×16 over three A panels at a time, 32 → 8×32.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(ref GemmProblem p, int validChunks, float* aBlock, int kc, float* b, int jc, int chunk,
        int panel0, int panel1, float* tile, bool accumulate, bool narrowRows8)
    {
        bool direct = p.ChunkDirect[chunk] != 0 && (validChunks == 1 || p.ChunkDirect[chunk + 1] != 0);
        nint panelStride = MicroKernels.MR * kc;
        int step = validChunks == 1 ? 3 : 1;
        for (int mp = panel0; mp < panel1; mp += step)
        {
            int panels = Math.Min(step, panel1 - mp);
            int rows = Math.Min(panels * MicroKernels.MR, p.M - mp * MicroKernels.MR);
            float* a = aBlock + mp * panelStride;
            if (validChunks == 1 && panels == 3)
            {
                if (direct && rows == 24)
                    NarrowKernels.Rows24x16(kc, a, panelStride, b, p.Dst + p.COff[jc] + mp * MicroKernels.MR * p.Ldc, (nint)p.Ldc, accumulate);
                else
                {
                    NarrowKernels.Rows24x16(kc, a, panelStride, b, tile, MicroKernels.NR, false);
                    Scatter(ref p, tile, jc, mp * MicroKernels.MR, rows, accumulate);
                }
                continue;
            }
            for (int q = 0; q < panels; q++)
            {
                int r = Math.Min(MicroKernels.MR, p.M - (mp + q) * MicroKernels.MR);
                float* aq = a + q * panelStride;
                if (direct && r == MicroKernels.MR && validChunks == 2)
                {
                    float* c = p.Dst + p.COff[jc] + (mp + q) * MicroKernels.MR * p.Ldc;
                    NarrowKernels.Rows8x32(kc, aq, b, c, (nint)p.Ldc, p.COff[jc + 16] - p.COff[jc], accumulate);
                }
                else if (direct && r == MicroKernels.MR && narrowRows8)
                    NarrowKernels.Rows8x16(kc, aq, b, p.Dst + p.COff[jc] + (mp + q) * MicroKernels.MR * p.Ldc, (nint)p.Ldc, accumulate);
                else
                {
                    NarrowKernels.Rows8x32(kc, aq, b, tile, MicroKernels.NR, 16, false);
                    Scatter(ref p, tile, jc, (mp + q) * MicroKernels.MR, r, accumulate);
                }
            }
        }
    }

    // A panel whose three chunks are 16 contiguous floats each is read in place by the AVX-512 kernel: packing it
    // would cost about a third of the kernel's time when M is small (64 rows reuse each packed value only 4 times).
    private static bool InPlace(ref GemmProblem p, int jc, int chunks, CpuIsa isa, bool enabled)
    {
        int g = jc / ColumnChunks.Width;
        return enabled && p.AllowInPlace && isa == CpuIsa.Avx512 && g + 2 < chunks && p.ChunkKind[g] == 16 && p.ChunkKind[g + 1] == 16 && p.ChunkKind[g + 2] == 16;
    }








    private static void Scatter(ref GemmProblem p, float* tile, int jc, int row0, int rows, bool accumulate)
    {
        int cols = Math.Min(MicroKernels.NR, p.Cols - jc);
        for (int i = 0; i < rows; i++)
        {
            float* dstRow = p.Dst + (row0 + i) * p.Ldc;
            float* src = tile + i * MicroKernels.NR;
            for (int j = 0; j < cols; j++)
            {
                float* d = dstRow + p.COff[jc + j];
                *d = accumulate ? *d + src[j] : src[j];
            }
        }
    }

    public void Dispose()
    {
        foreach (ScratchBuffer b in _bBuffers) b.Dispose();
        foreach (ScratchBuffer b in _tiles) b.Dispose();
        _aPacked.Dispose();
        _bShared.Dispose();
    }
}

/// <summary>A batch-1 zero-padded copy a GEMM's source is made from: input planes H × W, the padding, and the output geometry.</summary>
internal unsafe struct PaddedSource
{
    public float* X, Padded;
    public int Planes, H, W, PadH, PadW, OutW, StrideH, KH;
}
