namespace Knobs.Accelerators.Systolic;

/// <summary>What SCALE-Sim reports for one operand's scratchpad: the array side (SRAM) and the DRAM side.</summary>
public sealed class OperandTraffic
{
    internal OperandTraffic(long sramStartCycle, long sramStopCycle, long sramAccesses, long dramStartCycle, long dramStopCycle, long dramAccesses, long totalCycles)
    {
        SramStartCycle = sramStartCycle;
        SramStopCycle = sramStopCycle;
        SramAccesses = sramAccesses;
        DramStartCycle = dramStartCycle;
        DramStopCycle = dramStopCycle;
        DramAccesses = dramAccesses;
        AverageSramBandwidth = (double)sramAccesses / totalCycles;
        AverageDramBandwidth = (double)dramAccesses / (dramStopCycle - dramStartCycle + 1);
    }

    /// <summary>Cycle at which the first array request of this operand is served.</summary>
    public long SramStartCycle { get; }

    /// <summary>Cycle at which the last array request of this operand is served.</summary>
    public long SramStopCycle { get; }

    /// <summary>SRAM reads (IFMAP, filter) or writes (OFMAP) as SCALE-Sim counts them.</summary>
    public long SramAccesses { get; }

    /// <summary>First DRAM transfer cycle (negative: prefetched before the array starts).</summary>
    public long DramStartCycle { get; }

    /// <summary>Last DRAM transfer cycle.</summary>
    public long DramStopCycle { get; }

    /// <summary>DRAM words read (IFMAP, filter) or written (OFMAP).</summary>
    public long DramAccesses { get; }

    /// <summary>SRAM accesses per cycle of the layer's total cycles.</summary>
    public double AverageSramBandwidth { get; }

    /// <summary>DRAM words per cycle between the DRAM start and stop cycles (both included).</summary>
    public double AverageDramBandwidth { get; }
}

/// <summary>Everything SCALE-Sim v2 reports for one layer (COMPUTE, BANDWIDTH and DETAILED_ACCESS reports).</summary>
public sealed class LayerResult
{
    internal LayerResult(string name, long totalCycles, long stallCycles, long macs, int pes, double mappingEfficiency, double computeUtilization,
        OperandTraffic ifmap, OperandTraffic filter, OperandTraffic ofmap)
    {
        Name = name;
        TotalCycles = totalCycles;
        StallCycles = stallCycles;
        MacCount = macs;
        OverallUtilization = (double)(macs * 100) / (double)(totalCycles * pes);
        MappingEfficiency = mappingEfficiency;
        ComputeUtilization = computeUtilization;
        Ifmap = ifmap;
        Filter = filter;
        Ofmap = ofmap;
    }

    /// <summary>The layer's name.</summary>
    public string Name { get; }

    /// <summary>Cycle at which the last OFMAP write is served (SCALE-Sim's Total Cycles).</summary>
    public long TotalCycles { get; }

    /// <summary>Cycles the array waited for the memory system (0 in CALC mode unless the OFMAP buffer fills).</summary>
    public long StallCycles { get; }

    /// <summary>Multiply-accumulates: batch × kept pixels × filters × kept taps.</summary>
    public long MacCount { get; }

    /// <summary>Overall utilisation in percent: <c>MACs · 100 / (TotalCycles · PEs)</c>.</summary>
    public double OverallUtilization { get; }

    /// <summary>Mapping efficiency in percent: mean over folds of PEs mapped / PEs.</summary>
    public double MappingEfficiency { get; }

    /// <summary>Compute utilisation in percent: mean over folds of busy PE-cycles / (PEs · fold cycles incl. fill and drain).</summary>
    public double ComputeUtilization { get; }

    /// <summary>IFMAP traffic.</summary>
    public OperandTraffic Ifmap { get; }

    /// <summary>Filter traffic.</summary>
    public OperandTraffic Filter { get; }

    /// <summary>OFMAP traffic.</summary>
    public OperandTraffic Ofmap { get; }
}
