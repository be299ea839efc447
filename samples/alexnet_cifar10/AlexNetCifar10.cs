using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>alexnet_cifar10</c> benchmark, AlexNet (CIFAR-10), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class AlexNetCifar10
{
    private readonly AlexNetCifar10Weights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">AlexNetCifar10Weights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public AlexNetCifar10() : this(AlexNetCifar10Weights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public AlexNetCifar10(AlexNetCifar10Weights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 3, 32, 32).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 3, 32, 32, seed: 7);

    /// <summary>The network: input (N, 3, 32, 32) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add tanh pool_max
        x = Convolution(x, w.Conv1, 5, 5, 1, 1);
        x = Add(x, w.Bias1);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 2: conv add tanh pool_max
        x = Convolution(x, w.Conv2, 2, 2, 1, 1);
        x = Add(x, w.Bias2);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 3: conv add tanh
        x = Convolution(x, w.Conv3, 1, 1, 1, 1);
        x = Add(x, w.Bias3);
        x = Tanh(x);

        // node 4: conv add tanh
        x = Convolution(x, w.Conv4, 1, 1, 1, 1);
        x = Add(x, w.Bias4);
        x = Tanh(x);

        // node 5: conv add tanh pool_max
        x = Convolution(x, w.Conv5, 1, 1, 1, 1);
        x = Add(x, w.Bias5);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 6: mul add
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);

        // node 7: softmax
        return Softmax(x);
    }
}
