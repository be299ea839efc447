using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>vgg16_cifar10</c> benchmark, VGG16 (CIFAR-10), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class Vgg16Cifar10
{
    private readonly Vgg16Cifar10Weights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">Vgg16Cifar10Weights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public Vgg16Cifar10() : this(Vgg16Cifar10Weights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public Vgg16Cifar10(Vgg16Cifar10Weights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 3, 32, 32).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 3, 32, 32, seed: 7);

    /// <summary>The network: input (N, 3, 32, 32) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add relu
        x = Convolution(x, w.Conv1, 1, 1, 1, 1);
        x = Add(x, w.Bias1);
        x = Relu(x);

        // node 2: conv add relu pool_max
        x = Convolution(x, w.Conv2, 1, 1, 1, 1);
        x = Add(x, w.Bias2);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 3: conv add relu
        x = Convolution(x, w.Conv3, 1, 1, 1, 1);
        x = Add(x, w.Bias3);
        x = Relu(x);

        // node 4: conv add relu pool_max
        x = Convolution(x, w.Conv4, 1, 1, 1, 1);
        x = Add(x, w.Bias4);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 5: conv add relu
        x = Convolution(x, w.Conv5, 1, 1, 1, 1);
        x = Add(x, w.Bias5);
        x = Relu(x);

        // node 6: conv add relu
        x = Convolution(x, w.Conv6, 1, 1, 1, 1);
        x = Add(x, w.Bias6);
        x = Relu(x);

        // node 7: conv add relu pool_max
        x = Convolution(x, w.Conv7, 1, 1, 1, 1);
        x = Add(x, w.Bias7);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 8: conv add relu
        x = Convolution(x, w.Conv8, 1, 1, 1, 1);
        x = Add(x, w.Bias8);
        x = Relu(x);

        // node 9: conv add relu
        x = Convolution(x, w.Conv9, 1, 1, 1, 1);
        x = Add(x, w.Bias9);
        x = Relu(x);

        // node 10: conv add relu pool_max
        x = Convolution(x, w.Conv10, 1, 1, 1, 1);
        x = Add(x, w.Bias10);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 11: conv add relu
        x = Convolution(x, w.Conv11, 1, 1, 1, 1);
        x = Add(x, w.Bias11);
        x = Relu(x);

        // node 12: conv add relu
        x = Convolution(x, w.Conv12, 1, 1, 1, 1);
        x = Add(x, w.Bias12);
        x = Relu(x);

        // node 13: conv add relu pool_max
        x = Convolution(x, w.Conv13, 1, 1, 1, 1);
        x = Add(x, w.Bias13);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 14: mul add relu
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);
        x = Relu(x);

        // node 15: mul add
        x = Gemm(x, w.Dense2);
        x = Add(x, w.DenseBias2);

        // node 16: softmax
        return Softmax(x);
    }
}
