using System;

namespace Knobs.Tensors.Tests;

/// <summary>Shape, strides, dtype access and copies.</summary>
public sealed class TensorBasicsTests
{
    [Fact]
    public void StridesAreRowMajorNchw()
    {
        using Tensor t = Tensor.Zeros(2, 3, 4, 5);
        Assert.Equal([60, 20, 5, 1], t.Strides);
        Assert.Equal(120, t.Length);
        Assert.Equal(4, t.Rank);
        Assert.Equal("Float32[2,3,4,5]", t.ToString());
    }

    [Fact]
    public void ShapeIsACopy()
    {
        using Tensor t = Tensor.Zeros(2, 3);
        t.Shape[0] = 99;
        Assert.Equal([2, 3], t.Shape);
    }

    [Fact]
    public void FromArrayCopiesTheData()
    {
        float[] data = [1, 2, 3];
        using Tensor t = Tensor.FromArray(data, 3);
        data[0] = 42;
        Assert.Equal([1f, 2f, 3f], t.ToArray());
    }

    [Fact]
    public void SpanAccessMatchesTheDType()
    {
        using Tensor f = Tensor.Zeros(4);
        using Tensor h = Tensor.Zeros(DType.Float16, 4);
        Assert.Equal(4, f.AsFloatSpan().Length);
        Assert.Equal(4, h.AsHalfSpan().Length);
        Assert.Contains("Float16", Assert.Throws<InvalidOperationException>(() => h.AsFloatSpan()).Message);
        Assert.Contains("Float32", Assert.Throws<InvalidOperationException>(() => f.AsHalfSpan()).Message);
    }

    [Fact]
    public void CloneIsIndependent()
    {
        using Tensor a = Tensor.Random([5], seed: 1);
        using Tensor b = a.Clone();
        b.AsFloatSpan()[0] = 7f;
        Assert.NotEqual(7f, a.ToArray()[0]);
        Assert.Equal(a.ToArray()[1..], b.ToArray()[1..]);
    }

    [Fact]
    public void ZerosAreZeroEvenFromAReusedBuffer()
    {
        using (Tensor dirty = Tensor.Random([1024], seed: 1)) { }
        using Tensor z = Tensor.Zeros(1024);
        Assert.All(z.ToArray(), v => Assert.Equal(0f, v));
    }
}
