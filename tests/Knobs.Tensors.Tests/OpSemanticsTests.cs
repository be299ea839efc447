using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Tensors.Tests;

/// <summary>Hand-worked values for the non-convolution ops on every backend.</summary>
public sealed class OpSemanticsTests
{
    public static IEnumerable<object[]> Backends() => BackendCases.All();

    private static float[] Run(string backend, Func<Tensor> op, int[]? shape = null) => BackendCases.With(backend, () =>
    {
        using Tensor y = op();
        if (shape is not null) Assert.Equal(shape, y.Shape);
        return y.ToArray();
    });

    private static readonly float[] Grid = [1, -2, 3, 0, 5, 6, -7, 8, 9, 10, 11, -12, 13, 14, 15, 16];

    [Theory]
    [MemberData(nameof(Backends))]
    public void PoolingMaxMeanMin(string backend)
    {
        Tensor X() => Tensor.FromArray(Grid, 1, 1, 4, 4);
        Assert.Equal([6f, 8f, 14f, 16f], Run(backend, () => { using Tensor x = X(); return Ops.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2); }, [1, 1, 2, 2]));
        Assert.Equal([2.5f, 1f, 11.5f, 7.5f], Run(backend, () => { using Tensor x = X(); return Ops.Pooling(x, PoolKind.Mean, 2, 2, 0, 0, 2, 2); }));
        Assert.Equal([-2f, -7f, 9f, -12f], Run(backend, () => { using Tensor x = X(); return Ops.Pooling(x, PoolKind.Min, 2, 2, 0, 0, 2, 2); }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void PaddedPoolingIgnoresPaddingForMaxAndCountsItForMean(string backend)
    {
        Tensor X() => Tensor.FromArray([-1, -2, -3, -4], 1, 1, 2, 2);
        // window 2, pad 1, stride 2 → 2×2 outputs, each window holds one real value.
        Assert.Equal([-1f, -2f, -3f, -4f], Run(backend, () => { using Tensor x = X(); return Ops.Pooling(x, PoolKind.Max, 2, 2, 1, 1, 2, 2); }, [1, 1, 2, 2]));
        Assert.Equal([-0.25f, -0.5f, -0.75f, -1f], Run(backend, () => { using Tensor x = X(); return Ops.Pooling(x, PoolKind.Mean, 2, 2, 1, 1, 2, 2); }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void AddBroadcastsAPerChannelBias(string backend)
    {
        float[] y = Run(backend, () =>
        {
            using Tensor x = Tensor.FromArray(Grid, 2, 2, 2, 2), b = Tensor.FromArray([100, 200], 2);
            return Ops.Add(x, b);
        }, [2, 2, 2, 2]);
        Assert.Equal(Grid.Select((v, i) => v + ((i / 4) % 2 == 0 ? 100f : 200f)), y);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ActivationsClampAndSquash(string backend)
    {
        float[] v = [-3, -0.5f, 0, 0.5f, 3, float.NaN];
        float[] relu = Run(backend, () => { using Tensor x = Tensor.FromArray(v, 6); return Ops.Relu(x); });
        float[] clipped = Run(backend, () => { using Tensor x = Tensor.FromArray(v, 6); return Ops.ClippedRelu(x, 2f); });
        float[] tanh = Run(backend, () => { using Tensor x = Tensor.FromArray(v, 6); return Ops.Tanh(x); });
        Assert.Equal([0f, 0f, 0f, 0.5f, 3f], relu.Take(5));
        Assert.Equal([0f, 0f, 0f, 0.5f, 2f], clipped.Take(5));
        for (int i = 0; i < 5; i++) Assert.Equal(MathF.Tanh(v[i]), tanh[i], 6);
        Assert.True(float.IsNaN(relu[5]) && float.IsNaN(clipped[5]) && float.IsNaN(tanh[5]), "NaN propagates through activations.");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void GemmFlattensAndMultiplies(string backend)
    {
        // x [2, 1, 1, 3] · w [3, 2] → [2, 2, 1, 1]
        float[] y = Run(backend, () =>
        {
            using Tensor x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 1, 1, 3), w = Tensor.FromArray([1, 0, 0, 1, 1, 1], 1, 1, 3, 2);
            return Ops.Gemm(x, w);
        }, [2, 2, 1, 1]);
        Assert.Equal([4f, 5f, 10f, 11f], y);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void BatchNormNormalizesPerChannel(string backend)
    {
        float[] y = Run(backend, () =>
        {
            using Tensor x = Tensor.FromArray([1, 3, 10, 20], 1, 2, 1, 2);
            using Tensor gamma = Tensor.FromArray([2, 1], 2), beta = Tensor.FromArray([1, 0], 2);
            using Tensor mean = Tensor.FromArray([2, 15], 2), variance = Tensor.FromArray([4, 25], 2);
            return Ops.BatchNorm(x, gamma, beta, mean, variance, 0);
        });
        Assert.Equal([0f, 2f, -1f, 1f], y);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SoftmaxIsPerBatchItemAndStable(string backend)
    {
        float[] y = Run(backend, () => { using Tensor x = Tensor.FromArray([0, 0, 1, 1000, 1000, 1001], 2, 3); return Ops.Softmax(x); });
        float e = MathF.Exp(1);
        Assert.Equal(1 / (2 + e), y[0], 6);
        Assert.Equal(e / (2 + e), y[2], 6);
        Assert.Equal(1 / (2 + e), y[3], 6);
        Assert.Equal(e / (2 + e), y[5], 6);
        Assert.Equal(1.0, y.Take(3).Sum(), 5);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NaNPropagatesThroughPoolingAndSoftmax(string backend)
    {
        float[] grid = (float[])Grid.Clone();
        grid[5] = float.NaN; // in the first 2×2 window
        foreach (PoolKind kind in new[] { PoolKind.Max, PoolKind.Min, PoolKind.Mean })
        {
            float[] y = Run(backend, () => { using Tensor x = Tensor.FromArray(grid, 1, 1, 4, 4); return Ops.Pooling(x, kind, 2, 2, 0, 0, 2, 2); });
            Assert.True(float.IsNaN(y[0]), $"{kind} pooling of a window with a NaN is NaN");
            Assert.False(y.Skip(1).Any(float.IsNaN), $"{kind} pooling: windows without a NaN are numbers");
        }
        float[] soft = Run(backend, () => { using Tensor x = Tensor.FromArray([1, float.NaN, 2, 1, 2, 3], 2, 3); return Ops.Softmax(x); });
        Assert.All(soft.Take(3), v => Assert.True(float.IsNaN(v)));
        Assert.DoesNotContain(soft.Skip(3), float.IsNaN);
    }

    [Fact]
    public void FlattenKeepsDTypeAndOrder()
    {
        using Tensor x = Tensor.Random([2, 3, 2, 2], seed: 4);
        using Tensor h = Ops.ToHalf(x);
        using Tensor f = Ops.Flatten(h);
        Assert.Equal([2, 12, 1, 1], f.Shape);
        Assert.Equal(DType.Float16, f.DType);
        Assert.Equal(h.ToArray(), f.ToArray());
    }
}
