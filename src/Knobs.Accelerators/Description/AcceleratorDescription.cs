using System.Collections.Generic;

namespace Knobs.Accelerators.Description;

/// <summary>How a systolic array keeps its operands (SCALE-Sim's three dataflows).</summary>
public enum ArrayDataflow
{
    /// <summary>Output stationary (<c>os</c>): each PE accumulates one output.</summary>
    OutputStationary,
    /// <summary>Weight stationary (<c>ws</c>): each PE holds one weight while inputs stream through.</summary>
    WeightStationary,
    /// <summary>Input stationary (<c>is</c>): each PE holds one input while weights stream through.</summary>
    InputStationary,
}

/// <summary>
/// A modelled accelerator, as an accelerator description file gives it (docs/accelerators.md, "Describing an
/// accelerator"): one compute engine (a systolic array or an SMV-style datapath), its scratchpads, the DRAM behind
/// them, the link to the host, a vector unit for the element-wise ops, the clock and an energy table.
/// </summary>
public sealed class AcceleratorDescription
{
    /// <summary>Creates a description; <see cref="AcceleratorReader"/> checks every value before it calls this.</summary>
    public AcceleratorDescription(string name, string source, double clockHz, SystolicEngine? systolic, SmvEngine? smv,
        IReadOnlyList<Scratchpad> scratchpads, double? dramBytesPerCycle, HostLink hostLink, int vectorLanes, EnergyTable energy)
    {
        Name = name;
        Source = source;
        ClockHz = clockHz;
        Systolic = systolic;
        Smv = smv;
        Scratchpads = scratchpads;
        DramBytesPerCycle = dramBytesPerCycle;
        HostLink = hostLink;
        VectorLanes = vectorLanes;
        Energy = energy;
    }

    /// <summary>The accelerator's name: the device is <c>accel:&lt;Name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The file the description was read from (for messages).</summary>
    public string Source { get; }

    /// <summary>The device kind of the accelerator's tables and profiles: <c>accel:&lt;Name&gt;</c>.</summary>
    public string DeviceKind => "accel:" + Name;

    /// <summary>Clock frequency, Hz: modelled cycles become seconds through it.</summary>
    public double ClockHz { get; }

    /// <summary>The systolic array, when the compute engine is one (exactly one of this and <see cref="Smv"/> is set).</summary>
    public SystolicEngine? Systolic { get; }

    /// <summary>The SMV-style datapath, when the compute engine is one.</summary>
    public SmvEngine? Smv { get; }

    /// <summary>
    /// The scratchpads, in order: <c>ifmap</c>, <c>filter</c>, <c>ofmap</c> for a systolic array; <c>spad0</c>, <c>spad1</c>,
    /// <c>spad2</c> for an SMV datapath.
    /// </summary>
    public IReadOnlyList<Scratchpad> Scratchpads { get; }

    /// <summary>DRAM bandwidth in bytes per cycle; null for SCALE-Sim's <c>calc</c> mode (the bandwidth a stall-free run needs).</summary>
    public double? DramBytesPerCycle { get; }

    /// <summary>The DMA link between host memory and the accelerator's DRAM (the <c>h2d</c>/<c>d2h</c> transitions).</summary>
    public HostLink HostLink { get; }

    /// <summary>Element-wise operations per cycle of the vector unit (add, activations, pooling, batch norm, softmax, conversions).</summary>
    public int VectorLanes { get; }

    /// <summary>Energy per event, picojoules, each with where its value comes from.</summary>
    public EnergyTable Energy { get; }

    /// <summary>The scratchpad named <paramref name="name"/>.</summary>
    public Scratchpad Scratchpad(string name)
    {
        foreach (Scratchpad s in Scratchpads) if (s.Name == name) return s;
        throw new KeyNotFoundException("the accelerator " + Name + " has no scratchpad '" + name + "'");
    }
}

/// <summary>A systolic array of <see cref="Rows"/> × <see cref="Columns"/> PEs with one dataflow.</summary>
public sealed class SystolicEngine
{
    /// <summary>Creates the engine.</summary>
    public SystolicEngine(int rows, int columns, ArrayDataflow dataflow)
    {
        Rows = rows;
        Columns = columns;
        Dataflow = dataflow;
    }

    /// <summary>PE rows.</summary>
    public int Rows { get; }
    /// <summary>PE columns.</summary>
    public int Columns { get; }
    /// <summary>The dataflow.</summary>
    public ArrayDataflow Dataflow { get; }
}

/// <summary>An SMV-style datapath (SMAUG's SMV): <see cref="Pes"/> PEs of <see cref="MacsPerPe"/> MACs, vector width, DMA overlap.</summary>
public sealed class SmvEngine
{
    /// <summary>Creates the engine.</summary>
    public SmvEngine(int pes, int macsPerPe, int vectorWidth, bool pipelinedDma)
    {
        Pes = pes;
        MacsPerPe = macsPerPe;
        VectorWidth = vectorWidth;
        PipelinedDma = pipelinedDma;
    }

    /// <summary>Processing elements (one output channel each).</summary>
    public int Pes { get; }
    /// <summary>Multiply-accumulates per PE per cycle.</summary>
    public int MacsPerPe { get; }
    /// <summary>Vector width of pooling, batch norm and element-wise kernels.</summary>
    public int VectorWidth { get; }
    /// <summary>Whether a tile's DMA overlaps the previous tile's compute.</summary>
    public bool PipelinedDma { get; }
}

/// <summary>A scratchpad: its name and size in bytes.</summary>
public sealed class Scratchpad
{
    /// <summary>Creates a scratchpad.</summary>
    public Scratchpad(string name, long bytes)
    {
        Name = name;
        Bytes = bytes;
    }

    /// <summary>Name: what it holds (<c>ifmap</c>, <c>filter</c>, <c>ofmap</c>) or its SMV name (<c>spad0</c>…).</summary>
    public string Name { get; }
    /// <summary>Size in bytes.</summary>
    public long Bytes { get; }
}

/// <summary>The DMA link between host memory and the accelerator.</summary>
public sealed class HostLink
{
    /// <summary>Creates the link.</summary>
    public HostLink(double bytesPerCycle, long latencyCycles, bool assumed)
    {
        BytesPerCycle = bytesPerCycle;
        LatencyCycles = latencyCycles;
        Assumed = assumed;
    }

    /// <summary>Bytes per accelerator cycle, each direction.</summary>
    public double BytesPerCycle { get; }
    /// <summary>Cycles to set up one transfer.</summary>
    public long LatencyCycles { get; }
    /// <summary>True when the values are the defaults (assumptions), not given by the description.</summary>
    public bool Assumed { get; }
}
