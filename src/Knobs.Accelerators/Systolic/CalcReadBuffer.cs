using System;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// SCALE-Sim v2's read buffer in CALC mode (its bandwidth-estimating buffer). Every read hits (the array never waits);
/// the buffer only tracks which words it would have had to fetch. It groups first-seen words into sets of
/// <c>floor(size/100)</c>; a word is first-seen when it is not among the words taken in since the last prefetch point.
/// The first prefetch point comes when the active half's sets (50) are complete, then one after every further 50
/// sets: at each, the words taken in before it stop counting as present. So the DRAM reads are the number of
/// first-seen words, the DRAM transfers start a fixed number of cycles (the active half at 10 words/cycle) before the
/// first request when a prefetch point happened, and stop one cycle after the cycle of the last prefetch point.
/// This class keeps the count and the points; callers decide first-seen-ness (per word with epoch stamps, or in bulk
/// for whole blocks of distinct words).
/// </summary>
internal sealed class CalcReadBuffer
{
    private const int DefaultBandwidth = 10;
    public readonly long SetSize;
    private readonly long _firstSpan, _span, _prefetchSets;

    /// <summary>Words counted as first-seen so far.</summary>
    public long NewWords;

    /// <summary>New-word count at which the next prefetch point falls.</summary>
    public long NextPoint;

    /// <summary>Incremented at every prefetch point: words stamped with an older epoch are no longer present.</summary>
    public int Epoch = 1;

    /// <summary>Demand row (global) of the last prefetch point, or -1.</summary>
    public long LastPointRow = -1;

    public CalcReadBuffer(long sizeWords)
    {
        SetSize = sizeWords / 100;
        long activeSets = (long)(Math.Round(0.5, 2) * 100);
        _prefetchSets = 100 - activeSets;
        _firstSpan = activeSets * SetSize;
        _span = _prefetchSets * SetSize;
        NextPoint = _firstSpan;
    }

    public long Span => _span;

    /// <summary>Records a prefetch point reached by a word read in demand row <paramref name="row"/>.</summary>
    public void Point(long row)
    {
        Epoch++;
        NextPoint += _span;
        LastPointRow = row;
    }

    /// <summary>DRAM start, stop and reads, given the cycle of the first request and a map from demand row to cycle.</summary>
    public (long Start, long Stop, long Reads) Dram(long firstRequestCycle, Func<long, long> cycleOfRow)
    {
        if (NewWords == 0) throw new InvalidOperationException("SCALE-Sim fails on an operand with no words.");
        if (LastPointRow < 0)
        {
            long sets = (NewWords + SetSize - 1) / SetSize;
            long cycles = (sets * SetSize + DefaultBandwidth - 1) / DefaultBandwidth;
            return (-cycles, -1, NewWords);
        }
        // SCALE-Sim sizes the first fetch by the prefetch half's sets (equal to the active half's at its fixed 0.5 split).
        long firstFetchCycles = (_prefetchSets * SetSize + DefaultBandwidth - 1) / DefaultBandwidth;
        return (firstRequestCycle - firstFetchCycles, cycleOfRow(LastPointRow) + 1, NewWords);
    }
}
