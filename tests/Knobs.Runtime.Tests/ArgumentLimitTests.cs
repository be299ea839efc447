using System;
using System.IO;
using System.Linq;
using Knobs.Runtime.Measurement;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Runtime.Tests;

public class ArgumentLimitTests
{
    [Theory]
    [InlineData("--threads", "1000")]
    [InlineData("--threads", "65")]
    [InlineData("--threads", "2147483647")]
    [InlineData("--threads", "99999999999")]
    [InlineData("--threads", "-1")]
    [InlineData("--threads", "NaN")]
    [InlineData("--threads", "two")]
    [InlineData("--threads", "1.5")]
    [InlineData("--iterations", "2000000000")]
    [InlineData("--iterations", "99999999999")]
    [InlineData("--iterations", "-5")]
    [InlineData("--iterations", "NaN")]
    [InlineData("--warmup", "2147483647")]
    [InlineData("--warmup", "99999999999")]
    [InlineData("--warmup", "NaN")]
    [InlineData("--batch", "2147483647")]
    [InlineData("--batch", "99999999999")]
    [InlineData("--batch", "-1")]
    [InlineData("--max-time", "99999999999")]
    [InlineData("--max-time", "NaN")]
    [InlineData("--max-time", "Infinity")]
    [InlineData("--max-time", "-1")]
    [InlineData("--max-time", "soon")]
    [InlineData("--target-error", "NaN")]
    [InlineData("--target-error", "-0.1")]
    [InlineData("--index", "99999999999")]
    [InlineData("--index", "0")]
    [InlineData("--threads", "4\n\u001B[31mred")]
    public void OutOfRangeNumberIsOneLineNamingTheOption(string option, string value)
    {
        using var dir = new TempDir();
        string outDir = dir.Combine("profiles");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", option, value, "--meter", "none", "--out", outDir);
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        string line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error KNB0301: ", line);
        Assert.Contains(option, line);
        Assert.DoesNotContain('\u001B', r.Error);
        Assert.False(Directory.Exists(outDir), "nothing may be written on bad arguments");
    }

    [Fact]
    public void TooManyThreadsNamesTheLimitAndWhatToDo()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--threads", "1000", "--meter", "none");
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        Assert.Contains("--threads must be a whole number from 1 to 64, got '1000'", r.Error);
        Assert.Contains("give 64 or fewer", r.Error);
    }

    [Fact]
    public void MeterNvmlOnTheCpuIsOneLineSayingItNeedsTheCudaBackendAndNothingIsWritten()
    {
        using var dir = new TempDir();
        string outDir = dir.Combine("profiles");
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--meter", "nvml", "--iterations", "3", "--out", outDir);
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        string line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error KNB0301: ", line);
        Assert.Contains("--meter nvml reads a GPU's energy: it needs KNOBS_BACKEND=Cuda", line);
        Assert.False(Directory.Exists(outDir), "nothing may be written on bad arguments");
    }

    [Fact]
    public void ThreadLimitIsWhatTheCpuBackendHonours()
    {
        Assert.Equal(64, Runner.MaxThreads);
        using var cpu = new CpuBackend();
        cpu.Threads = Runner.MaxThreads;
        Assert.Equal(Runner.MaxThreads, cpu.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => cpu.Threads = Runner.MaxThreads + 1);
    }

    [Fact]
    public void LargestAcceptedCountsAreTheDocumentedLimits()
    {
        var cli = new Cli.RunnerCli("app");
        Cli.RunRequest request = cli.ReadRun(cli.Root.Parse(new[] { "run", "--iterations", "100000", "--warmup", "100000", "--max-time", "86400",
            "--batch", "65536", "--threads", "64" }));
        Assert.Equal(MeasureSettings.MaxIterations, request.Measure.Iterations);
        Assert.Equal(MeasureSettings.MaxIterations, request.Measure.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(MeasureSettings.MaxTimeLimitSeconds), request.Measure.MaxTime);
        Assert.Equal(MeasureSettings.MaxBatch, request.Measure.Batch);
        Assert.Equal(Runner.MaxThreads, request.Threads);
        Assert.True(request.Measure.MaxTimeCapsIterations);
    }

    [Fact]
    public void FixedIterationsWithoutMaxTimeStayExact()
    {
        var cli = new Cli.RunnerCli("app");
        Cli.RunRequest request = cli.ReadRun(cli.Root.Parse(new[] { "run", "--iterations", "40" }));
        Assert.False(request.Measure.MaxTimeCapsIterations);
    }
}
