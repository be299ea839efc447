using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// Ops on a backend with memory of its own (<see cref="IDeviceKernels"/>): results stay in device memory until the host
/// reads them, host operands are uploaded once, half ops get half operands, and the values are the Reference backend's.
/// </summary>
public sealed class DeviceBackendTests
{
    private static T On<T>(IBackend backend, Func<T> body)
    {
        using (TensorContext.Enter(TensorContext.Current.WithBackend(backend))) return body();
    }

    // conv → bias → relu → pool → batch norm → clipped relu → tanh → residual add → flatten → gemm → softmax.
    private static Tensor Network(bool half, Tensor x, Tensor w, Tensor b, Tensor g, Tensor beta, Tensor m, Tensor v, Tensor fc)
    {
        Tensor c = half ? Ops.ConvApproxHalf(x, w, 1, 1, 1, 1, 2, 1, 1, 0) : Ops.ConvApprox(x, w, 1, 1, 1, 1, 2, 1, 1, 0);
        Tensor r = half ? Ops.HalfRelu(Ops.HalfAdd(c, b)) : Ops.Relu(Ops.Add(c, b));
        Tensor p = half ? Ops.HalfPooling(r, PoolKind.Max, 2, 2, 0, 0, 2, 2) : Ops.Pooling(r, PoolKind.Max, 2, 2, 0, 0, 2, 2);
        Tensor n = half ? Ops.HalfBatchNorm(p, g, beta, m, v, 1e-3) : Ops.BatchNorm(p, g, beta, m, v, 1e-3);
        Tensor t = half ? Ops.HalfTanh(Ops.HalfClippedRelu(n, 0.5f)) : Ops.Tanh(Ops.ClippedRelu(n, 0.5f));
        Tensor s = half ? Ops.HalfAdd(t, n) : Ops.Add(t, n);
        Tensor mean = half ? Ops.HalfPooling(s, PoolKind.Mean, 3, 3, 1, 1, 1, 1) : Ops.Pooling(s, PoolKind.Mean, 3, 3, 1, 1, 1, 1);
        Tensor f = Ops.Flatten(mean);
        Tensor o = half ? Ops.HalfGemm(f, fc) : Ops.Gemm(f, fc);
        return Ops.Softmax(o);
    }

    private static (Tensor X, Tensor W, Tensor B, Tensor G, Tensor Beta, Tensor M, Tensor V, Tensor Fc) Inputs()
    {
        Tensor v = Tensor.Random([4], seed: 16);
        Span<float> variance = v.AsFloatSpan();
        for (int i = 0; i < variance.Length; i++) variance[i] = Math.Abs(variance[i]) + 0.1f;
        return (Tensor.Random([2, 3, 8, 8], seed: 10), Tensor.Random([4, 3, 3, 3], seed: 11), Tensor.Random([4], seed: 12),
            Tensor.Random([4], seed: 13), Tensor.Random([4], seed: 14), Tensor.Random([4], seed: 15), v, Tensor.Random([64, 10], seed: 17));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ANetworkOnADeviceGivesTheReferenceBackendsBits(bool half)
    {
        var i = Inputs();
        float[] expected = On(new ReferenceBackend(), () => Network(half, i.X, i.W, i.B, i.G, i.Beta, i.M, i.V, i.Fc).ToArray());
        var device = new HostMemoryDevice();
        float[] actual = On(device, () => Network(half, i.X, i.W, i.B, i.G, i.Beta, i.M, i.V, i.Fc).ToArray());
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[k]) == BitConverter.SingleToInt32Bits(actual[k]), $"element {k}: {actual[k]:R} vs {expected[k]:R}");
    }

    [Fact]
    public void AResultStaysOnTheDeviceUntilTheHostReadsItThenOneDownloadIsCounted()
    {
        var device = new HostMemoryDevice();
        using Tensor x = Tensor.Random([1, 2, 4, 4], seed: 1);
        using Tensor y = On(device, () => Ops.Relu(x));
        Assert.True(y.IsOnDeviceOnly);
        Assert.Same(device.Storage, y.Storage);
        long d2h = TransferCounters.D2HCount;
        float[] first = y.ToArray();
        float[] second = y.ToArray();
        Assert.Equal(1, TransferCounters.D2HCount - d2h);
        Assert.False(y.IsOnDeviceOnly);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AHostOperandIsUploadedOnceAndKeptUntilItsHostValuesMayChange()
    {
        var device = new HostMemoryDevice();
        using Tensor x = Tensor.Random([1, 2, 4, 4], seed: 2), w = Tensor.Random([3, 2, 3, 3], seed: 3);
        long h2d = TransferCounters.H2DCount;
        float[] before = On(device, () =>
        {
            using var scope = new TensorScope();
            Ops.Convolution(x, w, 1, 1, 1, 1);
            return Ops.Convolution(x, w, 1, 1, 1, 1).ToArray();
        });
        Assert.Equal(2, TransferCounters.H2DCount - h2d); // x and w, once each
        w.AsFloatSpan()[0] += 1f; // the host values change: the device copy is dropped
        float[] after = On(device, () => Ops.Convolution(x, w, 1, 1, 1, 1).ToArray());
        Assert.Equal(3, TransferCounters.H2DCount - h2d);
        float[] expected = On(new ReferenceBackend(), () => Ops.Convolution(x, w, 1, 1, 1, 1).ToArray());
        Assert.Equal(expected, after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void AHalfOpConvertsAFloatWeightOnTheDeviceOnceAndAnActivationOnEveryCall()
    {
        var device = new HostMemoryDevice();
        using Tensor x = Tensor.Random([1, 2, 4, 4], seed: 4), w = Tensor.Random([3, 2, 3, 3], seed: 5);
        long f2h = ConversionCounters.F2HCount;
        On(device, () =>
        {
            using var scope = new TensorScope();
            Ops.HalfConvolution(x, w, 1, 1, 1, 1);
            return Ops.HalfConvolution(x, w, 1, 1, 1, 1);
        });
        Assert.Equal(x.Length * 2 + w.Length, ConversionCounters.F2HCount - f2h);
    }

    [Fact]
    public void DisposingTensorsGivesTheirDeviceValuesBack()
    {
        var device = new HostMemoryDevice();
        using Tensor x = Tensor.Random([1, 2, 4, 4], seed: 6);
        On(device, () =>
        {
            using (new TensorScope())
            {
                Tensor y = Ops.Relu(x);
                Ops.Tanh(y).ToArray();
            }
            return 0;
        });
        Assert.Equal(1, device.Alive); // x's uploaded copy, kept on x
        x.Dispose();
        Assert.Equal(0, device.Alive);
    }

    [Fact]
    public void SynchronizeWaitsOnlyOnADeviceBackend()
    {
        var device = new HostMemoryDevice();
        On(device, () => { Backend.Synchronize(); return 0; });
        Assert.Equal(1, device.Synchronizations);
        On(new ReferenceBackend(), () => { Backend.Synchronize(); return 0; });
        Assert.Equal(1, device.Synchronizations);
    }
}
