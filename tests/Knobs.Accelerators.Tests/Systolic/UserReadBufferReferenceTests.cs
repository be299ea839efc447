using System;
using System.Collections.Generic;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>
/// The USER-mode read buffer finds a word's active lines by binary search over the lines holding it. This checks it
/// against a literal statement of SCALE-Sim v2's read buffer (sets of words per line, the active window scanned line
/// by line, wrapping around) on random prefetch orders with repeated words and random demand.
/// </summary>
public class UserReadBufferReferenceTests
{
    private sealed class Reference
    {
        private readonly List<HashSet<int>> _lines = new();
        private readonly int _bw, _activeLines, _prefetchLines;
        private readonly long _active, _prefetch, _fetchRows;
        private int _start, _end;
        private bool _started;
        public long Accesses, DramStart, Last;

        public Reference(long size, int bw, List<int> order, long elements)
        {
            _bw = bw;
            _active = (long)Math.Ceiling(size * 0.5);
            _prefetch = size - _active;
            long perLine = (long)Math.Ceiling(size / 100.0);
            _fetchRows = (long)Math.Ceiling(elements / (double)bw);
            var line = new HashSet<int>();
            int count = 0;
            foreach (int a in order)
            {
                line.Add(a);
                if (++count >= perLine)
                {
                    _lines.Add(line);
                    line = new HashSet<int>();
                    count = 0;
                }
            }
            _lines.Add(line);
            _activeLines = (int)Math.Min(_lines.Count, (long)Math.Ceiling(_active / (double)perLine));
            _prefetchLines = (int)Math.Min(_lines.Count - _activeLines, (long)Math.Ceiling(_prefetch / (double)perLine));
        }

        private bool Hit(int a)
        {
            if (_start < _end)
            {
                for (int l = _start; l < _end; l++) if (_lines[l].Contains(a)) return true;
                return false;
            }
            for (int l = _start; l < _lines.Count; l++) if (_lines[l].Contains(a)) return true;
            for (int l = 0; l < _end; l++) if (_lines[l].Contains(a)) return true;
            return false;
        }

        public long Read(int[] words, int n, long cycle)
        {
            if (!_started)
            {
                _started = true;
                long lines = (long)Math.Ceiling(_active / (double)_bw);
                if (!(lines < _fetchRows)) lines = _fetchRows;
                Accesses += lines * _bw;
                DramStart = -lines + cycle;
                Last = cycle - 1;
                _start = 0;
                _end = _activeLines;
            }
            long offset = 1;
            for (int i = 0; i < n; i++)
            {
                while (!Hit(words[i]))
                {
                    _start = (_start + _prefetchLines) % _lines.Count;
                    _end = (_start + _activeLines) % _lines.Count;
                    long lines = (long)Math.Ceiling(_prefetch / (double)_bw);
                    Accesses += lines * _bw;
                    Last = Last + lines + 1;
                    long stall = Last - (cycle + offset);
                    if (stall > 0) offset += stall;
                }
            }
            return cycle + offset;
        }
    }

    [Theory]
    [InlineData(200, 3, 300, 1)]
    [InlineData(1000, 10, 5000, 2)]
    [InlineData(450, 7, 900, 3)]
    [InlineData(3000, 2, 4000, 4)]
    public void Binary_searched_hits_match_SCALE_Sim_s_line_scan(long size, int bandwidth, int words, int seed)
    {
        var random = new Random(seed);
        var order = new List<int>();
        for (int i = 0; i < 3 * words; i++) order.Add(i < words ? i : random.Next(words));   // every word, then repeats
        long elements = order.Count + random.Next(50);                                     // empty slots too
        var fast = new UserReadBuffer(size, bandwidth, words, order, elements);
        var reference = new Reference(size, bandwidth, order, elements);
        var row = new int[16];
        long stall = 0;
        for (long r = 0; r < 3000; r++)
        {
            int n = random.Next(row.Length + 1);
            int walk = random.Next(words);
            for (int i = 0; i < n; i++) row[i] = random.Next(3) == 0 ? random.Next(words) : (walk + i) % words;
            long cycle = r + stall;
            long a = fast.Read(row, n, cycle), b = reference.Read(row, n, cycle);
            Assert.Equal(b, a);
            stall += a - cycle - 1;
        }
        Assert.True(stall > 0, "the case exercises stalls");
        Assert.Equal((reference.DramStart, reference.Last, reference.Accesses), (fast.DramStart, fast.DramStop, fast.Accesses));
    }
}
