using System;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Profiles;

namespace Knobs.Runtime.Tests;

public class ConfigurationNameTests
{
    private static readonly string[] Fast = { "--iterations", "3", "--warmup", "1", "--meter", "none" };

    private static string Conf(string name, string perf = "fp32 11") => $"""
        +++++
        {name} 1 1 90.0 0.0
        1 gpu conv {perf} add fp32 1 relu fp32 1
        2 gpu mul fp32 11 add fp32 1
        3 gpu softmax fp32 1
        -----

        """;

    private static string WriteConfigs(TempDir dir, params string[] names) =>
        WriteFile(dir, "12.5\n" + string.Concat(names.Select(n => Conf(n))).Replace("\r\n", "\n"));

    private static string WriteFile(TempDir dir, string text)
    {
        string file = dir.Combine("tiny_confs.txt");
        File.WriteAllText(file, text);
        return file;
    }

    [Theory]
    [InlineData("../../../../tmp/x/ESCAPED", "KNB0220", "starts with '.'")]
    [InlineData("x/../../../../tmp/x/ESCAPED", "KNB0220", "contains '/'")]
    [InlineData("fast/small", "KNB0220", "contains '/'")]
    [InlineData("red\u001B[31mconf\u0007", "KNB0219", "control character U+001B")]
    public void AConfigurationNameThatIsNoFileNameIsRefusedBeforeAnythingIsWritten(string name, string id, string expected)
    {
        using var dir = new TempDir();
        string file = WriteConfigs(dir, name);
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        Assert.Contains("error " + id + ": ", r.Error);
        Assert.Contains(expected, r.Error);
        Assert.DoesNotContain('\u001B', r.Output + r.Error);
        Assert.False(Directory.Exists(dir.Combine("out")));
        Assert.Equal(new[] { file }, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void TwoConfigurationsWithOneNameAreRefusedByTheReader()
    {
        using var dir = new TempDir();
        string file = WriteConfigs(dir, "conf1", "conf1");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        Assert.Contains("error KNB0220: configuration name 'conf1' is also used on line 3", r.Error);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public void ConfigurationsSharingAFileNameOnACaseInsensitiveDiskAreRefusedNamingBoth()
    {
        using var dir = new TempDir();
        string file = WriteConfigs(dir, "Conf", "conf");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        string line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error KNB0307: ", line);
        Assert.Contains("configuration 1 'Conf' and configuration 2 'conf'", line);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Theory]
    [InlineData("conf1", "conf1")]
    [InlineData("../../etc/passwd", "_._etc_passwd")]
    [InlineData("..", "_")]
    [InlineData(".hidden", "hidden")]
    [InlineData("a\\b", "a_b")]
    [InlineData("a\nb\tc\0", "a_b_c_")]
    [InlineData("fp16+perf-2.5", "fp16+perf-2.5")]
    [InlineData("", "_")]
    public void SafePartKeepsOnlyPlainFileNameCharacters(string name, string expected)
    {
        Assert.Equal(expected, ProfilePaths.SafePart(name));
    }

    [Fact]
    public void SafePartIsLengthLimited()
    {
        Assert.Equal(ProfilePaths.MaxPartLength, ProfilePaths.SafePart(new string('a', 1000)).Length);
    }

    [Theory]
    [InlineData("../x.profile.jsonl")]
    [InlineData("sub/x.profile.jsonl")]
    [InlineData("/etc/x.profile.jsonl")]
    [InlineData("..")]
    public void PathOutsideOutIsRefused(string fileName)
    {
        using var dir = new TempDir();
        UsageException e = Assert.Throws<UsageException>(() => ProfilePaths.InFolder(dir.Path, fileName));
        Assert.Contains("outside --out", e.Message);
    }

    [Fact]
    public void PathInOutIsItsFullPath()
    {
        using var dir = new TempDir();
        Assert.Equal(Path.Combine(dir.Path, "a.profile.jsonl"), ProfilePaths.InFolder(dir.Path + Path.DirectorySeparatorChar, "a.profile.jsonl"));
    }

    [Fact]
    public void ListEscapesNodeAndOpNames()
    {
        var nodes = new[] { new NodeDescriptor(1, "node\n1", new[] { "co\u001B[2Jnv", "relu" }) };
        var registry = new FixedRegistry(new BenchmarkDescriptor(TinyNet.Name, true, nodes, new[] { TinyNet.Fp32 }, new[] { "fp32_11" },
            _ => throw new InvalidOperationException("not run"), (_, _) => throw new InvalidOperationException("not run")));
        RunOutcome r = RunOutcome.Of(registry, "list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  node 1 node\\n1: co\\u001B[2Jnv relu\n", r.Output.Replace("\r\n", "\n"));
        Assert.DoesNotContain('\u001B', r.Output);
    }

    private sealed class FixedRegistry(params BenchmarkDescriptor[] benchmarks) : IBenchmarkRegistry
    {
        public System.Collections.Generic.IReadOnlyList<BenchmarkDescriptor> Benchmarks { get; } = benchmarks;
    }

    [Fact]
    public void EscapeWritesControlCharactersAsEscapes()
    {
        Assert.Equal("a\\nb\\r\\t\\u001B[31m\\u2028\\u0000z", ConsoleText.Escape("a\nb\r\t\u001B[31m\u2028\0z"));
        Assert.Equal("plain", ConsoleText.Escape("plain"));
    }
}
