namespace Knobs.Simulation;

/// <summary>Configurations resolved against a table by <see cref="Simulator.Prepare"/>, ready for <see cref="Simulator.Evaluate"/>.</summary>
public sealed class PreparedConfigurations
{
    internal PreparedConfigurations(CompiledConfiguration[] items, int nodesPerConfiguration)
    {
        Items = items;
        NodesPerConfiguration = nodesPerConfiguration;
    }

    internal CompiledConfiguration[] Items { get; }

    /// <summary>Configurations resolved.</summary>
    public int Count => Items.Length;

    /// <summary>Nodes in each configuration (the benchmark's node count).</summary>
    public int NodesPerConfiguration { get; }
}
