using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>alexnet2_cifar10</c> benchmark, AlexNet2 (CIFAR-10), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class AlexNet2Cifar10
{
    private readonly AlexNet2Cifar10Weights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">AlexNet2Cifar10Weights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public AlexNet2Cifar10() : this(AlexNet2Cifar10Weights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public AlexNet2Cifar10(AlexNet2Cifar10Weights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 3, 32, 32).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 3, 32, 32, seed: 7);

    /// <summary>The network: input (N, 3, 32, 32) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add tanh
        x = Convolution(x, w.Conv1, 1, 1, 1, 1);
        x = Add(x, w.Bias1);
        x = Tanh(x);

        // node 2: conv add tanh pool_max
        x = Convolution(x, w.Conv2, 1, 1, 1, 1);
        x = Add(x, w.Bias2);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 3: conv add tanh
        x = Convolution(x, w.Conv3, 1, 1, 1, 1);
        x = Add(x, w.Bias3);
        x = Tanh(x);

        // node 4: conv add tanh pool_max
        x = Convolution(x, w.Conv4, 1, 1, 1, 1);
        x = Add(x, w.Bias4);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 5: conv add tanh
        x = Convolution(x, w.Conv5, 1, 1, 1, 1);
        x = Add(x, w.Bias5);
        x = Tanh(x);

        // node 6: conv add tanh pool_max
        x = Convolution(x, w.Conv6, 1, 1, 1, 1);
        x = Add(x, w.Bias6);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 7: mul add
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);

        // node 8: softmax
        return Softmax(x);
    }
}
