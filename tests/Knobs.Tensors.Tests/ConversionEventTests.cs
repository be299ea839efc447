namespace Knobs.Tensors.Tests;

/// <summary>Precision changes are separate, counted events (f2h, h2f) on the calling thread.</summary>
public sealed class ConversionEventTests
{
    private static (long F2H, long H2F) Delta(System.Action body)
    {
        long f2h = ConversionCounters.F2HCount, h2f = ConversionCounters.H2FCount;
        long f2hTicks = ConversionCounters.F2HTicks, h2fTicks = ConversionCounters.H2FTicks;
        body();
        long df = ConversionCounters.F2HCount - f2h, dh = ConversionCounters.H2FCount - h2f;
        if (df > 0) Assert.True(ConversionCounters.F2HTicks > f2hTicks, "an f2h event is timed");
        if (dh > 0) Assert.True(ConversionCounters.H2FTicks > h2fTicks, "an h2f event is timed");
        return (df, dh);
    }

    [Fact]
    public void HalfOpOnFloatOperandsCountsOneF2HPerElement()
    {
        using Tensor x = Tensor.Random([1, 3, 8, 8], seed: 1), w = Tensor.Random([4, 3, 3, 3], seed: 2);
        Tensor? y = null;
        var d = Delta(() => y = Ops.HalfConvolution(x, w, 1, 1, 1, 1));
        Assert.Equal((192L + 108L, 0L), d);
        Assert.Equal(DType.Float16, y!.DType);
        y.Dispose();
    }

    [Fact]
    public void WeightsAreConvertedOnceAndActivationsOnEveryCall()
    {
        // HPVM converts weights in place on first use; activations (a new batch each time) are converted every call.
        using Tensor x = Tensor.Random([1, 3, 8, 8], seed: 1), w = Tensor.Random([4, 3, 3, 3], seed: 2);
        using Tensor bias = Tensor.Random([1, 4, 1, 1], seed: 3);
        float[] first = Ops.HalfAdd(Ops.HalfConvolution(x, w, 1, 1, 1, 1), bias).ToArray();
        Tensor? y = null;
        Assert.Equal((192L, 0L), Delta(() => y = Ops.HalfConvolution(x, w, 1, 1, 1, 1)));
        Assert.Equal((0L, 0L), Delta(() => y = Ops.HalfAdd(y!, bias)));
        Assert.Equal(first, y!.ToArray());
        w.AsFloatSpan()[0] += 1f; // writable access drops the cached half copy: the new value is converted and used
        Assert.Equal((192L + 108L, 0L), Delta(() => y = Ops.HalfConvolution(x, w, 1, 1, 1, 1)));
        Assert.NotEqual(first, Ops.HalfAdd(y!, bias).ToArray());
    }

    [Fact]
    public void FullyConnectedBiasAtBatchOneIsConvertedOnce()
    {
        // At batch 1 a [1, C, 1, 1] bias has the Gemm output's shape; it is still a parameter.
        using Tensor x = Tensor.Random([1, 10, 1, 1], seed: 1), bias = Tensor.Random([1, 10, 1, 1], seed: 2);
        Ops.HalfAdd(x, bias).Dispose();
        Tensor? y = null;
        Assert.Equal((10L, 0L), Delta(() => y = Ops.HalfAdd(x, bias)));
        y!.Dispose();
    }

    [Fact]
    public void ResidualAddConvertsBothActivationsEveryCall()
    {
        using Tensor a = Tensor.Random([2, 4, 3, 3], seed: 1), b = Tensor.Random([2, 4, 3, 3], seed: 2);
        for (int i = 0; i < 2; i++)
        {
            Tensor? y = null;
            Assert.Equal((144L, 0L), Delta(() => y = Ops.HalfAdd(a, b)));
            y!.Dispose();
        }
    }

    [Fact]
    public void HalfOpOnHalfInputConvertsNothing()
    {
        using Tensor x = Tensor.Random([2, 5], seed: 1);
        using Tensor h = Ops.ToHalf(x);
        Tensor? y = null;
        Assert.Equal((0L, 0L), Delta(() => y = Ops.HalfRelu(h)));
        y!.Dispose();
    }

    [Fact]
    public void FloatOpOnHalfInputCountsH2F()
    {
        using Tensor x = Tensor.Random([2, 3, 4, 4], seed: 1);
        using Tensor h = Ops.ToHalf(x);
        using Tensor bias = Tensor.Random([3], seed: 2);
        Tensor? y = null;
        Assert.Equal((0L, 96L), Delta(() => y = Ops.Add(h, bias)));
        Assert.Equal(DType.Float32, y!.DType);
        y.Dispose();
    }

    [Fact]
    public void ExplicitConversionsReportThemselves()
    {
        using Tensor x = Tensor.Random([10], seed: 1);
        Tensor? h = null, f = null;
        Assert.Equal((10L, 0L), Delta(() => h = Ops.ToHalf(x)));
        Assert.Equal((0L, 10L), Delta(() => f = Ops.ToFloat(h!)));
        Assert.Equal(DType.Float16, h!.DType);
        Assert.Equal(DType.Float32, f!.DType);
        h.Dispose();
        f.Dispose();
    }

    [Fact]
    public void SoftmaxAlwaysRunsInFloat32()
    {
        using Tensor x = Tensor.Random([2, 10], seed: 1);
        using Tensor h = Ops.ToHalf(x);
        Tensor? y = null;
        Assert.Equal((0L, 20L), Delta(() => y = Ops.Softmax(h)));
        Assert.Equal(DType.Float32, y!.DType);
        y.Dispose();
    }
}
