using System;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// A systolic array with its three double-buffered scratchpads, as SCALE-Sim v2 configures it: the word is one byte,
/// half of each scratchpad is the active buffer and half the prefetch (or drain) buffer.
/// </summary>
public sealed class SystolicArray
{
    /// <summary>Creates an array; throws <see cref="ArgumentOutOfRangeException"/> on a size SCALE-Sim cannot simulate.</summary>
    /// <param name="rows">PE rows (SCALE-Sim's <c>ArrayHeight</c>), at least 1.</param>
    /// <param name="columns">PE columns (<c>ArrayWidth</c>), at least 1.</param>
    /// <param name="dataflow">The dataflow.</param>
    /// <param name="ifmapSramWords">IFMAP scratchpad size in words (SCALE-Sim: 1024 × <c>IfmapSramSzkB</c>), at least 200.</param>
    /// <param name="filterSramWords">Filter scratchpad size in words, at least 200.</param>
    /// <param name="ofmapSramWords">OFMAP scratchpad size in words, at least 2.</param>
    /// <param name="bandwidth">
    /// Null for SCALE-Sim's CALC mode (the DRAM interface is assumed fast enough: 10 words/cycle to fill the read buffers,
    /// <paramref name="columns"/> words/cycle to drain the OFMAP buffer, and the report gives the bandwidth a stall-free
    /// run needed); otherwise USER mode with this many words/cycle for every operand, and stalls where it is too little.
    /// </param>
    /// <param name="ifmapOffset">Base address of the IFMAP (only addresses' identity matters to the model).</param>
    /// <param name="filterOffset">Base address of the filters.</param>
    /// <param name="ofmapOffset">Base address of the OFMAP.</param>
    public SystolicArray(int rows, int columns, Dataflow dataflow, long ifmapSramWords, long filterSramWords, long ofmapSramWords,
        int? bandwidth = null, long ifmapOffset = 0, long filterOffset = 10000000, long ofmapOffset = 20000000)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The array needs at least one PE row.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "The array needs at least one PE column.");
        if ((long)rows * columns > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(columns), columns, "rows × columns must fit in an int.");
        if (dataflow is < Dataflow.OutputStationary or > Dataflow.InputStationary) throw new ArgumentOutOfRangeException(nameof(dataflow), dataflow, "Unknown dataflow.");
        if (ifmapSramWords < 200 || ifmapSramWords > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(ifmapSramWords), ifmapSramWords, "The IFMAP scratchpad needs 200 to 2^31-1 words (SCALE-Sim splits it into 100 sets).");
        if (filterSramWords < 200 || filterSramWords > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(filterSramWords), filterSramWords, "The filter scratchpad needs 200 to 2^31-1 words (SCALE-Sim splits it into 100 sets).");
        if (ofmapSramWords < 2 || ofmapSramWords > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(ofmapSramWords), ofmapSramWords, "The OFMAP scratchpad needs 2 to 2^31-1 words.");
        if (bandwidth is < 1) throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "The USER bandwidth must be at least 1 word per cycle (null selects CALC mode).");
        if (ifmapOffset < 0 || filterOffset < 0 || ofmapOffset < 0) throw new ArgumentOutOfRangeException(nameof(ifmapOffset), "Offsets cannot be negative.");
        Rows = rows;
        Columns = columns;
        Dataflow = dataflow;
        IfmapSramWords = ifmapSramWords;
        FilterSramWords = filterSramWords;
        OfmapSramWords = ofmapSramWords;
        Bandwidth = bandwidth;
        IfmapOffset = ifmapOffset;
        FilterOffset = filterOffset;
        OfmapOffset = ofmapOffset;
    }

    /// <summary>PE rows.</summary>
    public int Rows { get; }

    /// <summary>PE columns.</summary>
    public int Columns { get; }

    /// <summary>The dataflow.</summary>
    public Dataflow Dataflow { get; }

    /// <summary>IFMAP scratchpad size in words.</summary>
    public long IfmapSramWords { get; }

    /// <summary>Filter scratchpad size in words.</summary>
    public long FilterSramWords { get; }

    /// <summary>OFMAP scratchpad size in words.</summary>
    public long OfmapSramWords { get; }

    /// <summary>Null in CALC mode; the DRAM bandwidth in words/cycle in USER mode.</summary>
    public int? Bandwidth { get; }

    /// <summary>Base address of the IFMAP.</summary>
    public long IfmapOffset { get; }

    /// <summary>Base address of the filters.</summary>
    public long FilterOffset { get; }

    /// <summary>Base address of the OFMAP.</summary>
    public long OfmapOffset { get; }

    /// <summary>Number of PEs.</summary>
    public int Pes => Rows * Columns;
}
