using System.Globalization;
using System.Threading;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Profiling;

public class RunSettingsTests
{
    [Fact]
    public void ArgumentsAreCultureInvariant()
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            var settings = new RunSettings("PerTensor", null, 0.025, 2, 4);
            Assert.Equal(new[] { "--target-error", "0.025", "--batch", "2", "--threads", "4" }, settings.Arguments());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void UnsetSettingsPassNoArgument()
    {
        Assert.Empty(new RunSettings("PerTensor", null, null, null, null).Arguments());
    }

    [Fact]
    public void KeyChangesWithEveryMeasurementSetting()
    {
        var baseline = new RunSettings("PerTensor", 10, null, 1, 1);
        Assert.NotEqual(baseline.Key(), (baseline with { Iterations = 11 }).Key());
        Assert.NotEqual(baseline.Key(), (baseline with { Profiling = "Total" }).Key());
        Assert.NotEqual(baseline.Key(), (baseline with { Batch = 2 }).Key());
        Assert.NotEqual(baseline.Key(), (baseline with { Threads = 2 }).Key());
        Assert.Equal(baseline.Key(), new RunSettings("PerTensor", 10, null, 1, 1).Key());
    }
}
