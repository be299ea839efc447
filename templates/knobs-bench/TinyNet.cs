using Knobs;
using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace KnobsBench;

/// <summary>
/// A small convolutional network as a Knobs benchmark template. The build generates one variant of it per knob
/// in knobs.yaml; <c>dotnet msbuild -t:ProfileTable</c> times every op of every variant.
/// </summary>
[KnobBenchmark]
public partial class TinyNet
{
    // Deterministic weights: timing does not depend on their values.
    private readonly Tensor _conv1 = Tensor.Random([8, 1, 3, 3], seed: 1);
    private readonly Tensor _bias1 = Tensor.Random([1, 8, 1, 1], seed: 2);
    private readonly Tensor _conv2 = Tensor.Random([16, 8, 3, 3], seed: 3);
    private readonly Tensor _bias2 = Tensor.Random([1, 16, 1, 1], seed: 4);
    private readonly Tensor _dense = Tensor.Random([16 * 8 * 8, 10], seed: 5);
    private readonly Tensor _denseBias = Tensor.Random([1, 10, 1, 1], seed: 6);

    /// <summary>A deterministic batch of 16×16 single-channel images.</summary>
    public Tensor Input(int batch) => Tensor.Random([batch, 1, 16, 16], seed: 7);

    /// <summary>The network: image to class probabilities.</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add relu pool_max
        x = Convolution(x, _conv1, 1, 1, 1, 1);
        x = Add(x, _bias1);
        x = Relu(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 2: conv add relu
        x = Convolution(x, _conv2, 1, 1, 1, 1);
        x = Add(x, _bias2);
        x = Relu(x);

        // node 3: mul add
        x = Gemm(x, _dense);
        x = Add(x, _denseBias);

        // node 4: softmax
        return Softmax(x);
    }
}
