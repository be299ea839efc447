using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>lenet_mnist</c> benchmark, LeNet (MNIST), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class LeNetMnist
{
    private readonly LeNetMnistWeights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">LeNetMnistWeights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public LeNetMnist() : this(LeNetMnistWeights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public LeNetMnist(LeNetMnistWeights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 1, 28, 28).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 1, 28, 28, seed: 7);

    /// <summary>The network: input (N, 1, 28, 28) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add tanh pool_max
        x = Convolution(x, w.Conv1, 2, 2, 1, 1);
        x = Add(x, w.Bias1);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 2: conv add tanh pool_max
        x = Convolution(x, w.Conv2, 2, 2, 1, 1);
        x = Add(x, w.Bias2);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 3: mul add tanh
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);
        x = Tanh(x);

        // node 4: mul add tanh
        x = Gemm(x, w.Dense2);
        x = Add(x, w.DenseBias2);
        x = Tanh(x);

        // node 5: softmax
        return Softmax(x);
    }
}
