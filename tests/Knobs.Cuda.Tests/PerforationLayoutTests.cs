using System.Collections.Generic;
using System.Linq;
using Knobs.Cuda.Convolution;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Tests;

public sealed class PerforationLayoutTests
{
    [Fact]
    public void ProgressionsCoverExactlyTheComputedLinesOnce()
    {
        for (int lines = 1; lines <= 40; lines++)
            for (int rate = 2; rate <= 5; rate++)
                for (int offset = 0; offset <= 6; offset++)
                {
                    IReadOnlyList<PerforationLayout.Progression> ps = PerforationLayout.Of(lines, rate, offset);
                    int[] covered = ps.SelectMany(p => Enumerable.Range(0, p.Count).Select(k => p.First + k * p.Step)).ToArray();
                    int[] computed = Enumerable.Range(0, lines).Where(t => !Perforation.IsSkipped(t, rate, offset)).ToArray();
                    Assert.Equal(computed, covered.Order().ToArray());
                    Assert.Equal(Perforation.ComputedCount(lines, rate, offset), PerforationLayout.Computed(ps));
                    int before = 0;
                    foreach (var p in ps)
                    {
                        Assert.Equal(before, p.Before);
                        before += p.Count;
                    }
                }
    }

    [Fact]
    public void RateTwoOffsetZeroIsOneProgressionOfTheOddLines()
    {
        var p = Assert.Single(PerforationLayout.Of(32, 2, 0));
        Assert.Equal(new PerforationLayout.Progression(1, 2, 16, 0), p);
    }

    [Fact]
    public void LinesBeforeTheOffsetAreTheirOwnProgression()
    {
        var ps = PerforationLayout.Of(10, 3, 2);
        Assert.Equal(new PerforationLayout.Progression(0, 1, 2, 0), ps[0]);
        Assert.Equal(new PerforationLayout.Progression(3, 3, 3, 2), ps[1]);
        Assert.Equal(new PerforationLayout.Progression(4, 3, 2, 5), ps[2]);
    }
}
