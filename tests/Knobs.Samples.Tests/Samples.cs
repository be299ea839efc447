using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Samples;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

/// <summary>The samples as the tests see them.</summary>
public sealed record Sample(string Network, Type Template, IReadOnlyList<WeightSpec> Specs, int[] InputShape, Func<int, Func<Tensor, Tensor>> Seeded)
{
    /// <summary>HPVM's six benchmarks: their node lists, weight totals, configurations and seeded outputs are pinned to HPVM's files.</summary>
    public static readonly Sample[] Hpvm =
    [
        new(LeNetMnistWeights.Network, typeof(LeNetMnist), LeNetMnistWeights.Specs, [1, 28, 28], s => new LeNetMnist(LeNetMnistWeights.Create(s)).Run),
        new(AlexNetCifar10Weights.Network, typeof(AlexNetCifar10), AlexNetCifar10Weights.Specs, [3, 32, 32], s => new AlexNetCifar10(AlexNetCifar10Weights.Create(s)).Run),
        new(AlexNet2Cifar10Weights.Network, typeof(AlexNet2Cifar10), AlexNet2Cifar10Weights.Specs, [3, 32, 32], s => new AlexNet2Cifar10(AlexNet2Cifar10Weights.Create(s)).Run),
        new(Vgg16Cifar10Weights.Network, typeof(Vgg16Cifar10), Vgg16Cifar10Weights.Specs, [3, 32, 32], s => new Vgg16Cifar10(Vgg16Cifar10Weights.Create(s)).Run),
        new(ResNet18Cifar10Weights.Network, typeof(ResNet18Cifar10), ResNet18Cifar10Weights.Specs, [3, 32, 32], s => new ResNet18Cifar10(ResNet18Cifar10Weights.Create(s)).Run),
        new(MobileNetCifar10Weights.Network, typeof(MobileNetCifar10), MobileNetCifar10Weights.Specs, [3, 32, 32], s => new MobileNetCifar10(MobileNetCifar10Weights.Create(s)).Run),
    ];

    /// <summary>Every sample: HPVM's six and lenet_digits, which is not an HPVM benchmark (its weights are trained by its train.py).</summary>
    public static readonly Sample[] All =
    [
        .. Hpvm,
        new(LeNetDigitsWeights.Network, typeof(LeNetDigits), LeNetDigitsWeights.Specs, [1, 8, 8], s => new LeNetDigits(LeNetDigitsWeights.Create(s)).Run),
    ];

    public static Sample Get(string network) => All.Single(s => s.Network == network);

    /// <summary>xUnit theory data: every sample's network name.</summary>
    public static TheoryData<string> Networks() => Names(All);

    /// <summary>xUnit theory data: the network names of HPVM's six benchmarks.</summary>
    public static TheoryData<string> HpvmNetworks() => Names(Hpvm);

    private static TheoryData<string> Names(IEnumerable<Sample> samples)
    {
        var data = new TheoryData<string>();
        foreach (var s in samples) data.Add(s.Network);
        return data;
    }
}
