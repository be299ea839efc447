using Knobs.KnobTables;

namespace Knobs.Simulation;

/// <summary>How configurations are simulated and written.</summary>
public sealed class SimulationOptions
{
    /// <summary>The knob every op runs in the baseline that speedups are against. Default <c>fp32</c>.</summary>
    public string BaselineKnob { get; set; } = KnobIdentity.Fp32.ColumnKey;

    /// <summary>
    /// What the rewritten file's energy field holds when energy was not measured: <c>NA</c> (default; Knobs' reader
    /// accepts it) or, when true, the field as the file had it (for tools that parse the field as a float).
    /// </summary>
    public bool KeepEnergyFieldWhenNotMeasured { get; set; }

    /// <summary>
    /// When true, a <c>gpu</c> line of a configuration is simulated with the CPU table if there is no GPU table
    /// (warning KNB0212; what Knobs did before it measured GPUs). Default false: a device without a table is an error.
    /// </summary>
    public bool GpuOnCpu { get; set; }
}
