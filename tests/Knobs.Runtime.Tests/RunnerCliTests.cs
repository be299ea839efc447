using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Knobs.Runtime.Tests;

public class RunnerCliTests
{
    private static readonly string[] Fast = { "--iterations", "3", "--warmup", "1", "--meter", "none", "--quiet" };

    [Fact]
    public void ListPrintsBenchmarkNodesAndVariants()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("TinyNet (classifier, 3 nodes, 3 variants)", r.Output);
        Assert.Contains("node 1 node1: conv add relu", r.Output);
        Assert.Contains("variants: fp32_11 fp16_12 perf_121", r.Output);
    }

    [Fact]
    public void ListJsonNamesEveryVariantAndKnob()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.Output);
        JsonElement bench = doc.RootElement.GetProperty("benchmarks")[0];
        Assert.Equal("TinyNet", bench.GetProperty("name").GetString());
        Assert.Equal(new[] { "fp32_11", "fp16_12", "perf_121" }, bench.GetProperty("variants").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(121, bench.GetProperty("knobs")[2].GetProperty("id").GetInt32());
        Assert.Equal(3, bench.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public void HelpExplainsRunOptionsAndExitsZero()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string option in new[] { "--benchmark", "--variant", "--config", "--index", "--iterations", "--target-error", "--warmup",
                     "--max-time", "--batch", "--threads", "--out", "--quiet" })
        {
            Assert.Contains(option, r.Output);
        }
        Assert.Contains("99.9%", r.Output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run", "--iterations", "0")]
    [InlineData("run", "--iterations", "three")]
    [InlineData("run", "--iterations", "3", "--target-error", "0.05")]
    [InlineData("run", "--target-error", "2")]
    [InlineData("run", "--target-error", "2%")]
    [InlineData("run", "--max-time", "0,5")]
    [InlineData("run", "--variant", "nope_1")]
    [InlineData("run", "--benchmark", "NoSuchNet")]
    [InlineData("run", "--index", "2")]
    [InlineData("run", "--batch", "0")]
    [InlineData("run", "--threads", "-1")]
    [InlineData("run", "--max-time", "0")]
    [InlineData("run", "--warmup", "-3")]
    [InlineData("run", "--meter", "joulemeter")]
    [InlineData("run", "--config", "/no/such/file.txt")]
    [InlineData("run", "--unknown-option")]
    [InlineData()]
    public void BadArgumentsExitTwoWithOneLineAndWriteNothing(params string[] args)
    {
        using var dir = new TempDir();
        string outDir = dir.Combine("profiles");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), args.Concat(new[] { "--out", outDir }).ToArray());
        if (args.Length == 0 || args[0] != "run")
        {
            // Not a run: --out itself is unknown there, but the exit code and message rules are the same.
            r = RunOutcome.Of(new TestRegistry(), args);
        }
        Assert.Equal(2, r.ExitCode);
        string[] lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error KNB0301: ", lines[0]);
        Assert.False(Directory.Exists(outDir), "nothing may be written on bad arguments");
    }

    [Fact]
    public void UnknownVariantErrorListsTheValidOnes()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--variant", "perf_999");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown variant 'perf_999'", r.Error);
        Assert.Contains("perf_121", r.Error);
    }

    [Fact]
    public void NoCommandSaysWhichCommandsExist()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no command given", r.Error);
        Assert.Contains("list", r.Error);
        Assert.Contains("run", r.Error);
    }

    [Fact]
    public void OutThatIsAFileIsABadArgument()
    {
        using var dir = new TempDir();
        string file = dir.Combine("not-a-folder");
        File.WriteAllText(file, "x");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--out", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a file", r.Error);
        Assert.Equal("x", File.ReadAllText(file));
    }
}
