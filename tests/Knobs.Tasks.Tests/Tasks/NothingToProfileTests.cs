using System.Linq;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Tasks;

/// <summary>KNB0423: KnobsVariants patterns that match no variant are an error, though the fp32 baseline would still run.</summary>
public class NothingToProfileTests
{
    private static (ProfileVariants, RecordingBuildEngine) Create(FakeApp app, string variants)
    {
        var engine = new RecordingBuildEngine();
        return (new ProfileVariants { BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "30", Variants = variants }, engine);
    }

    [Fact]
    public void PatternMatchingNothingIsKnb0423EvenWithABaseline()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine) = Create(app, "perf_999 samp_*");
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0423", error.Code);
        Assert.Contains("KnobsVariants='perf_999 samp_*' selects none of the app's variants (fp32_11, perf_121)", error.Message);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void OnePatternMatchingNothingAmongOthersIsAMessage()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine) = Create(app, "perf_* samp_*");
        Assert.True(task.Execute());
        Assert.Contains("Knobs: the KnobsVariants pattern 'samp_*' matches no variant", engine.Messages);
        Assert.Equal(new[] { "A/fp32_11", "A/perf_121" }, app.Runs);
    }

    [Fact]
    public void PatternNamingTheBaselineSelectsIt()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine) = Create(app, "A/fp32_*");
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Equal(new[] { "A/fp32_11" }, app.Runs);
    }

    [Fact]
    public void AppWithNoBenchmarkIsKnb0423()
    {
        using var app = new FakeApp();
        var (task, engine) = Create(app, "");
        Assert.False(task.Execute());
        Assert.Equal("KNB0423", Assert.Single(engine.Errors).Code);
    }
}
