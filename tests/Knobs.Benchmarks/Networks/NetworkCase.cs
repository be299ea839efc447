using System;
using Knobs.Samples;
using Knobs.Tensors;

namespace Knobs.Benchmarks.Networks;

/// <summary>One network of the suite: the Knobs template (fp32, uninstrumented) with seeded weights.</summary>
internal sealed record NetworkCase(string Name, WeightSet Weights, Func<Tensor, Tensor> Run, int[] InputShape)
{
    /// <summary>The seed every implementation's weights come from (Knobs draws them, the peers load the export).</summary>
    public const int Seed = 42;

    /// <summary>The networks the suite compares.</summary>
    public static NetworkCase[] All()
    {
        var alexWeights = AlexNetCifar10Weights.Create(Seed);
        var alex = new AlexNetCifar10(alexWeights);
        var resnetWeights = ResNet18Cifar10Weights.Create(Seed);
        var resnet = new ResNet18Cifar10(resnetWeights);
        return
        [
            new(AlexNetCifar10Weights.Network, alexWeights.Set, alex.Run, [3, 32, 32]),
            new(ResNet18Cifar10Weights.Network, resnetWeights.Set, resnet.Run, [3, 32, 32]),
        ];
    }
}
