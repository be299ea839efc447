using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>Approximations do proportionally less work: the Reference backend counts its multiply-adds.</summary>
public sealed class ApproximationWorkTests
{
    // x [2, 4, 8, 8], w [3, 4, 3, 3], pad 1, stride 1 → output [2, 3, 8, 8]; exact = 2·3·64 points × 36 weights.
    private const long Points = 2 * 3 * 8 * 8;
    private const long Exact = Points * 4 * 3 * 3;

    private static long MultiplyAdds(int row, int col, int skip, int offset)
    {
        var backend = new ReferenceBackend();
        BackendCases.With<object?>(backend, () =>
        {
            using Tensor x = Tensor.Random([2, 4, 8, 8], seed: 1), w = Tensor.Random([3, 4, 3, 3], seed: 2);
            using Tensor y = Ops.ConvApprox(x, w, 1, 1, 1, 1, row, col, skip, offset);
            return null;
        });
        return backend.MultiplyAdds;
    }

    [Fact]
    public void ExactConvolutionDoesEveryMultiplyAdd() => Assert.Equal(Exact, MultiplyAdds(1, 1, 1, 0));

    [Fact]
    public void PerforatedRowKnobSkipsEveryOtherRow() =>
        Assert.Equal(Exact / 2, MultiplyAdds(2, 1, 1, 0));          // rows 0, 2, 4, 6 skipped

    [Fact]
    public void RowPerforationRateThreeOffsetOneComputesFiveOfEightRows() =>
        Assert.Equal(Exact * 5 / 8, MultiplyAdds(3, 1, 1, 1));      // rows 1, 4, 7 skipped

    [Fact]
    public void ColumnPerforationRateFourComputesSixOfEightColumns() =>
        Assert.Equal(Exact * 6 / 8, MultiplyAdds(1, 4, 1, 3));      // columns 3, 7 skipped

    [Fact]
    public void SamplingSkipTwoHalvesTheWeightsOfAThreeByThreeFilter() =>
        Assert.Equal(Points * 18, MultiplyAdds(1, 1, 2, 0));        // 9 % 2 ≠ 0: flat idx 0, 2, …, 34 of 36 dropped

    [Fact]
    public void SamplingSkipThreeKeepsTwoThirdsPerChannel() =>
        Assert.Equal(Points * 24, MultiplyAdds(1, 1, 3, 1));        // 9 % 3 = 0: 3 of 9 dropped in every channel

    [Fact]
    public void RowPerforationWinsOverColumnAndSampling() =>
        Assert.Equal(MultiplyAdds(2, 1, 1, 0), MultiplyAdds(2, 4, 3, 0));

    [Fact]
    public void ComputedCountMatchesTheSkipRule()
    {
        for (int lines = 1; lines <= 12; lines++)
            for (int rate = 2; rate <= 4; rate++)
                for (int offset = 0; offset <= 5; offset++)
                {
                    int computed = 0;
                    for (int t = 0; t < lines; t++) if (!(t >= offset && (t - offset) % rate == 0)) computed++;
                    Assert.Equal(computed, Perforation.ComputedCount(lines, rate, offset));
                }
    }
}
