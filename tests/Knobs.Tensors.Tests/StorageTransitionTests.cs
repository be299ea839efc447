using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// Tensors live in a storage domain; an op on a backend of another domain copies its operands across first, as timed,
/// counted transitions (h2d into a device, d2h out of one), with the same bits as on the host.
/// </summary>
public sealed class StorageTransitionTests
{
    private readonly record struct Transfers(long H2DCount, long H2DBytes, long D2HCount, long D2HBytes);

    private static Transfers Delta(Action body)
    {
        long h2d = TransferCounters.H2DCount, h2dBytes = TransferCounters.H2DBytes, h2dTicks = TransferCounters.H2DTicks;
        long d2h = TransferCounters.D2HCount, d2hBytes = TransferCounters.D2HBytes, d2hTicks = TransferCounters.D2HTicks;
        body();
        var delta = new Transfers(TransferCounters.H2DCount - h2d, TransferCounters.H2DBytes - h2dBytes,
            TransferCounters.D2HCount - d2h, TransferCounters.D2HBytes - d2hBytes);
        Assert.True(TransferCounters.H2DTicks >= h2dTicks && TransferCounters.D2HTicks >= d2hTicks);
        return delta;
    }

    private static ReferenceBackend Device(string name = "ref-device") => new(new StorageDomain(name));

    private static T On<T>(IBackend backend, Func<T> body)
    {
        using (TensorContext.Enter(TensorContext.Current.WithBackend(backend))) return body();
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"element {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void HostTensorsAreInTheHostDomainAndOpResultsInTheirBackends()
    {
        ReferenceBackend device = Device();
        using Tensor x = Tensor.Random([1, 2, 5, 5], seed: 1);
        Assert.True(x.Storage.IsHost);
        using Tensor y = On(device, () => Ops.Relu(x));
        Assert.Same(device.Storage, y.Storage);
        using Tensor made = On(device, () => Tensor.Zeros(2, 2));
        Assert.Same(device.Storage, made.Storage);
        Assert.Same(device.Storage, y.Clone().Storage);
    }

    [Fact]
    public void AConvolutionOnADeviceCopiesItsHostOperandsInAndGivesTheHostBits()
    {
        ReferenceBackend device = Device();
        using Tensor x = Tensor.Random([2, 3, 7, 7], seed: 2), w = Tensor.Random([4, 3, 3, 3], seed: 3);
        float[] host = BackendCases.With(new ReferenceBackend(), () => Ops.Convolution(x, w, 1, 1, 1, 1).ToArray());
        float[]? onDevice = null;
        Transfers first = Delta(() => onDevice = On(device, () => Ops.Convolution(x, w, 1, 1, 1, 1).ToArray()));
        Assert.Equal(new Transfers(2, 4L * (x.Length + w.Length), 0, 0), first);
        AssertSameBits(host, onDevice!);
        // The filter stays on the device: a second run copies only the input.
        Transfers second = Delta(() => On(device, () => Ops.Convolution(x, w, 1, 1, 1, 1)).Dispose());
        Assert.Equal(new Transfers(1, 4L * x.Length, 0, 0), second);
    }

    [Fact]
    public void AChangedWeightIsCopiedAgain()
    {
        ReferenceBackend device = Device();
        using Tensor x = Tensor.Random([1, 6], seed: 4), w = Tensor.Random([6, 3], seed: 5);
        On(device, () => Ops.Gemm(x, w)).Dispose();
        w.AsFloatSpan()[0] = 2f;
        Transfers delta = Delta(() => On(device, () => Ops.Gemm(x, w)).Dispose());
        Assert.Equal(new Transfers(2, 4L * (x.Length + w.Length), 0, 0), delta);
    }

    [Fact]
    public void AHostOpReadingADeviceResultCopiesItOut()
    {
        ReferenceBackend device = Device();
        var host = new ReferenceBackend();
        using Tensor x = Tensor.Random([1, 3, 4, 4], seed: 6);
        using Tensor onDevice = On(device, () => Ops.Tanh(x));
        Tensor? back = null;
        Transfers delta = Delta(() => back = On(host, () => Ops.Relu(onDevice)));
        Assert.Equal(new Transfers(0, 0, 1, 4L * x.Length), delta);
        Assert.True(back!.Storage.IsHost);
        using Tensor expected = On(host, () => Ops.Relu(Ops.Tanh(x)));
        AssertSameBits(expected.ToArray(), back.ToArray());
        back.Dispose();
    }

    [Fact]
    public void ACopyBetweenTwoDevicesGoesOutAndIn()
    {
        ReferenceBackend first = Device("first"), second = Device("second");
        using Tensor x = Tensor.Random([1, 2, 3, 3], seed: 7);
        using Tensor onFirst = On(first, () => Ops.Relu(x));
        Tensor? onSecond = null;
        Transfers delta = Delta(() => onSecond = On(second, () => Ops.Relu(onFirst)));
        Assert.Equal(new Transfers(1, 4L * x.Length, 1, 4L * x.Length), delta);
        Assert.Same(second.Storage, onSecond!.Storage);
        onSecond.Dispose();
    }

    [Fact]
    public void HalfOpsOnADeviceCountTransfersOfTheStoredPrecisionAndGiveTheHostBits()
    {
        ReferenceBackend device = Device();
        using Tensor x = Tensor.Random([1, 2, 6, 6], seed: 8), w = Tensor.Random([3, 2, 3, 3], seed: 9);
        using Tensor xHalf = Ops.ToHalf(x);
        float[] host = BackendCases.With(new ReferenceBackend(), () => Ops.HalfConvolution(xHalf, w, 0, 0, 1, 1).ToArray());
        float[]? onDevice = null;
        Transfers delta = Delta(() => onDevice = On(device, () => Ops.HalfConvolution(xHalf, w, 0, 0, 1, 1).ToArray()));
        Assert.Equal(new Transfers(2, 2L * x.Length + 4L * w.Length, 0, 0), delta);
        AssertSameBits(host, onDevice!);
    }

    [Fact]
    public void ExplicitCopiesAreTransitionsAcrossMemoriesAndPlainCopiesWithinOne()
    {
        ReferenceBackend device = Device();
        using Tensor x = Tensor.Random([4, 5], seed: 10);
        Tensor? there = null, back = null;
        Assert.Equal(new Transfers(1, 4L * x.Length, 0, 0), Delta(() => there = Ops.CopyTo(x, device)));
        Assert.Same(device.Storage, there!.Storage);
        Assert.Equal(new Transfers(0, 0, 1, 4L * x.Length), Delta(() => back = there.ToStorage(StorageDomain.Host)));
        Assert.Equal(x.ToArray(), back!.ToArray());
        Assert.Equal(default, Delta(() => x.ToStorage(new StorageDomain("other host", isHost: true)).Dispose()));
        there.Dispose();
        back.Dispose();
    }
}
