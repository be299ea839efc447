namespace Knobs.Simulation;

/// <summary>A configuration resolved against a <see cref="CompiledTable"/>: the cell, precision and device of every op.</summary>
internal sealed class CompiledConfiguration
{
    public CompiledConfiguration(int[] cells, bool[] half, int[] devices)
    {
        Cells = cells;
        Half = half;
        Devices = devices;
    }

    /// <summary>Cell index (<c>DeviceBase[d] + knob * OpCount + g</c>) of each global op g.</summary>
    public int[] Cells { get; }

    /// <summary>Whether each op runs in half precision.</summary>
    public bool[] Half { get; }

    /// <summary>The table (device) index each op runs on.</summary>
    public int[] Devices { get; }
}
