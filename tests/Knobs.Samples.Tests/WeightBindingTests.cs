using System;
using System.Linq;
using System.Reflection;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

/// <summary>
/// A weights class binds each property to its HPVM file by name on first read: every tensor of the table must
/// be read by exactly one property, and every property must name a tensor of the table.
/// </summary>
public class WeightBindingTests
{
    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void EveryWeightOfTheTableHasExactlyOneProperty(string network)
    {
        object weights = Create(network);
        var set = (WeightSet)weights.GetType().GetProperty("Set")!.GetValue(weights)!;
        var properties = weights.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(Tensor))
            .ToArray();

        var bound = properties.Select(p => (p.Name, Tensor: (Tensor)p.GetValue(weights)!)).ToArray();

        Assert.Equal(set.Specs.Count, bound.Length);
        Assert.All(bound, b => Assert.Single(set.Specs, s => ReferenceEquals(set[s.Name], b.Tensor)));
        Assert.All(set.Specs, s => Assert.Single(bound, b => ReferenceEquals(set[s.Name], b.Tensor)));
        Assert.All(properties, p => Assert.Same(p.GetValue(weights), p.GetValue(weights)));
    }

    private static object Create(string network) => network switch
    {
        "lenet_mnist" => LeNetMnistWeights.Create(1),
        "alexnet_cifar10" => AlexNetCifar10Weights.Create(1),
        "alexnet2_cifar10" => AlexNet2Cifar10Weights.Create(1),
        "vgg16_cifar10" => Vgg16Cifar10Weights.Create(1),
        "resnet18_cifar10" => ResNet18Cifar10Weights.Create(1),
        "mobilenet_cifar10" => MobileNetCifar10Weights.Create(1),
        "lenet_digits" => LeNetDigitsWeights.Create(1),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };
}
