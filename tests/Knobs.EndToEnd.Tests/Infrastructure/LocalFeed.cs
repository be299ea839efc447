using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Testing;

namespace Knobs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs Knobs, Knobs.Sdk, Knobs.Templates and Knobs.Tool (the knobs .NET tool) once per test run into a local feed (with a private artifacts path),
/// and gives every project created under <see cref="Root"/> a nuget.config for that feed plus the normal sources and a
/// private NuGet packages folder, so no stale Knobs package from an earlier run is ever used.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    private static readonly string[] Projects = { "src/Knobs/Knobs.csproj", "sdk/Knobs.Sdk/Knobs.Sdk.csproj", "templates/Knobs.Templates.csproj", "src/Knobs.Cli/Knobs.Cli.csproj" };

    public LocalFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "knobs-e2e-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages") };
        foreach (string project in Projects)
        {
            CommandResult pack = Dotnet.Run(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10),
                "pack", Path.Combine(RepoPaths.Root, project), "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"), "-nodeReuse:false");
            if (pack.ExitCode != 0)
            {
                Failure = $"{pack.Command} exited with {pack.ExitCode}:\n{pack.Tail(6000)}";
                return;
            }
        }
        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "Knobs.Sdk.*.nupkg").Single()).Substring("Knobs.Sdk.".Length);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), NuGetConfig());
    }

    /// <summary>Temp folder: feed, packages folder, nuget.config and every test project.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>The packed Knobs version.</summary>
    public string Version { get; } = "";

    /// <summary>Why packing failed, or null.</summary>
    public string? Failure { get; }

    /// <summary>Environment for every child dotnet command.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string TemplatePackage => Directory.GetFiles(Feed, "Knobs.Templates.*.nupkg").Single();

    /// <summary>The knobs .NET tool's package (PackageId Knobs.Tool).</summary>
    public string ToolPackage => Directory.GetFiles(Feed, "Knobs.Tool.*.nupkg").Single();

    /// <summary>A new, empty project folder under <see cref="Root"/> (so it finds the feed's nuget.config).</summary>
    public string NewFolder(string name)
    {
        Assert.True(Failure is null, Failure);
        string dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public CommandResult Run(string folder, params string[] args) => Dotnet.Run(folder, Environment, TimeSpan.FromMinutes(10), args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string NuGetConfig()
    {
        // The user's global packages folder doubles as an offline source for third-party packages (YamlDotNet, …);
        // source mapping makes Knobs* come from the local feed only.
        string cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cacheSource = Directory.Exists(cache) ? $"    <add key=\"cache\" value=\"{cache}\" />\n" : "";
        string cacheMapping = Directory.Exists(cache) ? "    <packageSource key=\"cache\"><package pattern=\"*\" /></packageSource>\n" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="knobs-local" value="{Feed}" />
            {cacheSource}    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="knobs-local"><package pattern="Knobs" /><package pattern="Knobs.*" /></packageSource>
            {cacheMapping}    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }
}

/// <summary>All end-to-end tests share one packed feed and run one after another (builds are heavy on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "EndToEnd";
}
