using Knobs.KnobTables;

namespace Knobs.Simulation;

/// <summary>How configurations are simulated and written.</summary>
public sealed class SimulationOptions
{
    /// <summary>The knob every op runs in the baseline that speedups are against. Default <c>fp32</c>.</summary>
    public string BaselineKnob { get; set; } = KnobIdentity.Fp32.ColumnKey;

    /// <summary>
    /// When true, a <c>gpu</c> line of a configuration is simulated with the CPU table if there is no GPU table
    /// (warning KNB0212; what Knobs did before it measured GPUs). Default false: a device without a table is an error.
    /// </summary>
    public bool GpuOnCpu { get; set; }

    /// <summary>
    /// The device whose table simulates <c>gpu</c> lines (<c>cpu</c> or <c>accel:&lt;name&gt;</c>, from <c>KnobsSimulateGpuOn</c>),
    /// or null for the GPU table; HPVM's tuner writes <c>gpu</c> on every line, so this predicts its configurations on
    /// another device. Reported once per file (KNB0221).
    /// </summary>
    public string? GpuDevice { get; set; }
}
