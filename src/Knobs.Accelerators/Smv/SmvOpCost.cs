using System.Collections.Generic;

namespace Knobs.Accelerators.Smv;

/// <summary>Bytes moved per memory: DRAM and the three scratchpads (which tensor each holds: docs/accelerators-smv.md).</summary>
public sealed class SmvMemoryTraffic
{
    /// <summary>Creates a traffic record.</summary>
    public SmvMemoryTraffic(long dramReadBytes, long dramWriteBytes, long spad0ReadBytes, long spad0WriteBytes,
        long spad1ReadBytes, long spad1WriteBytes, long spad2ReadBytes, long spad2WriteBytes)
    {
        DramReadBytes = dramReadBytes;
        DramWriteBytes = dramWriteBytes;
        Spad0ReadBytes = spad0ReadBytes;
        Spad0WriteBytes = spad0WriteBytes;
        Spad1ReadBytes = spad1ReadBytes;
        Spad1WriteBytes = spad1WriteBytes;
        Spad2ReadBytes = spad2ReadBytes;
        Spad2WriteBytes = spad2WriteBytes;
    }

    /// <summary>No traffic.</summary>
    public static SmvMemoryTraffic Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Bytes DMA'd from DRAM into the scratchpads.</summary>
    public long DramReadBytes { get; }

    /// <summary>Bytes DMA'd from the scratchpads to DRAM.</summary>
    public long DramWriteBytes { get; }

    /// <summary>Bytes read from spad0.</summary>
    public long Spad0ReadBytes { get; }

    /// <summary>Bytes written to spad0.</summary>
    public long Spad0WriteBytes { get; }

    /// <summary>Bytes read from spad1.</summary>
    public long Spad1ReadBytes { get; }

    /// <summary>Bytes written to spad1.</summary>
    public long Spad1WriteBytes { get; }

    /// <summary>Bytes read from spad2.</summary>
    public long Spad2ReadBytes { get; }

    /// <summary>Bytes written to spad2.</summary>
    public long Spad2WriteBytes { get; }

    /// <summary>DRAM bytes read and written.</summary>
    public long DramBytes => DramReadBytes + DramWriteBytes;

    /// <summary>Scratchpad bytes read and written, over all three scratchpads.</summary>
    public long ScratchpadBytes => Spad0ReadBytes + Spad0WriteBytes + Spad1ReadBytes + Spad1WriteBytes + Spad2ReadBytes + Spad2WriteBytes;

    /// <summary>The element-wise sum.</summary>
    public static SmvMemoryTraffic operator +(SmvMemoryTraffic a, SmvMemoryTraffic b) => new(
        a.DramReadBytes + b.DramReadBytes, a.DramWriteBytes + b.DramWriteBytes,
        a.Spad0ReadBytes + b.Spad0ReadBytes, a.Spad0WriteBytes + b.Spad0WriteBytes,
        a.Spad1ReadBytes + b.Spad1ReadBytes, a.Spad1WriteBytes + b.Spad1WriteBytes,
        a.Spad2ReadBytes + b.Spad2ReadBytes, a.Spad2WriteBytes + b.Spad2WriteBytes);

    /// <summary>Summary in bytes.</summary>
    public override string ToString() =>
        $"DRAM r{DramReadBytes}/w{DramWriteBytes}, spad0 r{Spad0ReadBytes}/w{Spad0WriteBytes}, spad1 r{Spad1ReadBytes}/w{Spad1WriteBytes}, spad2 r{Spad2ReadBytes}/w{Spad2WriteBytes}";
}

/// <summary>One kernel invocation: the tiles it works on, what it loads, computes and stores.</summary>
public sealed class SmvInvocationCost
{
    internal SmvInvocationCost(int inputTile, int? secondInputTile, int? weightTile, int outputTile, bool loadsInputs,
        bool loadsWeights, bool storesOutputs, long computeCycles, long dmaInCycles, long dmaOutCycles, long cycles,
        long macs, long vectorLaneOps, SmvMemoryTraffic traffic)
    {
        InputTile = inputTile;
        SecondInputTile = secondInputTile;
        WeightTile = weightTile;
        OutputTile = outputTile;
        LoadsInputs = loadsInputs;
        LoadsWeights = loadsWeights;
        StoresOutputs = storesOutputs;
        ComputeCycles = computeCycles;
        DmaInCycles = dmaInCycles;
        DmaOutCycles = dmaOutCycles;
        Cycles = cycles;
        Macs = macs;
        VectorLaneOps = vectorLaneOps;
        Traffic = traffic;
    }

    /// <summary>The input tile's index.</summary>
    public int InputTile { get; }

    /// <summary>The second input's tile (two-input element-wise ops); null otherwise.</summary>
    public int? SecondInputTile { get; }

    /// <summary>The weight tile's index; null for ops without weights.</summary>
    public int? WeightTile { get; }

    /// <summary>The output tile's index.</summary>
    public int OutputTile { get; }

    /// <summary>Whether this invocation DMAs its input tile in (false when the previous invocation left it in spad0).</summary>
    public bool LoadsInputs { get; }

    /// <summary>Whether this invocation DMAs its weight tile in.</summary>
    public bool LoadsWeights { get; }

    /// <summary>Whether this invocation DMAs its (finished) output tile out.</summary>
    public bool StoresOutputs { get; }

    /// <summary>Datapath cycles.</summary>
    public long ComputeCycles { get; }

    /// <summary>Cycles loading tiles from DRAM.</summary>
    public long DmaInCycles { get; }

    /// <summary>Cycles storing the output tile to DRAM.</summary>
    public long DmaOutCycles { get; }

    /// <summary>The invocation's cycles under the overlap policy.</summary>
    public long Cycles { get; }

    /// <summary>Effective MACs.</summary>
    public long Macs { get; }

    /// <summary>Vector lane operations (pooling, batch norm, unary, element-wise).</summary>
    public long VectorLaneOps { get; }

    /// <summary>Bytes moved per memory.</summary>
    public SmvMemoryTraffic Traffic { get; }
}

/// <summary>The modelled cost of one op on SMV: the sums over its kernel invocations.</summary>
public sealed class SmvOpCost
{
    internal SmvOpCost(SmvOpTiling tiling, IReadOnlyList<SmvInvocationCost> invocations, bool pipelinedDma,
        long cycles, long computeCycles, long dmaInCycles, long dmaOutCycles, long macs, long vectorLaneOps,
        SmvMemoryTraffic traffic, double computeEnergy, double scratchpadEnergy, double dramEnergy)
    {
        Tiling = tiling;
        Invocations = invocations;
        PipelinedDma = pipelinedDma;
        Cycles = cycles;
        ComputeCycles = computeCycles;
        DmaInCycles = dmaInCycles;
        DmaOutCycles = dmaOutCycles;
        Macs = macs;
        VectorLaneOps = vectorLaneOps;
        Traffic = traffic;
        ComputeEnergyPicojoules = computeEnergy;
        ScratchpadEnergyPicojoules = scratchpadEnergy;
        DramEnergyPicojoules = dramEnergy;
    }

    /// <summary>The tiling the cost was computed from.</summary>
    public SmvOpTiling Tiling { get; }

    /// <summary>The operator's name.</summary>
    public string OperatorName => Tiling.OperatorName;

    /// <summary>Bytes per element the op was modelled with.</summary>
    public int ElementBytes => Tiling.Parameters.ElementBytes;

    /// <summary>Every kernel invocation, in SMAUG's dispatch order.</summary>
    public IReadOnlyList<SmvInvocationCost> Invocations { get; }

    /// <summary>Whether loads overlapped compute.</summary>
    public bool PipelinedDma { get; }

    /// <summary>Total cycles.</summary>
    public long Cycles { get; }

    /// <summary>Datapath cycles.</summary>
    public long ComputeCycles { get; }

    /// <summary>DMA cycles, loads and stores.</summary>
    public long DmaCycles => DmaInCycles + DmaOutCycles;

    /// <summary>DMA load cycles.</summary>
    public long DmaInCycles { get; }

    /// <summary>DMA store cycles.</summary>
    public long DmaOutCycles { get; }

    /// <summary>Effective MACs (kept output points × kept taps × output channels for convolution and inner product).</summary>
    public long Macs { get; }

    /// <summary>Vector lane operations.</summary>
    public long VectorLaneOps { get; }

    /// <summary>Bytes moved per memory.</summary>
    public SmvMemoryTraffic Traffic { get; }

    /// <summary>MAC and vector-lane energy, pJ.</summary>
    public double ComputeEnergyPicojoules { get; }

    /// <summary>Scratchpad energy, pJ.</summary>
    public double ScratchpadEnergyPicojoules { get; }

    /// <summary>DRAM energy, pJ.</summary>
    public double DramEnergyPicojoules { get; }

    /// <summary>Total energy, pJ.</summary>
    public double EnergyPicojoules => ComputeEnergyPicojoules + ScratchpadEnergyPicojoules + DramEnergyPicojoules;

    /// <summary>Input tiles.</summary>
    public int InputTiles => Tiling.Inputs.Tiles.Count;

    /// <summary>Weight tiles (0 when the op has no weights).</summary>
    public int WeightTiles => Tiling.Weights?.Tiles.Count ?? 0;

    /// <summary>Output tiles.</summary>
    public int OutputTiles => Tiling.Outputs.Tiles.Count;

    /// <summary>Kernel invocations.</summary>
    public int InvocationCount => Invocations.Count;

    /// <summary>"convolution: 1234 cycles (…)".</summary>
    public override string ToString() =>
        $"{OperatorName}: {Cycles} cycles ({ComputeCycles} compute, {DmaCycles} DMA), {Macs} MACs, {Invocations.Count} invocations, {EnergyPicojoules:G6} pJ";
}
