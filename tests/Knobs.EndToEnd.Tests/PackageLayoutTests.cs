using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Knobs.Testing;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// Packs Knobs, Knobs.Sdk and Knobs.Tool once (child <c>dotnet pack</c> processes with their own artifacts path, so nothing collides
/// with the build that runs these tests) and keeps the nupkg paths for the layout tests.
/// </summary>
public sealed class PackageLayoutFixture : IDisposable
{
    private static readonly string[] Projects = { "src/Knobs/Knobs.csproj", "sdk/Knobs.Sdk/Knobs.Sdk.csproj", "src/Knobs.Cli/Knobs.Cli.csproj" };

    public PackageLayoutFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "knobs-package-layout-" + Guid.NewGuid().ToString("N"));
        string output = Path.Combine(Root, "packages");
        foreach (string project in Projects)
        {
            (int exitCode, string log) = DotnetPack(Path.Combine(RepoPaths.Root, project), output, Path.Combine(Root, "artifacts"));
            if (exitCode != 0)
            {
                Failure = $"dotnet pack {project} exited with {exitCode}:\n{Tail(log, 6000)}";
                return;
            }
        }
        string[] packages = Directory.GetFiles(output, "*.nupkg");
        KnobsPackage = packages.SingleOrDefault(p => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(p), @"^Knobs\.\d"));
        SdkPackage = packages.SingleOrDefault(p => Path.GetFileName(p).StartsWith("Knobs.Sdk.", StringComparison.Ordinal));
        ToolPackage = packages.SingleOrDefault(p => Path.GetFileName(p).StartsWith("Knobs.Tool.", StringComparison.Ordinal));
        if (KnobsPackage is null || SdkPackage is null || ToolPackage is null)
        {
            Failure = "dotnet pack did not produce Knobs, Knobs.Sdk and Knobs.Tool packages; found: " + string.Join(", ", packages.Select(Path.GetFileName));
        }
    }

    /// <summary>Temp folder holding the packages and the pack's artifacts.</summary>
    public string Root { get; }

    /// <summary>Why packing failed; null when both packages exist.</summary>
    public string? Failure { get; }

    public string? KnobsPackage { get; }

    public string? SdkPackage { get; }

    /// <summary>The knobs .NET tool (PackageId Knobs.Tool).</summary>
    public string? ToolPackage { get; }

    /// <summary>The entries of a package (forward-slash paths), failing the test if packing failed.</summary>
    public IReadOnlyList<string> Entries(string? package)
    {
        Assert.True(Failure is null, Failure);
        using ZipArchive zip = ZipFile.OpenRead(package!);
        return zip.Entries.Select(e => Uri.UnescapeDataString(e.FullName)).ToArray();
    }

    public byte[] Read(string? package, string entry)
    {
        Assert.True(Failure is null, Failure);
        using ZipArchive zip = ZipFile.OpenRead(package!);
        ZipArchiveEntry? found = zip.Entries.SingleOrDefault(e => Uri.UnescapeDataString(e.FullName) == entry);
        Assert.True(found is not null, $"{Path.GetFileName(package)} has no {entry}");
        using Stream stream = found!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Parses XML bytes (nuspecs start with a byte-order mark).</summary>
    public static XDocument Xml(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static (int ExitCode, string Log) DotnetPack(string project, string output, string artifacts)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "pack", project, "-c", "Release", "-o", output, "--artifacts-path", artifacts, "--disable-build-servers", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(arg);
        }
        // The test host runs inside an MSBuild-launched process; its MSBuild variables would steer the child build.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 10 minutes\n" + log);
        }
        process.WaitForExit();
        return (process.ExitCode, log.ToString());
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text.Substring(text.Length - length);
}

public class PackageLayoutTests : IClassFixture<PackageLayoutFixture>
{
    private readonly PackageLayoutFixture packed;

    public PackageLayoutTests(PackageLayoutFixture packed) => this.packed = packed;

    [Theory]
    [InlineData("lib/net10.0/Knobs.Core.dll")]
    [InlineData("lib/net10.0/Knobs.Tensors.dll")]
    [InlineData("lib/net10.0/Knobs.Runtime.dll")]
    [InlineData("lib/net10.0/Knobs.Accelerators.dll")]
    [InlineData("analyzers/dotnet/cs/Knobs.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/YamlDotNet.dll")]
    [InlineData("build/Knobs.props")]
    [InlineData("build/Knobs.targets")]
    [InlineData("buildTransitive/Knobs.props")]
    [InlineData("buildTransitive/Knobs.targets")]
    [InlineData("tasks/net8.0/Knobs.Tasks.dll")]
    [InlineData("tasks/net8.0/YamlDotNet.dll")]
    [InlineData("tasks/net8.0/Scriban.Signed.dll")]
    public void KnobsPackageContains(string entry) => Assert.Contains(entry, packed.Entries(packed.KnobsPackage));

    [Fact]
    public void PackagesShipNoMicrosoftBuildAssemblies()
    {
        foreach (string? package in new[] { packed.KnobsPackage, packed.SdkPackage })
        {
            Assert.DoesNotContain(packed.Entries(package), e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void GeneratorFolderHoldsOnlyTheGeneratorAndYamlDotNet()
    {
        string[] analyzers = packed.Entries(packed.KnobsPackage).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "analyzers/dotnet/cs/Knobs.Generators.dll", "analyzers/dotnet/cs/YamlDotNet.dll" }, analyzers.OrderBy(e => e, StringComparer.Ordinal));
    }

    [Fact]
    public void TheAppDependsOnlyOnWhatItRuns()
    {
        // YamlDotNet and Scriban live in analyzers/ and tasks/; an app that references Knobs never gets them.
        string nuspec = packed.Entries(packed.KnobsPackage).Single(e => e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.Contains('/'));
        string[] dependencies = PackageLayoutFixture.Xml(packed.Read(packed.KnobsPackage, nuspec)).Descendants()
            .Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id") ?? "").Distinct().ToArray();
        Assert.Equal(new[] { "System.CommandLine" }, dependencies);
        Assert.DoesNotContain(packed.Entries(packed.KnobsPackage), e => e.StartsWith("lib/", StringComparison.Ordinal)
            && (e.Contains("YamlDotNet", StringComparison.Ordinal) || e.Contains("Scriban", StringComparison.Ordinal) || e.Contains("Handlebars", StringComparison.Ordinal)));
    }

    [Fact]
    public void GeneratorAndCoreEmbedTheDefaultKnobTable()
    {
        byte[] name = Encoding.UTF8.GetBytes("Knobs.KnobTables.Resources.global_knobs.txt");
        foreach (string entry in new[] { "analyzers/dotnet/cs/Knobs.Generators.dll", "lib/net10.0/Knobs.Core.dll" })
        {
            byte[] assembly = packed.Read(packed.KnobsPackage, entry);
            Assert.True(assembly.AsSpan().IndexOf(name) >= 0, $"{entry} does not embed the default knob table");
        }
    }

    [Fact]
    public void SdkPackageIsAnMsBuildSdkWithSdkPropsAndTargets()
    {
        IReadOnlyList<string> entries = packed.Entries(packed.SdkPackage);
        Assert.Contains("Sdk/Sdk.props", entries);
        Assert.Contains("Sdk/Sdk.targets", entries);
        string nuspecName = Assert.Single(entries, e => e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.Contains('/'));
        XDocument nuspec = PackageLayoutFixture.Xml(packed.Read(packed.SdkPackage, nuspecName));
        string[] packageTypes = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name") ?? "").ToArray();
        Assert.Equal(new[] { "MSBuildSdk" }, packageTypes);
    }

    [Fact]
    public void ToolPackageIsADotnetToolWithTheKnobsCommandForNet10()
    {
        IReadOnlyList<string> entries = packed.Entries(packed.ToolPackage);
        Assert.Contains("tools/net10.0/any/knobs.dll", entries);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("tools/net10.0/any/Knobs.Accelerators.dll", entries);
        string nuspecName = Assert.Single(entries, e => e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.Contains('/'));
        XDocument nuspec = PackageLayoutFixture.Xml(packed.Read(packed.ToolPackage, nuspecName));
        string[] packageTypes = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name") ?? "").ToArray();
        Assert.Equal(new[] { "DotnetTool" }, packageTypes);
        Assert.Equal("Knobs.Tool", nuspec.Descendants().Single(e => e.Name.LocalName == "id").Value);
        // The command is named knobs and runs knobs.dll.
        XDocument settings = PackageLayoutFixture.Xml(packed.Read(packed.ToolPackage, "tools/net10.0/any/DotnetToolSettings.xml"));
        XElement command = Assert.Single(settings.Descendants(), e => e.Name.LocalName == "Command");
        Assert.Equal("knobs", (string?)command.Attribute("Name"));
        Assert.Equal("knobs.dll", (string?)command.Attribute("EntryPoint"));
    }

    [Fact]
    public void AllPackagesHaveTheSameVersion()
    {
        string Version(string? package)
        {
            string nuspec = packed.Entries(package).Single(e => e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.Contains('/'));
            return PackageLayoutFixture.Xml(packed.Read(package, nuspec)).Descendants().Single(e => e.Name.LocalName == "version").Value;
        }
        Assert.Equal(Version(packed.KnobsPackage), Version(packed.SdkPackage));
        Assert.Equal(Version(packed.KnobsPackage), Version(packed.ToolPackage));
    }

    [Fact]
    public void GeneratorReferencesNothingTheCompilerCannotLoad()
    {
        byte[] generator = packed.Read(packed.KnobsPackage, "analyzers/dotnet/cs/Knobs.Generators.dll");
        using var pe = new PEReader(new MemoryStream(generator));
        MetadataReader metadata = pe.GetMetadataReader();
        string[] references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
        Assert.Contains("YamlDotNet", references);
        Assert.DoesNotContain(references, r => r is "Knobs.Core" or "System.Text.Json" or "Scriban.Signed" || r.StartsWith("Microsoft.Build", StringComparison.Ordinal));
    }
}
