using System;
using System.Collections.Generic;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// SCALE-Sim v2's OFMAP write buffer: writes fill lines of <c>bandwidth</c> words; once more than the drain half is
/// occupied, the buffer flushes its partial line and drains up to a drain-buffer's worth of lines, one line per cycle
/// from the current cycle. A write that finds the buffer full while a drain runs waits for the drain's end (a stall).
/// Lines are counted, not stored: only the partial lines a flush leaves behind are remembered (their padding is
/// counted as written when they are not the last line of a drain, as SCALE-Sim does).
/// </summary>
internal sealed class OfmapWriteBuffer
{
    private readonly long _total, _active, _drainLines;
    private readonly int _bandwidth;
    private long _free;
    private long _lines;          // lines in the trace so far (complete, plus flushed partial ones)
    private int _lineFill;        // words in the line being filled
    private long _drainStart;     // first line not yet drained
    private long _drainEnd;       // cycle at which the running drain ends
    private readonly List<long> _partialIndex = new();
    private readonly List<int> _partialCount = new();
    private int _partialCursor;

    public long Accesses;
    public long FirstDrainCycle = long.MinValue, LastDrainCycle;

    public OfmapWriteBuffer(long sizeWords, int bandwidth)
    {
        _total = sizeWords;
        _active = (long)Math.Ceiling(sizeWords * 0.5);
        long drain = sizeWords - _active;
        _bandwidth = bandwidth;
        _drainLines = (drain + bandwidth - 1) / bandwidth;
        _free = sizeWords;
    }

    /// <summary>Writes <paramref name="count"/> words requested at <paramref name="cycle"/>; returns the cycle at which the row is done.</summary>
    public long Write(int count, long cycle)
    {
        long current = cycle;
        if (count == 0) return current;
        // Fast path: no drain starts and no stall happens within these words.
        if (current >= _drainEnd ? count < _free - _active + 1 : count < _free)
        {
            _free -= count;
            long fill = _lineFill + count;
            _lines += fill / _bandwidth;
            _lineFill = (int)(fill % _bandwidth);
            return current;
        }
        for (int e = 0; e < count; e++)
        {
            _free--;
            if (++_lineFill == _bandwidth)
            {
                _lines++;
                _lineFill = 0;
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

    /// <summary>Drains everything left, starting at <paramref name="cycle"/> (SCALE-Sim's end of layer).</summary>
    public void DrainAll(long cycle)
    {
        Flush();
        while (_drainStart < _lines)
        {
            _drainEnd = Drain(cycle);
            cycle = _drainEnd + 1;
        }
    }

    private void Flush()
    {
        if (_lineFill == 0) return;
        _partialIndex.Add(_lines);
        _partialCount.Add(_lineFill);
        _lines++;
        _lineFill = 0;
    }

    private long Drain(long start)
    {
        long end = Math.Min(_drainStart + _drainLines, _lines);
        long n = end - _drainStart;
        if (n <= 0) throw new InvalidOperationException("SCALE-Sim's write buffer would drain an empty line range here (it fails on this input).");
        long last = end - 1;
        while (_partialCursor < _partialIndex.Count && _partialIndex[_partialCursor] < last) _partialCursor++;
        int lastValid = _partialCursor < _partialIndex.Count && _partialIndex[_partialCursor] == last ? _partialCount[_partialCursor] : _bandwidth;
        long data = n * _bandwidth - (_bandwidth - lastValid);
        Accesses += data;
        if (FirstDrainCycle == long.MinValue) FirstDrainCycle = start;
        LastDrainCycle = start + n - 1;
        _free += data;
        _drainStart = end;
        return start + n - 1;
    }
}
