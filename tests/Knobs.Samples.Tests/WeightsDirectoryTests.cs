using System;
using System.IO;

namespace Knobs.Samples.Tests;

/// <summary>Tests that set KNOBS_WEIGHTS_DIR (process-wide) run one at a time.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class WeightsDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "knobs-weights-dir-" + Guid.NewGuid().ToString("N"));
    private readonly string? _saved = Environment.GetEnvironmentVariable(WeightsDirectory.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(WeightsDirectory.EnvironmentVariable, _saved);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void UnsetMeansSeededWeights()
    {
        Environment.SetEnvironmentVariable(WeightsDirectory.EnvironmentVariable, null);

        Assert.Null(WeightsDirectory.Resolve("alexnet_cifar10"));
        Assert.Equal("seed 42", AlexNetCifar10Weights.Default().Set.Source);
    }

    [Fact]
    public void ModelParamsFolderResolvesToTheNetworkSubfolder()
    {
        Directory.CreateDirectory(Path.Combine(_root, "lenet_mnist"));
        Environment.SetEnvironmentVariable(WeightsDirectory.EnvironmentVariable, _root);

        Assert.Equal(Path.Combine(_root, "lenet_mnist"), WeightsDirectory.Resolve("lenet_mnist"));
        Assert.Equal(_root, WeightsDirectory.Resolve("alexnet_cifar10"));
    }

    [Fact]
    public void DefaultLoadsFromKnobsWeightsDir()
    {
        LeNetMnistWeights.Create(9).Set.Save(Path.Combine(_root, "lenet_mnist"));
        Environment.SetEnvironmentVariable(WeightsDirectory.EnvironmentVariable, _root);

        var loaded = LeNetMnistWeights.Default();

        Assert.Equal(Path.Combine(_root, "lenet_mnist"), loaded.Set.Source);
        Assert.Equal(LeNetMnistWeights.Create(9).Set["dense_2_w"].ToArray(), loaded.Set["dense_2_w"].ToArray());
    }

    [Fact]
    public void DefaultWithAnEmptyWeightsDirFailsNamingTheFiles()
    {
        Directory.CreateDirectory(_root);
        Environment.SetEnvironmentVariable(WeightsDirectory.EnvironmentVariable, _root);

        var e = Assert.Throws<WeightFileException>(() => LeNetMnistWeights.Default());

        Assert.Contains("8 of 8 weight files for lenet_mnist are missing", e.Message);
        Assert.Contains(Path.Combine(_root, "conv2d_1_w.bin"), e.Message);
    }
}
