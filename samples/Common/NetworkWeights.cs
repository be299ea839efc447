using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// A sample's weights as a named view over a <see cref="WeightSet"/>: the sample declares its table
/// (<see cref="INetworkWeights{TSelf}.Specs"/>) and one property per tensor, e.g.
/// <c>public Tensor Conv1 =&gt; field ??= this["conv2d_1_w"];</c>; the factories live here, once.
/// </summary>
/// <typeparam name="TSelf">The weights class itself.</typeparam>
public abstract class NetworkWeights<TSelf>
    where TSelf : NetworkWeights<TSelf>, INetworkWeights<TSelf>
{
    /// <summary>The weights over <paramref name="set"/>.</summary>
    protected NetworkWeights(WeightSet set) => Set = set;

    /// <summary>The tensors by HPVM file name (for export and inspection).</summary>
    public WeightSet Set { get; }

    /// <summary>
    /// The tensor stored under an HPVM file name. Properties cache what this returns: a template's op call
    /// reads its weight inside the profiler's timing, where a field read costs less than a lookup.
    /// </summary>
    protected Tensor this[string name] => Set[name];

    /// <summary>Deterministic weights drawn from <paramref name="seed"/> (see <see cref="WeightSet.Create"/>).</summary>
    public static TSelf Create(int seed) => TSelf.Wrap(WeightSet.Create(TSelf.Network, TSelf.Specs, seed));

    /// <summary>HPVM's weight files from <paramref name="folder"/> (a clear error names any missing or mis-sized file).</summary>
    public static TSelf Load(string folder) => TSelf.Wrap(WeightSet.Load(TSelf.Network, TSelf.Specs, folder));

    /// <summary>Real weights when KNOBS_WEIGHTS_DIR / KnobsWeightsDir is set, otherwise <c>Create(42)</c>.</summary>
    public static TSelf Default() => TSelf.Wrap(WeightSet.Default(TSelf.Network, TSelf.Specs, seed: 42));
}
