using System.IO;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>The dotnet new template pack: install, create, build and profile out of the box.</summary>
[Collection(EndToEndCollection.Name)]
public class TemplatePackTests
{
    private readonly LocalFeed _feed;

    public TemplatePackTests(LocalFeed feed) => _feed = feed;

    [Fact]
    public void KnobsBenchTemplateBuildsAndProfilesOutOfTheBox()
    {
        string folder = _feed.NewFolder("template");
        // A private template hive: installing must not touch the user's own dotnet new settings.
        string hive = Path.Combine(folder, "hive");
        _feed.Run(folder, "new", "install", _feed.TemplatePackage, "--debug:custom-hive", hive).ShouldSucceed();
        _feed.Run(folder, "new", "knobs-bench", "-n", "MyNet", "--debug:custom-hive", hive).ShouldSucceed();
        string project = Path.Combine(folder, "MyNet");
        Assert.True(File.Exists(Path.Combine(project, "MyNet.csproj")));
        Assert.Contains($"Include=\"Knobs\" Version=\"{_feed.Version}\"", File.ReadAllText(Path.Combine(project, "MyNet.csproj")));
        Assert.Contains("namespace MyNet;", File.ReadAllText(Path.Combine(project, "TinyNet.cs")));

        _feed.Run(project, "build").ShouldSucceed();
        CommandResult profiled = _feed.Run(project, "msbuild", "-t:ProfileTable").ShouldSucceed();
        Assert.Equal(new[] { "TinyNet/fp16_12", "TinyNet/fp32_11", "TinyNet/perf_121", "TinyNet/samp_231" }, profiled.Profiled);
        Assert.Contains("Knobs: TinyNet: 4 nodes x 4 knobs", profiled.Output);

        CommandResult simulated = _feed.Run(project, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=confs.txt").ShouldSucceed();
        Assert.Contains("Knobs: simulated 2 configuration(s) of confs.txt on the TinyNet table", simulated.Output);
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "knobs", "confs.simulated.csv")));
    }
}
