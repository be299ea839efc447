using System.IO;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

/// <summary><c>knobs table</c>: lookup tables from profiles measured elsewhere, written as ProfileTable writes them.</summary>
public sealed class TableCommandTests
{
    private static string Profiles => RepoPaths.Combine("tests", "Knobs.Core.Tests", "Data", "profiles-v1");

    [Fact]
    public void AFolderOfProfilesBecomesTheBenchmarksTableFiles()
    {
        using var tmp = new TempFolder();
        string outDir = Path.Combine(tmp.Path, "tables");
        ToolRun run = ToolRun.Of("table", Profiles, "-o", outDir);
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string file in new[] { "AlexNetCifar10.table.json", "AlexNetCifar10.table.csv", "AlexNetCifar10.table.md", "AlexNetCifar10.tensors.txt" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        Assert.Contains("AlexNetCifar10 on cpu", run.Output);
        string json = File.ReadAllText(Path.Combine(outDir, "AlexNetCifar10.table.json"));
        Assert.Contains("perf_121", json);
        Assert.Contains("samp_231", json);
    }

    [Fact]
    public void TheSameProfilesGiveByteIdenticalTables()
    {
        using var tmp = new TempFolder();
        string a = Path.Combine(tmp.Path, "a"), b = Path.Combine(tmp.Path, "b");
        Assert.Equal(0, ToolRun.Of("table", Profiles, "-o", a).ExitCode);
        Assert.Equal(0, ToolRun.Of("table", Profiles, "-o", b).ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "AlexNetCifar10.table.json")), File.ReadAllBytes(Path.Combine(b, "AlexNetCifar10.table.json")));
    }

    [Fact]
    public void AFolderWithoutProfilesOrAMissingPathIsAUsageError()
    {
        using var tmp = new TempFolder();
        ToolRun empty = ToolRun.Of("table", tmp.Path, "-o", Path.Combine(tmp.Path, "t"));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("KNB0506", empty.Error);
        Assert.Contains("holds no *.profile.jsonl", empty.Error);
        ToolRun missing = ToolRun.Of("table", Path.Combine(tmp.Path, "nope.profile.jsonl"), "-o", Path.Combine(tmp.Path, "t"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("neither a profile file nor a folder", missing.Error);
    }

    [Fact]
    public void AMalformedProfileIsAnErrorNamingItsFileAndLineAndNoTableIsWritten()
    {
        using var tmp = new TempFolder();
        string profiles = Path.Combine(tmp.Path, "profiles");
        Directory.CreateDirectory(profiles);
        File.WriteAllText(Path.Combine(profiles, "Bad.fp32_11.profile.jsonl"), "{\"type\":\"header\"\n\n");
        string outDir = Path.Combine(tmp.Path, "tables");
        ToolRun run = ToolRun.Of("table", profiles, "-o", outDir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Bad.fp32_11.profile.jsonl", run.Error);
        Assert.Matches(@"\(\d+(,\d+)?\)", run.Error);
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Fact]
    public void AnOutputPathUnderAFileFailsBeforeAnyTableIsBuilt()
    {
        using var tmp = new TempFolder();
        string file = tmp.Write("plain.txt", "x");
        ToolRun run = ToolRun.Of("table", Profiles, "-o", Path.Combine(file, "tables"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("KNB0602", run.Error);
        Assert.DoesNotContain("AlexNetCifar10 on cpu", run.Output);
    }
}
