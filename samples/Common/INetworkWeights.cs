using System.Collections.Generic;

namespace Knobs.Samples;

/// <summary>
/// What a sample's weights class declares so that <see cref="NetworkWeights{TSelf}"/> can build it: the network's
/// HPVM name, its weight table, and how to wrap a <see cref="WeightSet"/> drawn or loaded from that table.
/// </summary>
/// <typeparam name="TSelf">The weights class itself.</typeparam>
public interface INetworkWeights<TSelf>
    where TSelf : NetworkWeights<TSelf>, INetworkWeights<TSelf>
{
    /// <summary>The HPVM network name (also the weight sub-folder name).</summary>
    static abstract string Network { get; }

    /// <summary>Every weight tensor, in HPVM's order: names, shapes and roles.</summary>
    static abstract IReadOnlyList<WeightSpec> Specs { get; }

    /// <summary>Wraps weights drawn or loaded from <see cref="Specs"/>.</summary>
    static abstract TSelf Wrap(WeightSet set);
}
