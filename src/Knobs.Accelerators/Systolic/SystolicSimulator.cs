using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Knobs.Accelerators.Systolic;

/// <summary>How SCALE-Sim's Python added up per-fold floats (only the last digits of two report columns depend on it).</summary>
public enum PythonSum
{
    /// <summary>Left to right, as CPython 3.11 and earlier.</summary>
    Sequential,

    /// <summary>Left to right with Neumaier compensation, as CPython 3.12 and later.</summary>
    Compensated,
}

/// <summary>
/// SCALE-Sim v2's compute and memory model of one layer on a systolic array, reproducing its reports exactly, without
/// stepping cycle by cycle where it can help it: the OFMAP buffer advances whole rows at a time, the read buffers of
/// CALC mode count first-seen words with epoch stamps (IFMAP) or whole blocks of distinct words at a time (filters).
/// </summary>
public static class SystolicSimulator
{
    /// <summary>
    /// Simulates <paramref name="layer"/> on <paramref name="array"/>, averaging the per-fold mapping efficiency and
    /// compute utilisation as SCALE-Sim does under Python 3.11 and earlier (the Python that wrote the anchor reports).
    /// </summary>
    public static LayerResult Simulate(SystolicArray array, ConvLayer layer) => Simulate(array, layer, PythonSum.Sequential);

    /// <summary>
    /// Simulates <paramref name="layer"/> on <paramref name="array"/>; <paramref name="sum"/> picks how the per-fold
    /// mapping efficiencies and compute utilisations are added up (Python 3.12 changed <c>sum()</c> of floats, which moves
    /// the last digits of those two columns; SCALE-Sim's own golden report was regenerated for it). Nothing else depends on it.
    /// </summary>
    public static LayerResult Simulate(SystolicArray array, ConvLayer layer, PythonSum sum)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if (layer is null) throw new ArgumentNullException(nameof(layer));
        var g = new FoldGeometry(array, layer);

        // Compute metrics, per fold in SCALE-Sim's order.
        int folds = g.RowFolds * g.ColFolds;
        var mapping = new double[folds];
        var compute = new double[folds];
        long ifmapSram = 0, filterSram = 0, ofmapSram = 0;
        int pes = array.Pes;
        int f = 0;
        for (int fc = 0; fc < g.ColFolds; fc++)
        {
            for (int fr = 0; fr < g.RowFolds; fr++, f++)
            {
                long used = (long)g.RowsUsed(fr) * g.ColsUsed(fc);
                mapping[f] = (double)used / pes;
                compute[f] = (double)(used * g.T) / (double)((long)pes * g.FoldComputeCycles);
                var (i, fl, o) = g.SramCounts(fr, fc);
                ifmapSram += i;
                filterSram += fl;
                ofmapSram += o;
            }
        }
        double mappingEfficiency = PythonFloat.Sum(mapping, sum == PythonSum.Compensated) / folds * 100;
        double computeUtilization = PythonFloat.Sum(compute, sum == PythonSum.Compensated) / folds * 100;
        long macs = (long)g.M * g.N * g.K;

        Traffic t = array.Bandwidth is int bw ? RunUser(array, g, bw) : RunCalc(array, g);
        long total = t.TotalCycles;
        return new LayerResult(layer.Name, total, t.StallCycles, macs, pes, mappingEfficiency, computeUtilization,
            new OperandTraffic(t.IfmapSramStart, t.IfmapSramStop, ifmapSram, t.IfmapDram.Start, t.IfmapDram.Stop, t.IfmapDram.Reads, total),
            new OperandTraffic(t.FilterSramStart, t.FilterSramStop, filterSram, t.FilterDram.Start, t.FilterDram.Stop, t.FilterDram.Reads, total),
            new OperandTraffic(t.OfmapSramStart, t.OfmapSramStop, ofmapSram, t.OfmapDramStart, t.OfmapDramStop, t.OfmapDramWrites, total));
    }

    private sealed class Traffic
    {
        public long TotalCycles, StallCycles;
        public long IfmapSramStart, IfmapSramStop, FilterSramStart, FilterSramStop, OfmapSramStart = -1, OfmapSramStop;
        public (long Start, long Stop, long Reads) IfmapDram, FilterDram;
        public long OfmapDramStart, OfmapDramStop, OfmapDramWrites;
    }

    // ---------------------------------------------------------------- CALC mode

    private static Traffic RunCalc(SystolicArray array, FoldGeometry g)
    {
        var t = new Traffic();

        // 1. OFMAP writes decide the stalls (reads never stall in CALC mode).
        var stallRows = new List<long> { 0 };
        var stallValues = new List<long> { 0 };
        var wb = new OfmapWriteBuffer(array.OfmapSramWords, array.Columns);
        long stall = 0, g0 = 0;
        for (int fc = 0; fc < g.ColFolds; fc++)
        {
            for (int fr = 0; fr < g.RowFolds; fr++, g0 += g.FoldRows)
            {
                var (a, b) = g.OfmapRows(fr, fc);
                for (int tt = a; tt <= b; tt++)
                {
                    int k = g.OfmapCount(fr, fc, tt);
                    if (k == 0) continue;
                    long row = g0 + tt, cycle = row + stall;
                    long served = wb.Write(k, cycle);
                    if (t.OfmapSramStart < 0) t.OfmapSramStart = served;
                    t.OfmapSramStop = served;
                    if (served > cycle)
                    {
                        stall += served - cycle;
                        stallRows.Add(row + 1);
                        stallValues.Add(stall);
                    }
                }
            }
        }
        t.StallCycles = stall;
        t.TotalCycles = g.TotalRows - 1 + stall;
        wb.DrainAll(t.TotalCycles);
        t.OfmapDramStart = wb.FirstDrainCycle;
        t.OfmapDramStop = wb.LastDrainCycle;
        t.OfmapDramWrites = wb.Accesses;

        long CycleOf(long row)
        {
            int i = stallRows.BinarySearch(row);
            if (i < 0) i = ~i - 1;
            return row + stallValues[i];
        }

        // 2. IFMAP: word by word, first-seen words found with epoch stamps. A fold that re-reads a block which was read
        //    whole within the current epoch only hits (the present words only grow within an epoch), so it is skipped.
        //    Blocks that later folds re-read keep their demand as a flat word list, so re-reads need not regenerate it.
        {
            var rb = new CalcReadBuffer(array.IfmapSramWords);
            int[] stamps = Pool.Rent(g.IfmapWords);
            Array.Clear(stamps, 0, g.IfmapWords);
            var rented = new List<int[]> { stamps };
            var buffer = new int[Math.Max(g.R, g.C)];
            int blocks = g.IfmapBlocks;
            var wholeEpoch = new int[blocks];
            var blockLast = new int[blocks];
            bool cache = g.Dataflow != Dataflow.InputStationary && g.ColFolds > 1;
            var cached = cache ? new BlockDemand?[blocks] : null;
            long first = -1, last = -1;
            g0 = 0;
            var state = new IfmapState { Epoch = rb.Epoch, Next = rb.NextPoint };
            for (int fc = 0; fc < g.ColFolds; fc++)
            {
                for (int fr = 0; fr < g.RowFolds; fr++, g0 += g.FoldRows)
                {
                    int blk = g.IfmapBlock(fr, fc);
                    if (wholeEpoch[blk] == state.Epoch)
                    {
                        last = g0 + blockLast[blk];
                        continue;
                    }
                    int startEpoch = state.Epoch;
                    BlockDemand? demand = cached?[blk];
                    if (demand is null)
                    {
                        demand = BlockDemand.Of(g, fr, fc, buffer, rented);
                        if (cached is not null) cached[blk] = demand;
                        blockLast[blk] = demand.LastRow;
                    }
                    demand.Read(stamps, rb, g0, ref state);
                    if (demand.Length > 0)
                    {
                        if (first < 0) first = g0 + demand.FirstRow;
                        last = g0 + demand.LastRow;
                    }
                    if (state.Epoch == startEpoch) wholeEpoch[blk] = state.Epoch;
                }
            }
            foreach (int[] a in rented) Pool.Return(a);
            rb.NewWords = state.NewWords;
            t.IfmapSramStart = CycleOf(first) + 1;
            t.IfmapSramStop = CycleOf(last) + 1;
            t.IfmapDram = rb.Dram(CycleOf(first), CycleOf);
        }

        // 3. Filters: each fold reads a block of the filter matrix, blocks are disjoint and a block's words are distinct,
        //    and a word is present exactly when it was read since the last prefetch point. So a block is either wholly
        //    present, absent, or present from some position of its read order on (when the point fell inside its last
        //    read), and a whole read is counted at once: it finds nothing new when wholly present; otherwise its missing
        //    words come first in its order, and once a point falls among them, every later word of the read is new too.
        {
            var rb = new CalcReadBuffer(array.FilterSramWords);
            int blocks = g.FilterBlocks;
            var kind = new byte[blocks];          // 0 absent, 1 wholly present, 2 present from position Suffix on
            var kindEpoch = new int[blocks];
            var suffix = new long[blocks];
            long first = -1, last = -1;
            g0 = 0;
            for (int fc = 0; fc < g.ColFolds; fc++)
            {
                for (int fr = 0; fr < g.RowFolds; fr++, g0 += g.FoldRows)
                {
                    var (ta, tb) = g.FilterRows(fr, fc);
                    if (first < 0) first = g0 + ta;
                    last = g0 + tb;
                    int blk = g.FilterBlock(fr, fc);
                    int k = kindEpoch[blk] == rb.Epoch ? kind[blk] : 0;
                    if (k == 1) continue;
                    long n = g.FilterFoldCount(fr, fc);
                    long missing = k == 0 ? n : suffix[blk];
                    long rem = rb.NextPoint - rb.NewWords;
                    if (missing < rem)
                    {
                        rb.NewWords += missing;
                        kind[blk] = 1;
                        kindEpoch[blk] = rb.Epoch;
                        continue;
                    }
                    long points = 1 + (n - rem) / rb.Span;
                    long lastPoint = rem + (points - 1) * rb.Span;     // 1-based position of the last point in the read
                    long row = g0 + RowOfPosition(g, fr, fc, ta, lastPoint);
                    for (long p = 0; p < points; p++) rb.Point(row);
                    rb.NewWords += n;
                    kind[blk] = 2;
                    kindEpoch[blk] = rb.Epoch;
                    suffix[blk] = lastPoint;
                }
            }
            t.FilterSramStart = CycleOf(first) + 1;
            t.FilterSramStop = CycleOf(last) + 1;
            t.FilterDram = rb.Dram(CycleOf(first), CycleOf);
        }
        return t;
    }

    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Shared;

    private struct IfmapState
    {
        public int Epoch;
        public long NewWords, Next;
    }

    /// <summary>The valid IFMAP words one fold demands, in demand order, with the local row each run of them is demanded in.</summary>
    private sealed class BlockDemand
    {
        private readonly int[] _words, _rowEnd, _rowOf;
        private readonly int _rows;
        public readonly int Length, FirstRow, LastRow;

        private BlockDemand(int[] words, int length, int[] rowEnd, int[] rowOf, int rows)
        {
            _words = words;
            Length = length;
            _rowEnd = rowEnd;
            _rowOf = rowOf;
            _rows = rows;
            FirstRow = rows > 0 ? rowOf[0] : -1;
            LastRow = rows > 0 ? rowOf[rows - 1] : -1;
        }

        public static BlockDemand Of(FoldGeometry g, int fr, int fc, int[] buffer, List<int[]> rented)
        {
            var (ta, tb) = g.IfmapRows(fr, fc);
            int rowsMax = Math.Max(1, tb - ta + 1);
            int[] words = Pool.Rent(rowsMax * buffer.Length), rowEnd = Pool.Rent(rowsMax), rowOf = Pool.Rent(rowsMax);
            rented.Add(words);
            rented.Add(rowEnd);
            rented.Add(rowOf);
            int length = 0, rows = 0;
            for (int tt = ta; tt <= tb; tt++)
            {
                int n = g.IfmapRow(fr, fc, tt, buffer);
                if (n == 0) continue;
                Array.Copy(buffer, 0, words, length, n);
                length += n;
                rowEnd[rows] = length;
                rowOf[rows++] = tt;
            }
            return new BlockDemand(words, length, rowEnd, rowOf, rows);
        }

        public void Read(int[] stamps, CalcReadBuffer rb, long g0, ref IfmapState s)
        {
            ref int s0 = ref stamps[0];
            ref int w0 = ref _words[0];
            int epoch = s.Epoch;
            long newWords = s.NewWords, next = s.Next;
            for (int i = 0; i < Length; i++)
            {
                ref int stamp = ref Unsafe.Add(ref s0, Unsafe.Add(ref w0, i));
                if (stamp == epoch) continue;
                stamp = epoch;
                if (++newWords == next)
                {
                    rb.Point(g0 + RowOf(i));
                    epoch = rb.Epoch;
                    next = rb.NextPoint;
                }
            }
            s.Epoch = epoch;
            s.NewWords = newWords;
            s.Next = next;
        }

        private int RowOf(int index)
        {
            int lo = 0, hi = _rows - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_rowEnd[mid] > index) hi = mid;
                else lo = mid + 1;
            }
            return _rowOf[lo];
        }
    }

    // Local row holding the 1-based position `position` of a fold's filter demand.
    private static int RowOfPosition(FoldGeometry g, int fr, int fc, int ta, long position)
    {
        long seen = 0;
        for (int tt = ta; ; tt++)
        {
            seen += g.FilterCount(fr, fc, tt);
            if (seen >= position) return tt;
        }
    }

    // ---------------------------------------------------------------- USER mode

    private static Traffic RunUser(SystolicArray array, FoldGeometry g, int bandwidth)
    {
        var t = new Traffic();
        var (ifmapOrder, ifmapElements) = PrefetchOrder(g, ifmap: true);
        var (filterOrder, filterElements) = PrefetchOrder(g, ifmap: false);
        var ifmapBuffer = new UserReadBuffer(array.IfmapSramWords, bandwidth, g.IfmapWords, ifmapOrder, ifmapElements);
        var filterBuffer = new UserReadBuffer(array.FilterSramWords, bandwidth, g.FilterWords, filterOrder, filterElements);
        var wb = new OfmapWriteBuffer(array.OfmapSramWords, bandwidth);
        var ib = new int[Math.Max(g.R, g.C)];
        var fb = new int[Math.Max(g.R, g.C)];
        long stall = 0, g0 = 0, lastServed = 0;
        long ifFirst = -1, ifLast = 0, fiFirst = -1, fiLast = 0;
        for (int fc = 0; fc < g.ColFolds; fc++)
        {
            for (int fr = 0; fr < g.RowFolds; fr++, g0 += g.FoldRows)
            {
                for (int tt = 0; tt < g.FoldRows; tt++)
                {
                    long cycle = g0 + tt + stall;
                    int ni = g.IfmapRow(fr, fc, tt, ib);
                    long si = ifmapBuffer.Read(ib, ni, cycle);
                    if (ni > 0)
                    {
                        if (ifFirst < 0) ifFirst = si;
                        ifLast = si;
                    }
                    int nf = g.FilterRow(fr, fc, tt, fb);
                    long sf = filterBuffer.Read(fb, nf, cycle);
                    if (nf > 0)
                    {
                        if (fiFirst < 0) fiFirst = sf;
                        fiLast = sf;
                    }
                    int k = g.OfmapCount(fr, fc, tt);
                    long so = wb.Write(k, cycle);
                    if (k > 0)
                    {
                        if (t.OfmapSramStart < 0) t.OfmapSramStart = so;
                        t.OfmapSramStop = so;
                    }
                    lastServed = so;
                    stall += Math.Max(Math.Max(si - cycle - 1, sf - cycle - 1), so - cycle);
                }
            }
        }
        t.StallCycles = stall;
        t.TotalCycles = lastServed;
        wb.DrainAll(lastServed);
        t.OfmapDramStart = wb.FirstDrainCycle;
        t.OfmapDramStop = wb.LastDrainCycle;
        t.OfmapDramWrites = wb.Accesses;
        t.IfmapSramStart = ifFirst;
        t.IfmapSramStop = ifLast;
        t.FilterSramStart = fiFirst;
        t.FilterSramStop = fiLast;
        t.IfmapDram = (ifmapBuffer.DramStart, ifmapBuffer.DramStop, ifmapBuffer.Accesses);
        t.FilterDram = (filterBuffer.DramStart, filterBuffer.DramStop, filterBuffer.Accesses);
        return t;
    }

    /// <summary>
    /// The order in which SCALE-Sim's USER-mode buffer expects an operand's words: its fold blocks stacked (padded to
    /// the array's width with empty slots), read row by row, or along anti-diagonals (bottom-left first) for the operands
    /// whose demand is skewed. Returns the valid words in order and the element count including empty slots.
    /// </summary>
    private static (List<int> Order, long Elements) PrefetchOrder(FoldGeometry g, bool ifmap)
    {
        int rows, cols;
        bool diagonal;
        Func<int, int, int> element;
        switch (g.Dataflow)
        {
            case Dataflow.OutputStationary when ifmap:
                rows = g.RowFolds * g.T; cols = g.R; diagonal = true;
                element = (row, col) => { int m = row / g.T * g.R + col; return m >= g.Sr ? -1 : g.IfmapAddress(m, row % g.T); };
                break;
            case Dataflow.OutputStationary:
                rows = g.ColFolds * g.T; cols = g.C; diagonal = true;
                element = (row, col) => { int fi = row / g.T * g.C + col; return fi >= g.Sc ? -1 : g.FilterAddress(row % g.T, fi); };
                break;
            case Dataflow.WeightStationary when ifmap:
                rows = g.RowFolds * g.T; cols = g.R; diagonal = true;
                element = (row, col) => { int j = row / g.T * g.R + col; return j >= g.Sr ? -1 : g.IfmapAddress(row % g.T, j); };
                break;
            case Dataflow.WeightStationary:
                rows = g.ColFolds * g.Sr; cols = g.C; diagonal = false;
                element = (row, col) => { int fi = row / g.Sr * g.C + col; return fi >= g.Sc ? -1 : g.FilterAddress(row % g.Sr, fi); };
                break;
            case Dataflow.InputStationary when ifmap:
                rows = g.ColFolds * g.Sr; cols = g.C; diagonal = false;
                element = (row, col) => { int m = row / g.Sr * g.C + col; return m >= g.Sc ? -1 : g.IfmapAddress(m, row % g.Sr); };
                break;
            default:
                rows = g.RowFolds * g.T; cols = g.R; diagonal = true;
                element = (row, col) => { int j = row / g.T * g.R + col; return j >= g.Sr ? -1 : g.FilterAddress(j, row % g.T); };
                break;
        }
        var order = new List<int>();
        if (!diagonal)
        {
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                {
                    int a = element(r, c);
                    if (a >= 0) order.Add(a);
                }
        }
        else
        {
            for (int d = 0; d < rows + cols; d++)
            {
                int top = Math.Min(d, rows - 1), bottom = Math.Max(0, d - cols + 1);
                for (int r = top; r >= bottom; r--)
                {
                    int a = element(r, d - r);
                    if (a >= 0) order.Add(a);
                }
            }
        }
        return (order, (long)rows * cols);
    }
}
