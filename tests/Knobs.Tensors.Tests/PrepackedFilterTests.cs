using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// The Cpu backend keeps a weight's packed filter in the tensor's <see cref="WeightSlot"/>: later calls must give what a
/// fresh computation gives, whatever changed in between (the weight's values, the knob, the batch, the precision, the
/// thread count, the backend instance).
/// </summary>
public sealed class PrepackedFilterTests
{
    [Fact]
    public void AConvolutionLeavesItsPackedFilterInTheWeightsSlotAndAWritableSpanEmptiesIt()
    {
        using var backend = new CpuBackend { Threads = 1 };
        using Tensor x = Tensor.Random([1, 8, 9, 9], seed: 1), w = Tensor.Random([16, 8, 3, 3], seed: 2);
        BackendCases.With(backend, () => { using Tensor y = Ops.Convolution(x, w, 1, 1, 1, 1); return 0; });
        Assert.NotNull(w.Slot(converted: false).Value);
        w.AsFloatSpan();
        Assert.Null(w.Slot(converted: false).Value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ChangedWeightValuesAreUsedOnTheNextCall(int threads)
    {
        using var backend = new CpuBackend { Threads = threads };
        using Tensor x = Tensor.Random([2, 24, 13, 11], seed: 3), w = Tensor.Random([40, 24, 3, 3], seed: 4);
        float[] first = Conv(backend, x, w, ConvApproxParams.Exact);
        Span<float> values = w.AsFloatSpan();
        for (int i = 0; i < values.Length; i++) values[i] = -values[i] * 0.5f;
        float[] second = Conv(backend, x, w, ConvApproxParams.Exact);
        AssertClose(Conv(new ReferenceBackend(), x, w, ConvApproxParams.Exact), second, "after the weights changed");
        Assert.NotEqual(first[0], second[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneWeightUsedWithEveryKnobAndBatchInTurnGivesTheReferenceEachTime(int threads)
    {
        using var backend = new CpuBackend { Threads = threads };
        using Tensor w = Tensor.Random([64, 32, 3, 3], seed: 5);
        ConvApproxParams[] knobs =
        [
            ConvApproxParams.Exact, new(1, 2, 1, 0), new(2, 1, 1, 1), new(1, 1, 2, 0), ConvApproxParams.Exact,
            new(1, 3, 1, 2), new(1, 1, 3, 1), new(1, 1, 2, 1), ConvApproxParams.Exact,
        ];
        foreach (int batch in new[] { 1, 3, 1 })
        {
            using Tensor x = Tensor.Random([batch, 32, 16, 16], seed: 6 + batch);
            foreach (ConvApproxParams a in knobs)
            {
                AssertClose(Conv(new ReferenceBackend(), x, w, a), Conv(backend, x, w, a), $"batch {batch}, knob {a}");
                AssertClose(HalfConv(new ReferenceBackend(), x, w, a), HalfConv(backend, x, w, a), $"fp16, batch {batch}, knob {a}", 2e-3);
            }
        }
    }

    [Fact]
    public void GroupedFiltersArePackedPerGroupAndReused()
    {
        using var backend = new CpuBackend { Threads = 2 };
        using Tensor x = Tensor.Random([2, 16, 10, 10], seed: 9), w = Tensor.Random([24, 4, 3, 3], seed: 10);
        float[] expected = BackendCases.With(new ReferenceBackend(), () => { using Tensor y = Ops.GroupConvolution(x, w, 1, 1, 1, 1, 4); return y.ToArray(); });
        for (int call = 0; call < 3; call++)
        {
            float[] actual = BackendCases.With(backend, () => { using Tensor y = Ops.GroupConvolution(x, w, 1, 1, 1, 1, 4); return y.ToArray(); });
            AssertClose(expected, actual, $"grouped call {call}");
        }
    }

    [Fact]
    public void AnotherBackendInstanceDoesNotTrustAPackedFilterItDidNotMake()
    {
        using Tensor x = Tensor.Random([1, 8, 9, 9], seed: 11), w = Tensor.Random([16, 8, 3, 3], seed: 12);
        using var first = new CpuBackend { Threads = 1 };
        using var second = new CpuBackend { Threads = 2 };
        float[] a = Conv(first, x, w, ConvApproxParams.Exact);
        object? packedByFirst = w.Slot(converted: false).Value;
        float[] b = Conv(second, x, w, ConvApproxParams.Exact);
        Assert.NotSame(packedByFirst, w.Slot(converted: false).Value);
        AssertClose(a, b, "second backend");
    }

    private static float[] Conv(IBackend backend, Tensor x, Tensor w, ConvApproxParams a) =>
        BackendCases.With(backend, () => { using Tensor y = Ops.ConvApprox(x, w, 1, 1, 1, 1, a.Row, a.Col, a.SkipEvery, a.Offset); return y.ToArray(); });

    private static float[] HalfConv(IBackend backend, Tensor x, Tensor w, ConvApproxParams a) =>
        BackendCases.With(backend, () => { using Tensor y = Ops.ConvApproxHalf(x, w, 1, 1, 1, 1, a.Row, a.Col, a.SkipEvery, a.Offset); return y.ToArray(); });

    private static void AssertClose(float[] expected, float[] actual, string what, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0;
        foreach (float v in expected) scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs((double)actual[i] - expected[i]);
            Assert.True(err <= tolerance * (Math.Abs(expected[i]) + 1e-2 * scale) + 1e-7, $"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
