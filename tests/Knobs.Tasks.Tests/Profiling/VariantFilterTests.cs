using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Profiling;

public class VariantFilterTests
{
    [Fact]
    public void EmptyFilterSelectsEveryVariant()
    {
        var filter = new VariantFilter("");
        Assert.True(filter.Includes("B", "perf_121"));
        Assert.True(filter.Includes("B", "samp_231"));
    }

    [Fact]
    public void WildcardsMatchVariantOrBenchmarkSlashVariant()
    {
        var filter = new VariantFilter("perf_*; LeNet/samp_231");
        Assert.True(filter.Includes("AlexNet", "perf_121"));
        Assert.True(filter.Includes("LeNet", "samp_231"));
        Assert.False(filter.Includes("AlexNet", "samp_231"));
        Assert.False(filter.Includes("AlexNet", "fp16_12"));
    }

    [Fact]
    public void Fp32BaselineIsAlwaysSelected()
    {
        var filter = new VariantFilter("perf_121");
        Assert.True(filter.Includes("B", "fp32_11"));
    }
}
