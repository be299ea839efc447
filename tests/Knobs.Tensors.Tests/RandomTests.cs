using System;
using System.Linq;

namespace Knobs.Tensors.Tests;

/// <summary>Tensor.Random is SplitMix64-based, so it is the same on every machine and runtime.</summary>
public sealed class RandomTests
{
    [Fact]
    public void SplitMix64MatchesThePublishedReferenceSequence()
    {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.Next());
        Assert.Equal(0x06C45D188009454FUL, rng.Next());
    }

    [Fact]
    public void RandomValuesAreFixedForASeed()
    {
        // (z >> 40)·2^-23 − 1 of the reference outputs above (seed 0) and of seed 7's sequence.
        Assert.Equal([0.7666215896606445f, -0.13694405555725098f, -0.9471324682235718f], Tensor.Random([3], seed: 0).ToArray());
        Assert.Equal([-0.22034060955047607f, -0.966423511505127f, 0.8015213012695312f, 0.16586053371429443f],
            Tensor.Random([2, 2], seed: 7).ToArray());
    }

    [Fact]
    public void RandomIsDeterministicAndSeedDependent()
    {
        float[] a = Tensor.Random([2, 3, 8, 8], seed: 42).ToArray();
        Assert.Equal(a, Tensor.Random([2, 3, 8, 8], seed: 42).ToArray());
        Assert.NotEqual(a, Tensor.Random([2, 3, 8, 8], seed: 43).ToArray());
        Assert.Equal(a.Take(10), Tensor.Random([10], seed: 42).ToArray()); // a prefix does not depend on the shape
    }

    [Fact]
    public void RandomIsUniformInMinusOneToOne()
    {
        float[] v = Tensor.Random([100_000], seed: 3).ToArray();
        Assert.All(v, x => Assert.InRange(x, -1f, 0.99999994f));
        Assert.InRange(v.Average(), -0.01, 0.01);
        Assert.InRange(v.Count(x => x < 0) / (double)v.Length, 0.49, 0.51);
    }

    [Fact]
    public void NegativeSeedsAreValidAndDistinct()
    {
        Assert.NotEqual(Tensor.Random([4], seed: -1).ToArray(), Tensor.Random([4], seed: 1).ToArray());
    }
}
