using System;
using System.IO;
using System.Linq;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

public sealed class WeightLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-samples-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void LoadReadsBackExactlyWhatSaveWrote()
    {
        var seeded = LeNetMnistWeights.Create(5);
        seeded.Set.Save(_dir);

        var loaded = LeNetMnistWeights.Load(_dir);

        foreach (var spec in LeNetMnistWeights.Specs)
        {
            Assert.Equal(seeded.Set[spec.Name].ToArray(), loaded.Set[spec.Name].ToArray());
            Assert.Equal(spec.Shape, loaded.Set[spec.Name].Shape);
        }
        Assert.Equal(Path.GetFullPath(_dir), loaded.Set.Source);
    }

    [Fact]
    public void MissingFileIsNamedWithItsExpectedSize()
    {
        LeNetMnistWeights.Create(5).Set.Save(_dir);
        File.Delete(Path.Combine(_dir, "dense_1_w.bin"));

        var e = Assert.Throws<WeightFileException>(() => LeNetMnistWeights.Load(_dir));

        Assert.Contains(Path.Combine(_dir, "dense_1_w.bin") + ": missing (expected 12845056 bytes: float32 [1,1,3136,1024])", e.Message);
        Assert.Contains("1 of 8 weight files for lenet_mnist", e.Message);
        Assert.Contains("KNOBS_WEIGHTS_DIR", e.Message);
    }

    [Fact]
    public void MisSizedFileIsNamedWithExpectedAndActualBytes()
    {
        LeNetMnistWeights.Create(5).Set.Save(_dir);
        File.WriteAllBytes(Path.Combine(_dir, "conv2d_2_b.bin"), new byte[100]);
        File.Delete(Path.Combine(_dir, "conv2d_1_w.bin"));

        var e = Assert.Throws<WeightFileException>(() => LeNetMnistWeights.Load(_dir));

        Assert.Contains(Path.Combine(_dir, "conv2d_2_b.bin") + ": 100 bytes, expected 256 bytes (float32 [1,64,1,1])", e.Message);
        Assert.Contains(Path.Combine(_dir, "conv2d_1_w.bin") + ": missing", e.Message);
        Assert.Contains("2 of 8", e.Message);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        var e = Assert.Throws<WeightFileException>(() => AlexNetCifar10Weights.Load(_dir));

        Assert.StartsWith(_dir + ": weight folder for alexnet_cifar10 does not exist.", e.Message);
    }

    [Fact]
    public void SeededWeightsDependOnlyOnTheSeed()
    {
        var a = AlexNet2Cifar10Weights.Create(42).Set;
        var b = AlexNet2Cifar10Weights.Create(42).Set;
        var c = AlexNet2Cifar10Weights.Create(43).Set;

        foreach (var spec in AlexNet2Cifar10Weights.Specs)
        {
            Assert.Equal(a[spec.Name].ToArray(), b[spec.Name].ToArray());
            Assert.NotEqual(a[spec.Name].ToArray(), c[spec.Name].ToArray());
        }
    }

    [Fact]
    public void SeededFiltersAreScaledByFanIn()
    {
        var set = Vgg16Cifar10Weights.Create(42).Set;

        // He scaling for relu layers, corrected for centring: std = gain / sqrt(fan-in); conv2d_9 has fan-in 512·3·3.
        float[] w = set["conv2d_9_w"].ToArray();
        double mean = w.Average(v => (double)v);
        double std = Math.Sqrt(w.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(SeededValues.CentredReluGain / Math.Sqrt(512 * 9), std, 1e-6);
        Assert.Equal(0.0, mean, 1e-6);
        // Each output channel's filter sums to zero.
        for (int k = 0; k < 512; k++) Assert.Equal(0.0, w.Skip(k * 4608).Take(4608).Sum(v => (double)v), 1e-4);
    }

    [Fact]
    public void SeededDenseColumnsSumToZeroAndDepthwiseFiltersDoNot()
    {
        var set = MobileNetCifar10Weights.Create(42).Set;

        float[] dense = set["dense_1_w"].ToArray();   // [1, 1, 1024, 10]
        for (int o = 0; o < 10; o++) Assert.Equal(0.0, Enumerable.Range(0, 1024).Sum(i => (double)dense[i * 10 + o]), 1e-4);
        float[] dw = set["depthwise_conv2d_1_w"].ToArray();   // [32, 1, 3, 3]: one channel each, left uncentred
        Assert.Contains(Enumerable.Range(0, 32), k => Math.Abs(dw.Skip(k * 9).Take(9).Sum(v => (double)v)) > 1e-3);
    }

    [Fact]
    public void SeededBatchNormVarianceIsPositive()
    {
        var set = MobileNetCifar10Weights.Create(42).Set;

        foreach (var spec in MobileNetCifar10Weights.Specs.Where(s => s.Role == WeightRole.BatchNormVariance))
        {
            Assert.All(set[spec.Name].ToArray(), v => Assert.True(v >= 1f));
        }
    }
}
