using System;
using System.Linq;
using Knobs.Tensors;

namespace Knobs.Samples.Tests;

public class SeededOutputTests
{
    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void SeededNetworkGivesInputDependentClassProbabilities(string network)
    {
        var sample = Sample.Get(network);
        const int Batch = 8;
        using var x = Tensor.Random([Batch, .. sample.InputShape], seed: 7);

        float[] y = sample.Seeded(42)(x).ToArray();

        Assert.Equal(Batch * 10, y.Length);
        var rows = Enumerable.Range(0, Batch).Select(i => y.AsSpan(i * 10, 10).ToArray()).ToArray();
        Assert.All(rows, r => Assert.Equal(1.0, r.Sum(v => (double)v), 1e-4));
        Assert.All(rows, r => Assert.True(r.Max() < 0.999f, $"{network}: a saturated softmax ({r.Max()}) makes top-1 meaningless"));
        // Seeded weights keep activations in range: the class ranking must depend on the input.
        Assert.True(rows.Select(r => Array.IndexOf(r, r.Max())).Distinct().Count() > 1,
            $"{network}: every input got the same top-1 class");
    }
}

public class FusedRunTests
{
    // Inside a scope every sample's conv → bias → (residual) → ReLU chains are fused (Ops.FuseEpilogues): the class
    // probabilities must be the separate ops' to the bit (on the default backend: Cpu, all processors).
    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void EverySampleRunsFusedWithTheSeparateOpsBits(string network)
    {
        var sample = Sample.Get(network);
        var run = sample.Seeded(42);
        using var x = Tensor.Random([3, .. sample.InputShape], seed: 7);
        float[] separate, fused;
        Ops.FuseEpilogues = false;
        try
        {
            using (new TensorScope()) separate = run(x).ToArray();
        }
        finally
        {
            Ops.FuseEpilogues = true;
        }
        using (new TensorScope()) fused = run(x).ToArray();
        Assert.Equal(separate.Select(BitConverter.SingleToInt32Bits), fused.Select(BitConverter.SingleToInt32Bits));
    }
}
