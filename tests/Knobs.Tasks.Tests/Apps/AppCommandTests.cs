using System;
using System.IO;
using Knobs.Tasks.Apps;

namespace Knobs.Tasks.Tests.Apps;

/// <summary>How the built app is started: through dotnet when framework-dependent, by its own executable when self-contained.</summary>
public sealed class AppCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-appcommand-" + Guid.NewGuid().ToString("N").Substring(0, 8));

    public AppCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string App(string runtimeConfig, bool apphost = true)
    {
        string dll = Path.Combine(_folder, "bench.dll");
        File.WriteAllText(dll, "");
        File.WriteAllText(Path.Combine(_folder, "bench.runtimeconfig.json"), runtimeConfig);
        if (apphost) File.WriteAllText(Path.Combine(_folder, "bench"), "");
        return dll;
    }

    [Fact]
    public void AFrameworkDependentAppRunsThroughDotnet()
    {
        string dll = App("""{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}""");
        Assert.Equal(new[] { "/opt/dotnet/dotnet", dll, "list" }, new AppCommand(dll, "/opt/dotnet/dotnet").Argv(new[] { "list" }));
    }

    [Fact]
    public void ASelfContainedAppRunsItsOwnExecutable()
    {
        string dll = App("""{"runtimeOptions":{"tfm":"net10.0","includedFrameworks":[{"name":"Microsoft.NETCore.App","version":"10.0.12"}]}}""");
        Assert.Equal(new[] { Path.Combine(_folder, "bench"), "list" }, new AppCommand(dll, "/opt/dotnet/dotnet").Argv(new[] { "list" }));
    }

    [Fact]
    public void ASelfContainedAppWithoutItsExecutableStillRunsThroughDotnet()
    {
        string dll = App("""{"runtimeOptions":{"includedFrameworks":[]}}""", apphost: false);
        Assert.Equal("dotnet", new AppCommand(dll, "dotnet").Argv(Array.Empty<string>())[0]);
    }
}
