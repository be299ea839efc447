using System;
using Knobs.Statistics;

namespace Knobs.Core.Tests.Statistics;

public class TukeyFilterTests
{
    [Fact]
    public void QuartilesInterpolateLinearlyLikeR()
    {
        double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        // R: quantile(1:10, c(.25,.5,.75)) = 3.25 5.5 7.75
        Assert.Equal(3.25, TukeyFilter.Quantile(sorted, 0.25), 12);
        Assert.Equal(5.5, TukeyFilter.Quantile(sorted, 0.5), 12);
        Assert.Equal(7.75, TukeyFilter.Quantile(sorted, 0.75), 12);
    }

    [Fact]
    public void UpperOutlierBeyondQ3PlusOneAndHalfIqrIsRemoved()
    {
        // Q1 = 4, Q3 = 5.5, IQR = 1.5: the fence is 7.75, so 9 goes and 7 stays.
        TukeyResult r = TukeyFilter.Apply(new double[] { 9, 4, 2, 4, 5, 4, 7, 5 });
        Assert.Equal(1, r.Removed);
        Assert.Equal(7.75, r.UpperFence, 12);
        Assert.Equal(new double[] { 2, 4, 4, 4, 5, 5, 7 }, r.Kept);
    }

    [Fact]
    public void LowSamplesAreKeptUnlessBothFencesAreAsked()
    {
        double[] samples = { 10, 10, 10.1, 10.2, 10, 10.1, 1 };
        Assert.Equal(0, TukeyFilter.Apply(samples).Removed);
        TukeyResult both = TukeyFilter.Apply(samples, OutlierMode.RemoveBoth);
        Assert.Equal(1, both.Removed);
        Assert.DoesNotContain(1.0, both.Kept);
    }

    [Fact]
    public void NaNSamplesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => TukeyFilter.Apply(new[] { 1.0, double.NaN }));
    }
}
