using System;

namespace Knobs.Accelerators.Smv;

/// <summary>
/// Energy per access, supplied by the caller (the model has no built-in energies): picojoules per MAC, per byte moved
/// in or out of a scratchpad, and per byte moved to or from DRAM.
/// </summary>
public sealed class SmvEnergyCosts
{
    /// <summary>Creates the energy table.</summary>
    /// <param name="picojoulesPerMac">Energy of one multiply-accumulate (convolution, inner product).</param>
    /// <param name="picojoulesPerScratchpadByte">Energy of one byte read from or written to any scratchpad.</param>
    /// <param name="picojoulesPerDramByte">Energy of one byte read from or written to DRAM.</param>
    /// <param name="picojoulesPerVectorLaneOp">
    /// Energy of one lane of a vector op (pooling compare/add, batch norm, activations, element-wise add); when null
    /// the MAC energy is used.
    /// </param>
    public SmvEnergyCosts(double picojoulesPerMac, double picojoulesPerScratchpadByte, double picojoulesPerDramByte,
        double? picojoulesPerVectorLaneOp = null)
    {
        PicojoulesPerMac = NonNegative(picojoulesPerMac, nameof(picojoulesPerMac));
        PicojoulesPerScratchpadByte = NonNegative(picojoulesPerScratchpadByte, nameof(picojoulesPerScratchpadByte));
        PicojoulesPerDramByte = NonNegative(picojoulesPerDramByte, nameof(picojoulesPerDramByte));
        PicojoulesPerVectorLaneOp = NonNegative(picojoulesPerVectorLaneOp ?? picojoulesPerMac, nameof(picojoulesPerVectorLaneOp));
    }

    /// <summary>pJ per MAC.</summary>
    public double PicojoulesPerMac { get; }

    /// <summary>pJ per scratchpad byte read or written.</summary>
    public double PicojoulesPerScratchpadByte { get; }

    /// <summary>pJ per DRAM byte read or written.</summary>
    public double PicojoulesPerDramByte { get; }

    /// <summary>pJ per vector lane operation.</summary>
    public double PicojoulesPerVectorLaneOp { get; }

    internal static double NonNegative(double value, string name) =>
        value >= 0 && !double.IsNaN(value) && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Must be a finite, non-negative number.");
}

/// <summary>The memory system and the overlap policy of the cost model.</summary>
public sealed class SmvCostOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="dramBytesPerCycle">DRAM (DMA) bandwidth in bytes per accelerator cycle; positive.</param>
    /// <param name="energy">Per-access energies.</param>
    /// <param name="pipelinedDma">
    /// False (the default, as SMAUG runs its SMV kernels): each kernel invocation loads its tiles, computes, then
    /// stores, one after the other. True: the loads overlap the computation within an invocation (gem5-Aladdin's
    /// <c>pipelined_dma</c>), so an invocation takes max(load, compute) + store.
    /// </param>
    public SmvCostOptions(double dramBytesPerCycle, SmvEnergyCosts energy, bool pipelinedDma = false)
    {
        if (!(dramBytesPerCycle > 0) || double.IsInfinity(dramBytesPerCycle))
        {
            throw new ArgumentOutOfRangeException(nameof(dramBytesPerCycle), dramBytesPerCycle, "Must be a finite, positive number of bytes per cycle.");
        }
        DramBytesPerCycle = dramBytesPerCycle;
        Energy = energy ?? throw new ArgumentNullException(nameof(energy));
        PipelinedDma = pipelinedDma;
    }

    /// <summary>DRAM bandwidth in bytes per cycle.</summary>
    public double DramBytesPerCycle { get; }

    /// <summary>Per-access energies.</summary>
    public SmvEnergyCosts Energy { get; }

    /// <summary>Whether loads overlap compute within an invocation.</summary>
    public bool PipelinedDma { get; }

    /// <summary>The same options with another bandwidth.</summary>
    public SmvCostOptions WithBandwidth(double dramBytesPerCycle) => new(dramBytesPerCycle, Energy, PipelinedDma);

    /// <summary>The same options with pipelined DMA on or off.</summary>
    public SmvCostOptions WithPipelinedDma(bool pipelinedDma) => new(DramBytesPerCycle, Energy, pipelinedDma);
}

/// <summary>
/// The approximation knobs of one op as counts, so the model is knob-aware through its inputs. Null means "all kept"
/// (or, for <see cref="ElementBytes"/>, the parameters' element size).
/// </summary>
public sealed class SmvKnobs
{
    /// <summary>No approximation.</summary>
    public static SmvKnobs Exact { get; } = new();

    /// <summary>Creates a knob setting.</summary>
    /// <param name="keptOutputRows">Output rows computed (perforation); convolution and pooling.</param>
    /// <param name="keptOutputCols">Output columns computed (perforation); convolution and pooling.</param>
    /// <param name="keptTaps">Reduction taps kept per output point (filter sampling): at most kernel rows × kernel cols × input channels for a convolution, input activations for an inner product.</param>
    /// <param name="elementBytes">Bytes per element: 2 for fp16, 4 for fp32. The scratchpads then hold scratchpad bytes / element bytes elements, so the tiling follows.</param>
    public SmvKnobs(int? keptOutputRows = null, int? keptOutputCols = null, long? keptTaps = null, int? elementBytes = null)
    {
        if (keptOutputRows is <= 0) throw new ArgumentOutOfRangeException(nameof(keptOutputRows), keptOutputRows, "Must be positive.");
        if (keptOutputCols is <= 0) throw new ArgumentOutOfRangeException(nameof(keptOutputCols), keptOutputCols, "Must be positive.");
        if (keptTaps is <= 0) throw new ArgumentOutOfRangeException(nameof(keptTaps), keptTaps, "Must be positive.");
        if (elementBytes is <= 0) throw new ArgumentOutOfRangeException(nameof(elementBytes), elementBytes, "Must be positive.");
        KeptOutputRows = keptOutputRows;
        KeptOutputCols = keptOutputCols;
        KeptTaps = keptTaps;
        ElementBytes = elementBytes;
    }

    /// <summary>Output rows computed; null: all.</summary>
    public int? KeptOutputRows { get; }

    /// <summary>Output columns computed; null: all.</summary>
    public int? KeptOutputCols { get; }

    /// <summary>Reduction taps kept per output point; null: all.</summary>
    public long? KeptTaps { get; }

    /// <summary>Bytes per element; null: the parameters'.</summary>
    public int? ElementBytes { get; }
}
