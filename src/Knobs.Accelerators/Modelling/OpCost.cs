using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// What one call of an op costs on a modelled accelerator: cycles (and how many of them are memory stalls), the MACs and
/// vector operations performed, the utilisation of the compute engine, the traffic per memory, and the energy. Every
/// number is modelled, never measured.
/// </summary>
public sealed class OpCost
{
    /// <summary>Creates a cost.</summary>
    public OpCost(string engine, long cycles, long stallCycles, long macs, long vectorOps, double utilisation,
        IReadOnlyList<ModelledTraffic> traffic, double energyPicojoules)
    {
        if (cycles < 0 || stallCycles < 0 || stallCycles > cycles) throw new ArgumentOutOfRangeException(nameof(stallCycles), "0 ≤ stall cycles ≤ cycles");
        if (double.IsNaN(utilisation) || utilisation < 0 || utilisation > 1 + 1e-9) throw new ArgumentOutOfRangeException(nameof(utilisation), "utilisation is a fraction from 0 to 1");
        if (double.IsNaN(energyPicojoules) || energyPicojoules < 0) throw new ArgumentOutOfRangeException(nameof(energyPicojoules), "energy cannot be negative");
        if (traffic.Any(t => t.BytesRead < 0 || t.BytesWritten < 0)) throw new ArgumentOutOfRangeException(nameof(traffic), "traffic cannot be negative");
        Engine = engine;
        Cycles = cycles;
        StallCycles = stallCycles;
        Macs = macs;
        VectorOps = vectorOps;
        Utilisation = utilisation;
        Traffic = traffic;
        EnergyPicojoules = energyPicojoules;
    }

    /// <summary>Which part of the accelerator the op ran on (<c>systolic</c>, <c>smv</c>, <c>vector</c>, <c>none</c> or a custom model's name).</summary>
    public string Engine { get; }
    /// <summary>Cycles, stalls included.</summary>
    public long Cycles { get; }
    /// <summary>Cycles the compute engine waited on memory.</summary>
    public long StallCycles { get; }
    /// <summary>Multiply-accumulates performed.</summary>
    public long Macs { get; }
    /// <summary>Vector-unit operations performed (element-wise work, interpolation of perforated outputs).</summary>
    public long VectorOps { get; }
    /// <summary>Fraction of the engine's peak work done over <see cref="Cycles"/>.</summary>
    public double Utilisation { get; }
    /// <summary>Traffic per memory.</summary>
    public IReadOnlyList<ModelledTraffic> Traffic { get; }
    /// <summary>Energy, picojoules.</summary>
    public double EnergyPicojoules { get; }

    /// <summary>An op that does no work on the device (a reshape).</summary>
    public static OpCost None { get; } = new("none", 0, 0, 0, 0, 0, Array.Empty<ModelledTraffic>(), 0);

    /// <summary>Bytes read from and written to <paramref name="memory"/>.</summary>
    public (long Read, long Written) TrafficOf(string memory)
    {
        ModelledTraffic? t = Traffic.FirstOrDefault(m => m.Memory == memory);
        return t is null ? (0, 0) : (t.BytesRead, t.BytesWritten);
    }
}
