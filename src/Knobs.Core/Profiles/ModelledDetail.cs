using System.Collections.Generic;

namespace Knobs.Profiles;

/// <summary>
/// What a modelled accelerator's model says about one op call besides its time and energy (an op's <c>model</c> object):
/// the engine it ran on, cycles and memory stalls, MACs and vector operations, utilisation, and bytes per memory.
/// </summary>
public sealed class ModelledDetail
{
    /// <summary>Creates the record.</summary>
    public ModelledDetail(string engine, long cycles, long stallCycles, long macs, long vectorOps, double utilisation, IReadOnlyList<ModelledTraffic> traffic)
    {
        Engine = engine;
        Cycles = cycles;
        StallCycles = stallCycles;
        Macs = macs;
        VectorOps = vectorOps;
        Utilisation = utilisation;
        Traffic = traffic;
    }

    /// <summary>The part of the accelerator that ran the op (<c>systolic</c>, <c>smv</c>, <c>vector</c>, <c>none</c>, or a custom model's name).</summary>
    public string Engine { get; }
    /// <summary>Cycles per call, stalls included.</summary>
    public long Cycles { get; }
    /// <summary>Cycles the engine waited on memory.</summary>
    public long StallCycles { get; }
    /// <summary>Multiply-accumulates per call.</summary>
    public long Macs { get; }
    /// <summary>Vector-unit operations per call.</summary>
    public long VectorOps { get; }
    /// <summary>Fraction of the engine's peak used (0–1).</summary>
    public double Utilisation { get; }
    /// <summary>Bytes read and written per memory.</summary>
    public IReadOnlyList<ModelledTraffic> Traffic { get; }
}

/// <summary>Bytes one op call reads from and writes to one memory of a modelled accelerator.</summary>
public sealed class ModelledTraffic
{
    /// <summary>Creates the record.</summary>
    public ModelledTraffic(string memory, long bytesRead, long bytesWritten)
    {
        Memory = memory;
        BytesRead = bytesRead;
        BytesWritten = bytesWritten;
    }

    /// <summary>A scratchpad's name, <c>dram</c> or <c>host</c>.</summary>
    public string Memory { get; }
    /// <summary>Bytes read.</summary>
    public long BytesRead { get; }
    /// <summary>Bytes written.</summary>
    public long BytesWritten { get; }
}
