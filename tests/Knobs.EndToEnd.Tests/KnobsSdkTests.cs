using System.IO;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary><c>&lt;Project Sdk="Knobs.Sdk/x.y.z"&gt;</c> with no PackageReference gives the same build and targets.</summary>
[Collection(EndToEndCollection.Name)]
public class KnobsSdkTests
{
    private readonly LocalFeed _feed;

    public KnobsSdkTests(LocalFeed feed) => _feed = feed;

    [Fact]
    public void SdkProjectWithoutPackageReferenceBuildsAndProfiles()
    {
        string folder = _feed.NewFolder("sdk");
        ProjectFiles.Write(folder, "sdk.csproj", ProjectFiles.Project("Knobs.Sdk/" + _feed.Version, knobsVersion: null, "<KnobTable Include=\"knobs.yaml\" />"));
        ProjectFiles.Write(folder, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(folder, "Gamma.cs", ProjectFiles.Template("Gamma"));

        _feed.Run(folder, "build").ShouldSucceed();
        CommandResult profiled = _feed.Run(folder, "msbuild", "-t:ProfileTable", "-p:KnobsVariants=perf_121").ShouldSucceed();

        Assert.Equal(new[] { "Gamma/fp32_11", "Gamma/perf_121" }, profiled.Profiled);
        string tables = Path.Combine(folder, "bin", "Debug", "net10.0", "knobs");
        Assert.True(File.Exists(Path.Combine(tables, "Gamma.tensors.txt")));
        Assert.Contains("perf_121_time", File.ReadAllText(Path.Combine(tables, "Gamma.tensors.txt")));
    }
}
