using System;
using System.Collections.Generic;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>
/// The OFMAP write buffer advances whole rows when no drain or stall falls inside them. This checks it against a
/// literal word-by-word statement of SCALE-Sim v2's write buffer (lines of words, forced flushes of the partial line,
/// drains counting a non-last partial line's padding) on random demand, with drains and stalls in most rows.
/// </summary>
public class OfmapWriteBufferReferenceTests
{
    private sealed class Reference
    {
        private readonly long _total, _active, _drainLines;
        private readonly int _bw;
        private long _free, _drainEnd;
        private int _drainStart;
        private readonly List<int> _lines = new();   // valid words per line in the trace
        private int _fill;
        public long Accesses;
        public long? First;
        public long Last;

        public Reference(long size, int bw)
        {
            _total = size;
            _active = (long)Math.Ceiling(size * 0.5);
            _bw = bw;
            _drainLines = (long)Math.Ceiling((size - _active) / (double)bw);
            _free = size;
        }

        public long Write(int count, long cycle)
        {
            long current = cycle;
            for (int e = 0; e < count; e++)
            {
                _fill++;
                _free--;
                if (_fill == _bw)
                {
                    _lines.Add(_bw);
                    _fill = 0;
                }
                if (current < _drainEnd)
                {
                    if (_free <= 0) current = _drainEnd;
                }
                else if (_free < _total - (_total - _active))
                {
                    Flush();
                    _drainEnd = Drain(current);
                }
            }
            return current;
        }

        public void DrainAll(long cycle)
        {
            Flush();
            while (_drainStart < _lines.Count)
            {
                _drainEnd = Drain(cycle);
                cycle = _drainEnd + 1;
            }
        }

        private void Flush()
        {
            if (_fill == 0) return;
            _lines.Add(_fill);
            _fill = 0;
        }

        private long Drain(long start)
        {
            int end = (int)Math.Min(_drainStart + _drainLines, _lines.Count);
            int n = end - _drainStart;
            long data = (long)n * _bw - (_bw - _lines[end - 1]);
            Accesses += data;
            First ??= start;
            Last = start + n - 1;
            _free += data;
            _drainStart = end;
            return start + n - 1;
        }
    }

    [Theory]
    [InlineData(64, 2, 16, 1)]
    [InlineData(100, 3, 12, 2)]
    [InlineData(1000, 32, 32, 3)]
    [InlineData(65536, 10, 32, 4)]
    [InlineData(33, 5, 40, 5)]
    public void Row_at_a_time_writes_match_word_by_word_SCALE_Sim(int size, int bandwidth, int maxRow, int seed)
    {
        var random = new Random(seed);
        var fast = new OfmapWriteBuffer(size, bandwidth);
        var reference = new Reference(size, bandwidth);
        long stallFast = 0, stallReference = 0, outFast = 0, outReference = 0;
        int stalledRows = 0;
        for (long row = 0; row < 20000; row++)
        {
            int count = random.Next(4) == 0 ? 0 : random.Next(maxRow + 1);
            long cf = row + stallFast, cr = row + stallReference;
            outFast = fast.Write(count, cf);
            outReference = reference.Write(count, cr);
            Assert.Equal(outReference - cr, outFast - cf);
            if (outFast > cf) stalledRows++;
            stallFast += outFast - cf;
            stallReference += outReference - cr;
        }
        fast.DrainAll(outFast);
        reference.DrainAll(outReference);
        Assert.Equal(stallReference, stallFast);
        Assert.Equal((reference.First, reference.Last, reference.Accesses), ((long?)fast.FirstDrainCycle, fast.LastDrainCycle, fast.Accesses));
        if (size < 1000) Assert.True(stalledRows > 0, "the case exercises stalls");
    }
}
