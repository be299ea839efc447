using System;
using System.Collections.Generic;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// SCALE-Sim v2's read buffer in USER mode. The operand's prefetch order (a fixed order of all its words, see
/// <see cref="SystolicSimulator"/>) is cut into lines of <c>ceil(size/100)</c> words; the active buffer is a window of
/// up to 50 consecutive lines (wrapping around), the prefetch buffer the next up to 50. Before the first request the
/// active half is fetched at <c>bandwidth</c> words/cycle, ending the cycle before. A read whose word is in no active
/// line moves the window on by the prefetch buffer's lines and fetches another prefetch buffer's worth of lines after
/// the last fetch ended; if that fetch ends after the read's cycle, the array stalls until then.
/// </summary>
internal sealed class UserReadBuffer
{
    private readonly int _bandwidth;
    private readonly long _activeSize, _prefetchSize;
    private readonly int _lines, _activeLines, _prefetchLines;
    private readonly int[] _lineStart;   // per word: start index into _lineIds
    private readonly int[] _lineIds;     // ascending line ids containing the word
    private readonly long _fetchRows;
    private bool _started;
    private int _activeStart, _activeEnd;
    private long _lastFetchCycle;

    public long Accesses;
    public long DramStart;
    public long DramStop => _lastFetchCycle;

    /// <summary>Builds the buffer from the operand's prefetch order (<paramref name="order"/>: valid word indices, in order) and its element count with -1 entries.</summary>
    public UserReadBuffer(long sizeWords, int bandwidth, int words, List<int> order, long elementsWithPadding)
    {
        _bandwidth = bandwidth;
        _activeSize = (long)Math.Ceiling(sizeWords * 0.5);
        _prefetchSize = sizeWords - _activeSize;
        long perLine = (sizeWords + 99) / 100;
        _fetchRows = (elementsWithPadding + bandwidth - 1) / bandwidth;
        _lines = (int)(order.Count / perLine) + 1;
        int maxActive = (int)((_activeSize + perLine - 1) / perLine), maxPrefetch = (int)((_prefetchSize + perLine - 1) / perLine);
        _activeLines = Math.Min(_lines, maxActive);
        _prefetchLines = Math.Min(_lines - _activeLines, maxPrefetch);

        // Word -> ascending distinct line ids (CSR).
        var counts = new int[words + 1];
        var lastLine = new int[words];
        for (int i = 0; i < words; i++) lastLine[i] = -1;
        for (int i = 0; i < order.Count; i++)
        {
            int a = order[i], line = (int)(i / perLine);
            if (lastLine[a] != line)
            {
                lastLine[a] = line;
                counts[a]++;
            }
        }
        _lineStart = new int[words + 1];
        for (int i = 0; i < words; i++) _lineStart[i + 1] = _lineStart[i] + counts[i];
        _lineIds = new int[_lineStart[words]];
        var fill = new int[words];
        for (int i = 0; i < words; i++) lastLine[i] = -1;
        for (int i = 0; i < order.Count; i++)
        {
            int a = order[i], line = (int)(i / perLine);
            if (lastLine[a] != line)
            {
                lastLine[a] = line;
                _lineIds[_lineStart[a] + fill[a]++] = line;
            }
        }
    }

    /// <summary>Serves one demand row of <paramref name="count"/> words at <paramref name="cycle"/>; returns the cycle it is served (hit latency 1 plus stalls).</summary>
    public long Read(int[] words, int count, long cycle)
    {
        if (!_started) Start(cycle);
        long offset = 1;
        for (int i = 0; i < count; i++)
        {
            int a = words[i];
            int guard = 0;
            while (!Hit(a))
            {
                NewPrefetch();
                long stall = _lastFetchCycle - (cycle + offset);
                if (stall > 0) offset += stall;
                if (++guard > 2 * _lines + 4) throw new InvalidOperationException("A word of the demand is not in the operand's prefetch order.");
            }
        }
        return cycle + offset;
    }

    private void Start(long startCycle)
    {
        _started = true;
        long lines = (_activeSize + _bandwidth - 1) / _bandwidth;
        if (lines >= _fetchRows) lines = _fetchRows;
        Accesses += lines * _bandwidth;
        DramStart = startCycle - lines;
        _lastFetchCycle = startCycle - 1;
        _activeStart = 0;
        _activeEnd = _activeLines;
    }

    private void NewPrefetch()
    {
        _activeStart = (_activeStart + _prefetchLines) % _lines;
        _activeEnd = (_activeStart + _activeLines) % _lines;
        long lines = (_prefetchSize + _bandwidth - 1) / _bandwidth;
        Accesses += lines * _bandwidth;
        _lastFetchCycle += lines + 1;
    }

    private bool Hit(int a)
    {
        int lo = _lineStart[a], hi = _lineStart[a + 1];
        if (lo == hi) return false;
        // First line id >= _activeStart.
        int l = lo, h = hi;
        while (l < h)
        {
            int mid = (l + h) >> 1;
            if (_lineIds[mid] < _activeStart) l = mid + 1;
            else h = mid;
        }
        if (_activeStart < _activeEnd) return l < hi && _lineIds[l] < _activeEnd;
        if (l < hi) return true;                 // some line in [start, lines)
        return _lineIds[lo] < _activeEnd;        // or in [0, end)
    }
}
