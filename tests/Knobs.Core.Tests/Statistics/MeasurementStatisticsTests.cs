using System;
using Knobs.Statistics;

namespace Knobs.Core.Tests.Statistics;

public class MeasurementStatisticsTests
{
    [Fact]
    public void SummaryOfKnownSampleMatchesHandComputation()
    {
        // mean 5, sample variance 10/4 = 2.5, t(0.9995, 4) = 8.610301581
        MeasurementStatistics s = MeasurementStatistics.Compute(new double[] { 3, 7, 5, 4, 6 });
        Assert.Equal(5, s.N);
        Assert.Equal(5, s.Mean, 12);
        Assert.Equal(5, s.Median, 12);
        Assert.Equal(Math.Sqrt(2.5), s.StdDev, 12);
        Assert.Equal(3, s.Min);
        Assert.Equal(7, s.Max);
        double half = 8.610301581 * Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(5 - half, s.CiLow, 7);
        Assert.Equal(5 + half, s.CiHigh, 7);
        Assert.Equal(0, s.Outliers);
    }

    [Fact]
    public void OutliersAreCountedAndExcludedFromTheMean()
    {
        MeasurementStatistics s = MeasurementStatistics.Compute(new double[] { 1, 1, 1, 1, 1, 1, 1, 50 });
        Assert.Equal(7, s.N);
        Assert.Equal(1, s.Outliers);
        Assert.Equal(1, s.Mean, 12);
        Assert.Equal(0, s.RelativeError);
        Assert.False(s.IsNoisy(0.02));
    }

    [Fact]
    public void WideIntervalIsFlaggedNoisy()
    {
        MeasurementStatistics s = MeasurementStatistics.Compute(new double[] { 1, 2, 1.5, 1.2, 1.8 });
        Assert.True(s.RelativeError > 0.02);
        Assert.True(s.IsNoisy(0.02));
        Assert.False(s.IsNoisy(10));
    }

    [Fact]
    public void SingleSampleHasNoEstablishedErrorAndIsNoisy()
    {
        MeasurementStatistics s = MeasurementStatistics.Compute(new double[] { 4 });
        Assert.Equal(1, s.N);
        Assert.Equal(0, s.StdDev);
        Assert.True(double.IsPositiveInfinity(s.RelativeError));
        Assert.True(s.IsNoisy(0.5));
    }

    [Fact]
    public void EmptySampleIsAnError()
    {
        Assert.Throws<ArgumentException>(() => MeasurementStatistics.Compute(Array.Empty<double>()));
    }
}
