using System.IO;
using System.Linq;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Tasks;

public class ProfileVariantsTaskTests
{
    private static (ProfileVariants Task, RecordingBuildEngine Engine) Create(FakeApp app, string? variants = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants
        {
            BuildEngine = engine,
            App = app.AppPath,
            ProfileDirectory = app.ProfileDirectory,
            Iterations = "2",
            TimeoutSeconds = "30",
            Variants = variants,
        };
        return (task, engine);
    }

    [Fact]
    public void OutputsOneProfileItemPerVariantWithItsBenchmarkAndVariant()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine) = Create(app);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Equal(2, task.Ran);
        Assert.Equal(new[] { ("A", "fp32_11", "true"), ("A", "perf_121", "true") },
            task.Profiles.Select(p => (p.GetMetadata("Benchmark"), p.GetMetadata("Variant"), p.GetMetadata("Ran"))));
        Assert.All(task.Profiles, p => Assert.True(File.Exists(p.ItemSpec)));
        Assert.Contains(engine.Messages, m => m == "Knobs: profiled 2 variant(s), reused 0, failed 0");
    }

    [Fact]
    public void FilterThatSelectsNothingIsKnb0423()
    {
        using var app = new FakeApp(("A", new[] { "perf_121" }));
        var (task, engine) = Create(app, variants: "samp_*");
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0423", error.Code);
        Assert.Contains("KnobsVariants='samp_*' selects none", error.Message);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void AppThatIsNotAKnobsAppIsKnb0420()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        File.WriteAllText(Path.Combine(app.Directory, "list.json"), "this is not json");
        var (task, engine) = Create(app);
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0420", error.Code);
        Assert.Contains("printed no variant list Knobs can read", error.Message);
        Assert.EndsWith("KNB0420.md", error.HelpKeyword ?? error.HelpLink ?? "");
    }

    [Fact]
    public void CrashedVariantIsAWarningAndTheTaskStillSucceeds()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "crash_1" }));
        var (task, engine) = Create(app);
        Assert.True(task.Execute());
        Assert.Equal(1, task.Failed);
        Assert.Equal("KNB0421", Assert.Single(engine.Warnings).Code);
        Assert.Single(task.Profiles);
    }
}
