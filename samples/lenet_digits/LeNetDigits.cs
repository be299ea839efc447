using System;
using System.IO;
using System.Runtime.InteropServices;
using Knobs.Runtime;
using Knobs.Tensors;
using static Knobs.Tensors.Ops;

namespace Knobs.Samples;

/// <summary>
/// A small LeNet trained on real labelled data (scikit-learn's 8×8 handwritten digits, by train.py), so the
/// accuracy each knob loses is measured, not modelled. Not an HPVM benchmark: the layers follow lenet_mnist's
/// pattern (conv add tanh pool_max, twice; mul add tanh; mul add; softmax) at 8×8.
/// </summary>
[KnobBenchmark]
public partial class LeNetDigits
{
    /// <summary>Each image: 1 channel of 8×8.</summary>
    public const int Channels = 1, Height = 8, Width = 8;

    /// <summary>The digits 0–9.</summary>
    public const int Classes = 10;

    private readonly LeNetDigitsWeights w;
    private float[]? testImages;

    /// <summary>Runs with the trained weights in <see cref="DataFolder"/>.</summary>
    public LeNetDigits() : this(LeNetDigitsWeights.Load(DataFolder)) { }

    /// <summary>Runs with the given weights.</summary>
    public LeNetDigits(LeNetDigitsWeights weights) => w = weights;

    /// <summary>
    /// The <c>data</c> folder next to the app (the build copies the sample's <c>data/</c> there): the trained weights,
    /// <c>test_input.bin</c>, <c>test_labels.bin</c> and <c>accuracy.txt</c>.
    /// </summary>
    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The labelled test set: the 360 images train.py held out, with their labels.</summary>
    public LabelledSet Labelled() => LabelledSet.LoadHpvm(
        Path.Combine(DataFolder, "test_input.bin"), Path.Combine(DataFolder, "test_labels.bin"),
        Channels, Height, Width, Classes);

    /// <summary>The first <paramref name="batch"/> test images (N, 1, 8, 8), starting over after the last one.</summary>
    public Tensor Input(int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be at least 1.");
        float[] all = testImages ??= ReadTestImages();
        int size = Channels * Height * Width, count = all.Length / size;
        var data = new float[batch * size];
        for (int i = 0; i < batch; i++) Array.Copy(all, i % count * size, data, i * size, size);
        return Tensor.FromArray(data, batch, Channels, Height, Width);
    }

    /// <summary>The network: input (N, 1, 8, 8) to class probabilities (N, 10, 1, 1).</summary>
    public Tensor Run(Tensor x)
    {
        // node 1: conv add tanh pool_max
        x = Convolution(x, w.Conv1, 1, 1, 1, 1);
        x = Add(x, w.Bias1);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 2: conv add tanh pool_max
        x = Convolution(x, w.Conv2, 1, 1, 1, 1);
        x = Add(x, w.Bias2);
        x = Tanh(x);
        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);

        // node 3: mul add tanh
        x = Gemm(x, w.Dense1);
        x = Add(x, w.DenseBias1);
        x = Tanh(x);

        // node 4: mul add
        x = Gemm(x, w.Dense2);
        x = Add(x, w.DenseBias2);

        // node 5: softmax
        return Softmax(x);
    }

    // Raw little-endian float32, as LabelledSet.LoadHpvm reads it; Input must not depend on the labels file.
    private static float[] ReadTestImages()
    {
        string path = Path.Combine(DataFolder, "test_input.bin");
        byte[] bytes = File.ReadAllBytes(path);
        int imageBytes = sizeof(float) * Channels * Height * Width;
        if (bytes.Length == 0 || bytes.Length % imageBytes != 0)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole, non-zero number of {Channels}x{Height}x{Width} float32 images.");
        }
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
