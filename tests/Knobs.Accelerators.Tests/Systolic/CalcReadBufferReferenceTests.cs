using System;
using System.Collections.Generic;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>
/// The CALC-mode read buffers are counted in bulk (epoch stamps, whole filter blocks, skipped re-reads). This checks
/// them against a literal word-by-word re-statement of SCALE-Sim's bandwidth-estimating buffer (sets of first-seen
/// words, the active and prefetch windows of sets, the prefetch trace cycles) on layers with tiny scratchpads, where
/// prefetch points fall inside folds and blocks many times.
/// </summary>
public class CalcReadBufferReferenceTests
{
    /// <summary>Word-by-word statement of SCALE-Sim v2's ReadBufferEstimateBw (DRAM start, stop and reads only).</summary>
    private sealed class Reference
    {
        private readonly long _perSet;
        private readonly int _activeSets = 50, _prefetchSets = 50;
        private readonly List<HashSet<int>?> _sets = new();
        private HashSet<int> _current = new();
        private long _currentId, _readStart, _readEnd, _prefetchStart, _lastStart = -2, _lastEnd = -1, _firstCycle;
        private bool _firstSeen, _activeDone;
        public long Reads;
        public long? Start;
        public long Stop;

        public Reference(long size)
        {
            _perSet = size / 100;
            _readEnd = _activeSets - 1;
        }

        public void Row(int[] words, int n, long cycle)
        {
            if (!_firstSeen && n > 0)
            {
                _firstSeen = true;
                _firstCycle = cycle;
            }
            for (int i = 0; i < n; i++) Word(words[i], cycle);
        }

        private void Word(int a, long cycle)
        {
            long end = Math.Min(_currentId, _readEnd + 1);
            for (long s = _readStart; s < end; s++) if (_sets[(int)s]!.Contains(a)) return;
            if (!_current.Add(a)) return;
            if (_current.Count < _perSet) return;
            _sets.Add(_current);
            _current = new HashSet<int>();
            _currentId++;
            if (_currentId != _readEnd + 1) return;
            if (!_activeDone)
            {
                _lastEnd = _firstCycle - 2;
                _lastStart = _lastEnd - (long)Math.Ceiling(_prefetchSets * _perSet / 10.0) + 1;
                Prefetch(0, _activeSets - 1);
                _prefetchStart = _readEnd + 1;
                _activeDone = true;
            }
            else
            {
                Prefetch(_prefetchStart, _prefetchStart + _prefetchSets - 1);
                _prefetchStart += _prefetchSets;
            }
            for (int j = 0; j < _prefetchSets; j++) _sets[(int)(_readStart + j)] = null;
            _readStart += _prefetchSets;
            _readEnd += _prefetchSets;
            _lastStart = _lastEnd + 1;
            _lastEnd = cycle;
        }

        public void Complete()
        {
            if (_current.Count > 0) _sets.Add(_current);
            else _currentId--;
            if (!_activeDone)
            {
                _lastEnd = -2;
                long sets = _currentId + 1;
                _lastStart = _lastEnd - (long)Math.Ceiling(sets * _perSet / 10.0) + 1;
                Prefetch(0, sets - 1);
            }
            else
            {
                Prefetch(_prefetchStart, _currentId);
            }
        }

        private void Prefetch(long from, long to)
        {
            for (long s = from; s <= to; s++) Reads += _sets[(int)s]!.Count;
            Start ??= _lastStart + 1;
            Stop = _lastEnd + 1;
        }
    }

    public static TheoryData<Dataflow, int, int, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<Dataflow, int, int, int, int, int, int, int>();
        foreach (Dataflow df in new[] { Dataflow.OutputStationary, Dataflow.WeightStationary, Dataflow.InputStationary })
        {
            data.Add(df, 8, 8, 12, 12, 3, 5, 24);      // conv, overlapping windows
            data.Add(df, 4, 16, 9, 11, 2, 7, 40);      // window past the edge (-1 slots)
            data.Add(df, 16, 4, 1, 1, 200, 1, 70);     // dense
            data.Add(df, 8, 8, 7, 7, 3, 12, 9);        // few filters
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bulk_counting_matches_word_by_word_SCALE_Sim_buffers(Dataflow df, int rows, int cols, int ih, int iw, int k, int channels, int filters)
    {
        var layer = new ConvLayer("l", ih, iw, Math.Min(k, ih), Math.Min(k, iw), channels, filters, 1, 2);
        foreach (long size in new long[] { 200, 700, 3000 })
        {
            // A large OFMAP scratchpad: no stalls, so cycle = demand row.
            var array = new SystolicArray(rows, cols, df, size, size, 1 << 24);
            LayerResult r = SystolicSimulator.Simulate(array, layer);
            var g = new FoldGeometry(array, layer);
            var ifmap = new Reference(size);
            var filter = new Reference(size);
            var buffer = new int[Math.Max(rows, cols)];
            long row = 0;
            for (int fc = 0; fc < g.ColFolds; fc++)
                for (int fr = 0; fr < g.RowFolds; fr++)
                    for (int t = 0; t < g.FoldRows; t++, row++)
                    {
                        ifmap.Row(buffer, g.IfmapRow(fr, fc, t, buffer), row);
                        filter.Row(buffer, g.FilterRow(fr, fc, t, buffer), row);
                    }
            ifmap.Complete();
            filter.Complete();
            Assert.Equal(0, r.StallCycles);
            Assert.Equal((ifmap.Start, ifmap.Stop, ifmap.Reads), (r.Ifmap.DramStartCycle, r.Ifmap.DramStopCycle, r.Ifmap.DramAccesses));
            Assert.Equal((filter.Start, filter.Stop, filter.Reads), (r.Filter.DramStartCycle, r.Filter.DramStopCycle, r.Filter.DramAccesses));
        }
    }
}
