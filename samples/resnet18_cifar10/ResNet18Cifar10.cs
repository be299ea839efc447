using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>resnet18_cifar10</c> benchmark, ResNet18 (CIFAR-10; 3 stages of 16/32/64 channels), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class ResNet18Cifar10
{
    private readonly ResNet18Cifar10Weights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">ResNet18Cifar10Weights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public ResNet18Cifar10() : this(ResNet18Cifar10Weights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public ResNet18Cifar10(ResNet18Cifar10Weights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 3, 32, 32).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 3, 32, 32, seed: 7);

    /// <summary>The network: input (N, 3, 32, 32) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        Tensor y;
        // node 1: conv add relu
        x = Convolution(x, w.Conv1, 1, 1, 1, 1);
        x = Add(x, w.Bias1);
        x = Relu(x);

        // node 2: conv add relu
        y = Convolution(x, w.Conv2, 1, 1, 1, 1);
        y = Add(y, w.Bias2);
        y = Relu(y);

        // node 3: conv add
        y = Convolution(y, w.Conv3, 1, 1, 1, 1);
        y = Add(y, w.Bias3);

        // node 4: add (residual)
        x = Add(x, y);

        // node 5: relu
        x = Relu(x);

        // node 6: conv add relu
        y = Convolution(x, w.Conv4, 1, 1, 1, 1);
        y = Add(y, w.Bias4);
        y = Relu(y);

        // node 7: conv add
        y = Convolution(y, w.Conv5, 1, 1, 1, 1);
        y = Add(y, w.Bias5);

        // node 8: add (residual)
        x = Add(x, y);

        // node 9: relu
        x = Relu(x);

        // node 10: conv add relu
        y = Convolution(x, w.Conv6, 1, 1, 1, 1);
        y = Add(y, w.Bias6);
        y = Relu(y);

        // node 11: conv add
        y = Convolution(y, w.Conv7, 1, 1, 1, 1);
        y = Add(y, w.Bias7);

        // node 12: add (residual)
        x = Add(x, y);

        // node 13: relu
        x = Relu(x);

        // node 14: conv add relu
        y = Convolution(x, w.Conv8, 1, 1, 2, 2);
        y = Add(y, w.Bias8);
        y = Relu(y);

        // node 15: conv add
        y = Convolution(y, w.Conv9, 1, 1, 1, 1);
        y = Add(y, w.Bias9);

        // node 16: conv add
        x = Convolution(x, w.Conv10, 0, 0, 2, 2);
        x = Add(x, w.Bias10);

        // node 17: add (residual: shortcut + main)
        x = Add(x, y);

        // node 18: relu
        x = Relu(x);

        // node 19: conv add relu
        y = Convolution(x, w.Conv11, 1, 1, 1, 1);
        y = Add(y, w.Bias11);
        y = Relu(y);

        // node 20: conv add
        y = Convolution(y, w.Conv12, 1, 1, 1, 1);
        y = Add(y, w.Bias12);

        // node 21: add (residual)
        x = Add(x, y);

        // node 22: relu
        x = Relu(x);

        // node 23: conv add relu
        y = Convolution(x, w.Conv13, 1, 1, 1, 1);
        y = Add(y, w.Bias13);
        y = Relu(y);

        // node 24: conv add
        y = Convolution(y, w.Conv14, 1, 1, 1, 1);
        y = Add(y, w.Bias14);

        // node 25: add (residual)
        x = Add(x, y);

        // node 26: relu
        x = Relu(x);

        // node 27: conv add relu
        y = Convolution(x, w.Conv15, 1, 1, 2, 2);
        y = Add(y, w.Bias15);
        y = Relu(y);

        // node 28: conv add
        y = Convolution(y, w.Conv16, 1, 1, 1, 1);
        y = Add(y, w.Bias16);

        // node 29: conv add
        x = Convolution(x, w.Conv17, 0, 0, 2, 2);
        x = Add(x, w.Bias17);

        // node 30: add (residual: shortcut + main)
        x = Add(x, y);

        // node 31: relu
        x = Relu(x);

        // node 32: conv add relu
        y = Convolution(x, w.Conv18, 1, 1, 1, 1);
        y = Add(y, w.Bias18);
        y = Relu(y);

        // node 33: conv add
        y = Convolution(y, w.Conv19, 1, 1, 1, 1);
        y = Add(y, w.Bias19);

        // node 34: add (residual)
        x = Add(x, y);

        // node 35: relu
        x = Relu(x);

        // node 36: conv add relu
        y = Convolution(x, w.Conv20, 1, 1, 1, 1);
        y = Add(y, w.Bias20);
        y = Relu(y);

        // node 37: conv add
        y = Convolution(y, w.Conv21, 1, 1, 1, 1);
        y = Add(y, w.Bias21);

        // node 38: add (residual)
        x = Add(x, y);

        // node 39: relu
        x = Relu(x);

        // node 40: pool_mean
        x = Pooling(x, PoolKind.Mean, 8, 8, 0, 0, 8, 8);

        // node 41: mul add
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);

        // node 42: softmax
        return Softmax(x);
    }
}
