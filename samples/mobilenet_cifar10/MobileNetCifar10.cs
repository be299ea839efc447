using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// HPVM's <c>mobilenet_cifar10</c> benchmark, MobileNet (CIFAR-10), as a Knobs template: the layer shapes, op order and
/// node structure of tests/data/hpvm/NETWORKS.md, one op per statement. The comments give the HPVM
/// tuner node each statement belongs to; Knobs' generator derives the same grouping.
/// </summary>
[KnobBenchmark]
public partial class MobileNetCifar10
{
    private readonly MobileNetCifar10Weights w;

    /// <summary>Runs with <see cref="NetworkWeights{TSelf}.Default">MobileNetCifar10Weights.Default()</see> weights (real ones when KNOBS_WEIGHTS_DIR is set, else seed 42).</summary>
    public MobileNetCifar10() : this(MobileNetCifar10Weights.Default()) { }

    /// <summary>Runs with the given weights.</summary>
    public MobileNetCifar10(MobileNetCifar10Weights weights) => w = weights;

    /// <summary>A deterministic batch of synthetic images with the dataset's shape (N, 3, 32, 32).</summary>
    public Tensor Input(int batch) => SyntheticImages.Create(batch, 3, 32, 32, seed: 7);

    /// <summary>The network: input (N, 3, 32, 32) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv
        x = Convolution(x, w.Conv1, 1, 1, 1, 1);

        // node 2: batchnorm
        x = BatchNorm(x, w.Bn1Gamma, w.Bn1Beta, w.Bn1Mean, w.Bn1Variance, 0.001);

        // node 3: relu
        x = Relu(x);

        // node 4: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise1, 1, 1, 1, 1, 32);

        // node 5: batchnorm
        x = BatchNorm(x, w.Bn2Gamma, w.Bn2Beta, w.Bn2Mean, w.Bn2Variance, 0.001);

        // node 6: relu
        x = Relu(x);

        // node 7: conv
        x = Convolution(x, w.Conv2, 0, 0, 1, 1);

        // node 8: batchnorm
        x = BatchNorm(x, w.Bn3Gamma, w.Bn3Beta, w.Bn3Mean, w.Bn3Variance, 0.001);

        // node 9: relu
        x = Relu(x);

        // node 10: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise2, 1, 1, 2, 2, 64);

        // node 11: batchnorm
        x = BatchNorm(x, w.Bn4Gamma, w.Bn4Beta, w.Bn4Mean, w.Bn4Variance, 0.001);

        // node 12: relu
        x = Relu(x);

        // node 13: conv
        x = Convolution(x, w.Conv3, 0, 0, 1, 1);

        // node 14: batchnorm
        x = BatchNorm(x, w.Bn5Gamma, w.Bn5Beta, w.Bn5Mean, w.Bn5Variance, 0.001);

        // node 15: relu
        x = Relu(x);

        // node 16: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise3, 1, 1, 1, 1, 128);

        // node 17: batchnorm
        x = BatchNorm(x, w.Bn6Gamma, w.Bn6Beta, w.Bn6Mean, w.Bn6Variance, 0.001);

        // node 18: relu
        x = Relu(x);

        // node 19: conv
        x = Convolution(x, w.Conv4, 0, 0, 1, 1);

        // node 20: batchnorm
        x = BatchNorm(x, w.Bn7Gamma, w.Bn7Beta, w.Bn7Mean, w.Bn7Variance, 0.001);

        // node 21: relu
        x = Relu(x);

        // node 22: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise4, 1, 1, 2, 2, 128);

        // node 23: batchnorm
        x = BatchNorm(x, w.Bn8Gamma, w.Bn8Beta, w.Bn8Mean, w.Bn8Variance, 0.001);

        // node 24: relu
        x = Relu(x);

        // node 25: conv
        x = Convolution(x, w.Conv5, 0, 0, 1, 1);

        // node 26: batchnorm
        x = BatchNorm(x, w.Bn9Gamma, w.Bn9Beta, w.Bn9Mean, w.Bn9Variance, 0.001);

        // node 27: relu
        x = Relu(x);

        // node 28: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise5, 1, 1, 1, 1, 256);

        // node 29: batchnorm
        x = BatchNorm(x, w.Bn10Gamma, w.Bn10Beta, w.Bn10Mean, w.Bn10Variance, 0.001);

        // node 30: relu
        x = Relu(x);

        // node 31: conv
        x = Convolution(x, w.Conv6, 0, 0, 1, 1);

        // node 32: batchnorm
        x = BatchNorm(x, w.Bn11Gamma, w.Bn11Beta, w.Bn11Mean, w.Bn11Variance, 0.001);

        // node 33: relu
        x = Relu(x);

        // node 34: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise6, 1, 1, 2, 2, 256);

        // node 35: batchnorm
        x = BatchNorm(x, w.Bn12Gamma, w.Bn12Beta, w.Bn12Mean, w.Bn12Variance, 0.001);

        // node 36: relu
        x = Relu(x);

        // node 37: conv
        x = Convolution(x, w.Conv7, 0, 0, 1, 1);

        // node 38: batchnorm
        x = BatchNorm(x, w.Bn13Gamma, w.Bn13Beta, w.Bn13Mean, w.Bn13Variance, 0.001);

        // node 39: relu
        x = Relu(x);

        // node 40: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise7, 1, 1, 1, 1, 512);

        // node 41: batchnorm
        x = BatchNorm(x, w.Bn14Gamma, w.Bn14Beta, w.Bn14Mean, w.Bn14Variance, 0.001);

        // node 42: relu
        x = Relu(x);

        // node 43: conv
        x = Convolution(x, w.Conv8, 0, 0, 1, 1);

        // node 44: batchnorm
        x = BatchNorm(x, w.Bn15Gamma, w.Bn15Beta, w.Bn15Mean, w.Bn15Variance, 0.001);

        // node 45: relu
        x = Relu(x);

        // node 46: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise8, 1, 1, 1, 1, 512);

        // node 47: batchnorm
        x = BatchNorm(x, w.Bn16Gamma, w.Bn16Beta, w.Bn16Mean, w.Bn16Variance, 0.001);

        // node 48: relu
        x = Relu(x);

        // node 49: conv
        x = Convolution(x, w.Conv9, 0, 0, 1, 1);

        // node 50: batchnorm
        x = BatchNorm(x, w.Bn17Gamma, w.Bn17Beta, w.Bn17Mean, w.Bn17Variance, 0.001);

        // node 51: relu
        x = Relu(x);

        // node 52: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise9, 1, 1, 1, 1, 512);

        // node 53: batchnorm
        x = BatchNorm(x, w.Bn18Gamma, w.Bn18Beta, w.Bn18Mean, w.Bn18Variance, 0.001);

        // node 54: relu
        x = Relu(x);

        // node 55: conv
        x = Convolution(x, w.Conv10, 0, 0, 1, 1);

        // node 56: batchnorm
        x = BatchNorm(x, w.Bn19Gamma, w.Bn19Beta, w.Bn19Mean, w.Bn19Variance, 0.001);

        // node 57: relu
        x = Relu(x);

        // node 58: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise10, 1, 1, 1, 1, 512);

        // node 59: batchnorm
        x = BatchNorm(x, w.Bn20Gamma, w.Bn20Beta, w.Bn20Mean, w.Bn20Variance, 0.001);

        // node 60: relu
        x = Relu(x);

        // node 61: conv
        x = Convolution(x, w.Conv11, 0, 0, 1, 1);

        // node 62: batchnorm
        x = BatchNorm(x, w.Bn21Gamma, w.Bn21Beta, w.Bn21Mean, w.Bn21Variance, 0.001);

        // node 63: relu
        x = Relu(x);

        // node 64: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise11, 1, 1, 1, 1, 512);

        // node 65: batchnorm
        x = BatchNorm(x, w.Bn22Gamma, w.Bn22Beta, w.Bn22Mean, w.Bn22Variance, 0.001);

        // node 66: relu
        x = Relu(x);

        // node 67: conv
        x = Convolution(x, w.Conv12, 0, 0, 1, 1);

        // node 68: batchnorm
        x = BatchNorm(x, w.Bn23Gamma, w.Bn23Beta, w.Bn23Mean, w.Bn23Variance, 0.001);

        // node 69: relu
        x = Relu(x);

        // node 70: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise12, 1, 1, 2, 2, 512);

        // node 71: batchnorm
        x = BatchNorm(x, w.Bn24Gamma, w.Bn24Beta, w.Bn24Mean, w.Bn24Variance, 0.001);

        // node 72: relu
        x = Relu(x);

        // node 73: conv
        x = Convolution(x, w.Conv13, 0, 0, 1, 1);

        // node 74: batchnorm
        x = BatchNorm(x, w.Bn25Gamma, w.Bn25Beta, w.Bn25Mean, w.Bn25Variance, 0.001);

        // node 75: relu
        x = Relu(x);

        // node 76: group_conv (depthwise)
        x = GroupConvolution(x, w.Depthwise13, 1, 1, 1, 1, 1024);

        // node 77: batchnorm
        x = BatchNorm(x, w.Bn26Gamma, w.Bn26Beta, w.Bn26Mean, w.Bn26Variance, 0.001);

        // node 78: relu
        x = Relu(x);

        // node 79: conv
        x = Convolution(x, w.Conv14, 0, 0, 1, 1);

        // node 80: batchnorm
        x = BatchNorm(x, w.Bn27Gamma, w.Bn27Beta, w.Bn27Mean, w.Bn27Variance, 0.001);

        // node 81: relu
        x = Relu(x);

        // node 82: pool_mean
        x = Pooling(x, PoolKind.Mean, 2, 2, 0, 0, 2, 2);

        // node 83: mul add
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);

        // node 84: softmax
        return Softmax(x);
    }
}
