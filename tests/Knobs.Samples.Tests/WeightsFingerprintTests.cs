using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Knobs.Runtime;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

/// <summary>
/// Pins every sample's seeded weights (names, shapes, order, values) and its class probabilities at batch 1
/// and 4 to the bit: the SHA-256 values were recorded from the samples as they were before their weight
/// classes became table-driven, so any change in how weights are declared, drawn or bound shows up here.
/// </summary>
public class WeightsFingerprintTests
{
    private static readonly Dictionary<string, (string Weights, string Batch1, string Batch4)> Expected = new()
    {
        ["lenet_mnist"] = ("d5c8f4e87a38e98f4b03b5007eb67656b46aa799dd167b87cae5c02187765c69", "2747fc1a411b6f9edbe810d4b5016e8a7e2289db9526124ee234327f0095d46d", "ee180480c21b26b74b23a4e07fc6def0c618cecf7b4342ab9477c0030dcdfc04"),
        ["alexnet_cifar10"] = ("c73418a8e8e417cea7a385900787769f645ccaa18323aca85479cf30a048a0a4", "8e6c5cb3eb76824fb07c8169e54f6fe90541d30333e089cbf8fb0e5305ab9b25", "9bf5f7b6728d0b5d879b67dd683dc1942331a0c5a7f03b53634b7463af8b25c5"),
        ["alexnet2_cifar10"] = ("8828165569ce96b0c77325c63a97893e01292f95f7514c3ba743d424c78bed07", "cb32729ff460c2d5665e7662cd884b0717ee705c303d5519589c01b378f5ae3f", "47ee2acdf0a0b57533033e724bdc81d8f8529f970503d9ed18f6fd69ba2a921a"),
        ["vgg16_cifar10"] = ("4f53e8c75db2f425bcb77bab13ce9b48d541ff4ca784d88a9c41419294823023", "5ac4970583a0f860f4638fa04f9cfb577aa71a1d0c921088ef2d189c10e332a2", "ac0a9b348fe3bb283cf59700bec6654a61f5f17d1f5725ac8b9509dba1bf81ab"),
        ["resnet18_cifar10"] = ("2657595a055d17fbc221ab8c50fc0057693360aea59f93259a31e8042daf1806", "c736da6cfa9469bd14979defed02a7bd05937e1a2ac86c1e997469d04302711b", "6f5af49c4ec14bb479358892cbfdf525e3bdf7b2d5cd473448a2ce42cbfcdc97"),
        ["mobilenet_cifar10"] = ("e1bd672d3760ed5b7951a627b0e57fbc3e7958812b7d2c13026bb1e078b34f85", "7363265a1d7d0f930a8324ffd4de6e39e0b885f40fe4270d0dbcd1233ca3fc97", "e0d0e2913afb668315353ac4ea7329fb411f393ecaab3f3a34a722150853b35c"),
    };

    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void SeededWeightsAreBitIdenticalToTheRecordedOnes(string network)
    {
        var (set, _) = Seeded(network);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var spec in set.Specs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(spec.Name + spec.ShapeText + spec.Role + spec.Gain.ToString("R", CultureInfo.InvariantCulture)));
            sha.AppendData(Bits(set[spec.Name].ToArray()));
        }
        string actual = Hex(sha.GetHashAndReset());
        Assert.True(Expected[network].Weights == actual, $"{network} weights: {actual}");
    }

    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void Fp32OutputIsBitIdenticalToTheRecordedOneAtBatch1And4(string network)
    {
        var (_, run) = Seeded(network);
        string batch1 = OutputHash(run, 1), batch4 = OutputHash(run, 4);
        Assert.True(Expected[network].Batch1 == batch1, $"{network} batch 1: {batch1}");
        Assert.True(Expected[network].Batch4 == batch4, $"{network} batch 4: {batch4}");
    }

    // The generated fp32 variant is a row over the one switched Run that profiling and validation measure too.
    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void GeneratedFp32VariantGivesTheRecordedOutputAtBatch1And4(string network)
    {
        BenchmarkVariant fp32 = GeneratedRegistry.For(Sample.Get(network).Template).CreateVariant("fp32_11");
        Func<int, float[]> run = batch => fp32.Run(fp32.Input(batch)).ToArray();
        string batch1 = OutputHash(run, 1), batch4 = OutputHash(run, 4);
        Assert.True(Expected[network].Batch1 == batch1, $"{network} fp32_11 batch 1: {batch1}");
        Assert.True(Expected[network].Batch4 == batch4, $"{network} fp32_11 batch 4: {batch4}");
    }

    private static string OutputHash(Func<int, float[]> run, int batch) => Hex(SHA256.HashData(Bits(run(batch))));

    // The template's own Input and Run with the default weights seed (42), as the app runs it.
    private static (WeightSet Set, Func<int, float[]> Run) Seeded(string network) => network switch
    {
        "lenet_mnist" => With(LeNetMnistWeights.Create(42), w => new LeNetMnist(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        "alexnet_cifar10" => With(AlexNetCifar10Weights.Create(42), w => new AlexNetCifar10(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        "alexnet2_cifar10" => With(AlexNet2Cifar10Weights.Create(42), w => new AlexNet2Cifar10(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        "vgg16_cifar10" => With(Vgg16Cifar10Weights.Create(42), w => new Vgg16Cifar10(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        "resnet18_cifar10" => With(ResNet18Cifar10Weights.Create(42), w => new ResNet18Cifar10(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        "mobilenet_cifar10" => With(MobileNetCifar10Weights.Create(42), w => new MobileNetCifar10(w), w => w.Set, (t, b) => t.Run(t.Input(b))),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    private static (WeightSet, Func<int, float[]>) With<TWeights, TTemplate>(
        TWeights weights, Func<TWeights, TTemplate> template, Func<TWeights, WeightSet> set, Func<TTemplate, int, Tensor> run)
    {
        var t = template(weights);
        return (set(weights), batch => run(t, batch).ToArray());
    }

    // Little-endian float32 bits, as HPVM's files store them.
    private static byte[] Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
