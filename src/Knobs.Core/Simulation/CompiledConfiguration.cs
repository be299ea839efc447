namespace Knobs.Simulation;

/// <summary>A configuration resolved against a <see cref="CompiledTable"/>: the cell and precision of every op.</summary>
internal sealed class CompiledConfiguration
{
    public CompiledConfiguration(int[] cells, bool[] half)
    {
        Cells = cells;
        Half = half;
    }

    /// <summary>Cell index (<c>knob * OpCount + g</c>) of each global op g.</summary>
    public int[] Cells { get; }

    /// <summary>Whether each op runs in half precision.</summary>
    public bool[] Half { get; }
}
