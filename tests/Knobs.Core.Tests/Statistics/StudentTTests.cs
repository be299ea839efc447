using System;
using Knobs.Statistics;

namespace Knobs.Core.Tests.Statistics;

public class StudentTTests
{
    // Two-sided 99.9 % critical values (the 0.9995 quantile); df=1 and df=2 have closed forms,
    // the others are the published table values to 9–10 significant digits.
    [Theory]
    [InlineData(1, 636.619248768)]
    [InlineData(2, 31.599054576)] // (2p−1)/√(2p(1−p))
    [InlineData(10, 4.586893859)]
    [InlineData(30, 3.645958635)]
    [InlineData(double.PositiveInfinity, 3.290526731)]
    public void CriticalValueAt999MatchesTables(double df, double expected)
    {
        double t = StudentT.TwoSidedCriticalValue(0.999, df);
        Assert.Equal(expected, t, expected * 1e-8);
    }

    [Fact]
    public void CriticalValueForOneDegreeOfFreedomIsTheCauchyClosedForm()
    {
        Assert.Equal(Math.Tan(Math.PI * (0.975 - 0.5)), StudentT.Quantile(0.975, 1), 1e-9);
    }

    [Fact]
    public void HugeDegreesOfFreedomApproachTheNormal()
    {
        double normal = StudentT.Quantile(0.9995, double.PositiveInfinity);
        Assert.Equal(normal, StudentT.Quantile(0.9995, 1e9), 1e-6);
    }

    [Fact]
    public void CdfIsSymmetricAndInvertsTheQuantile()
    {
        foreach (double df in new[] { 1.0, 3, 7.5, 100 })
        {
            Assert.Equal(0.5, StudentT.Cdf(0, df), 12);
            Assert.Equal(1 - StudentT.Cdf(1.7, df), StudentT.Cdf(-1.7, df), 12);
            Assert.Equal(0.99, StudentT.Cdf(StudentT.Quantile(0.99, df), df), 10);
        }
    }

    [Fact]
    public void QuantileRejectsProbabilitiesOutsideTheOpenInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Cdf(1, 0));
    }

    [Fact]
    public void DensityMatchesClosedForms()
    {
        Assert.Equal(1 / Math.PI, StudentT.Density(0, 1), 12);                     // Cauchy
        Assert.Equal(1 / (Math.PI * 5), StudentT.Density(2, 1), 12);
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI), StudentT.Density(0, double.PositiveInfinity), 12);
        Assert.Equal(Math.Pow(2 + 1, -1.5), StudentT.Density(1, 2), 12);          // df=2: (2 + t²)^(-3/2)
    }
}
