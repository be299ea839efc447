using System;
using Knobs.Runtime.Qos;

namespace Knobs.Runtime.Tests;

public class QosMetricsTests
{
    [Fact]
    public void KnownDifferenceGivesHandComputedMetrics()
    {
        float[] reference = { 1, 2, 3, 5 };
        float[] actual = { 1, 2, 3, 4 };
        QosMetrics m = QosMetrics.Compare(actual, reference, new[] { 2, 2 }, new[] { 2, 2 }, classifier: true);
        Assert.Equal(Math.Sqrt(1.0 / 39), m.RelL2, 12);      // ‖a−r‖ = 1, ‖r‖ = √39
        Assert.Equal(1, m.MaxAbs);
        Assert.Equal(10 * Math.Log10(16 / 0.25), m.Psnr!.Value, 9); // peak = 5 − 1, MSE = 1/4
        Assert.Equal(1, m.Top1);                                 // both rows keep their arg-max
    }

    [Fact]
    public void Top1CountsRowsWhoseArgMaxChanged()
    {
        float[] reference = { 0.1f, 0.9f, 0.8f, 0.2f, 0.5f, 0.4f };
        float[] actual = { 0.6f, 0.4f, 0.8f, 0.2f, 0.5f, 0.4f };
        QosMetrics m = QosMetrics.Compare(actual, reference, new[] { 3, 2, 1, 1 }, new[] { 3, 2, 1, 1 }, classifier: true);
        Assert.Equal(2.0 / 3, m.Top1!.Value, 12);
    }

    [Fact]
    public void IdenticalOutputsHaveZeroErrorAndNoFinitePsnr()
    {
        float[] r = { 3, -1, 2 };
        QosMetrics m = QosMetrics.Compare(r, r, new[] { 1, 3 }, new[] { 1, 3 }, classifier: true);
        Assert.Equal(0, m.RelL2);
        Assert.Equal(0, m.MaxAbs);
        Assert.Null(m.Psnr);
        Assert.Equal(1, m.Top1);
    }

    [Fact]
    public void NonClassifierHasNoTop1()
    {
        QosMetrics m = QosMetrics.Compare(new float[] { 1, 2 }, new float[] { 1, 3 }, new[] { 2 }, new[] { 2 }, classifier: false);
        Assert.Null(m.Top1);
    }

    [Fact]
    public void ShapeMismatchAndNonFiniteOutputsAreRejectedWithTheReason()
    {
        var e1 = Assert.Throws<ArgumentException>(() => QosMetrics.Compare(new float[4], new float[4], new[] { 4 }, new[] { 2, 2 }, false));
        Assert.Contains("shape", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => QosMetrics.Compare(new[] { 1f, float.NaN }, new[] { 1f, 2f }, new[] { 2 }, new[] { 2 }, false));
        Assert.Contains("NaN", e2.Message);
    }
}
