using System;
using System.IO;
using System.Linq;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Measurement;
using Knobs.Runtime.Running;

namespace Knobs.Runtime.Tests;

public class OutputFolderTests
{
    private static readonly string[] Fast = { "--iterations", "3", "--warmup", "1", "--meter", "none", "--quiet" };

    private static (TestRegistry Registry, Func<int> Runs) CountingRegistry()
    {
        int runs = 0;
        var registry = new TestRegistry(("count_11", () => new DelegateVariant(TinyNet.Name, "count_11", TinyNet.Fp32,
            TinyNet.Ops(new[] { "Convolution", "Add", "Relu", "Gemm", "Add" }), x => { runs++; return new TinyNet().RunFp32(x); })));
        return (registry, () => runs);
    }

    [Fact]
    public void OutUnderAFileIsRefusedBeforeAnyMeasurement()
    {
        using var dir = new TempDir();
        string file = dir.Combine("a-file");
        File.WriteAllText(file, "x");
        var (registry, runs) = CountingRegistry();
        RunOutcome r = RunOutcome.Of(registry, new[] { "run", "--variant", "count_11", "--out", Path.Combine(file, "profiles") }.Concat(Fast).ToArray());
        Assert.Equal(Runner.ExitUsage, r.ExitCode);
        string line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error KNB0301: --out: cannot write profiles to ", line);
        Assert.Equal(0, runs());
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void ReadOnlyOutIsRefusedBeforeAnyMeasurement()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        string outDir = dir.Combine("read-only");
        Directory.CreateDirectory(outDir);
        File.SetUnixFileMode(outDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            // Root writes anywhere: there the folder is not read-only and there is nothing to check.
            if (CanCreateFileIn(outDir)) return;
            var (registry, runs) = CountingRegistry();
            RunOutcome r = RunOutcome.Of(registry, new[] { "run", "--variant", "count_11", "--out", outDir }.Concat(Fast).ToArray());
            Assert.Equal(Runner.ExitUsage, r.ExitCode);
            Assert.StartsWith("error KNB0301: --out: cannot write profiles to ", Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal(0, runs());
        }
        finally
        {
            File.SetUnixFileMode(outDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void FailedProfileWriteKeepsThePreviousProfileAndStopsTheRun()
    {
        using var dir = new TempDir();
        RunOutcome first = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp32_11", "--out", dir.Path }.Concat(Fast).ToArray());
        Assert.Equal(0, first.ExitCode);
        string good = dir.Combine("TinyNet.fp32_11.profile.jsonl");
        byte[] before = File.ReadAllBytes(good);

        var request = new RunRequest(null, new[] { "fp32_11", "fp16_12" }, null, null,
            new MeasureSettings(3, MeasureSettings.DefaultTargetError, 1, MeasureSettings.DefaultMaxTime, 1), null, dir.Path, "none", Quiet: true);
        var output = new StringWriter();
        var error = new StringWriter();
        int written = 0;
        int code = new RunCommand(new TestRegistry(), request, output, error,
            (_, _) => { written++; throw new IOException("No space left on device"); }).Execute();

        Assert.Equal(Runner.ExitOutputFailed, code);
        // A noisy-measurement warning may come first on a loaded machine; the error is one line.
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error ", StringComparison.Ordinal));
        Assert.StartsWith("error KNB0308: TinyNet fp32_11: cannot write ", line);
        Assert.Contains("No space left on device", line);
        Assert.Contains("is kept", line);
        Assert.Equal(before, File.ReadAllBytes(good));
        Assert.Equal(1, written);
        Assert.False(File.Exists(dir.Combine("TinyNet.fp16_12.profile.jsonl")), "the run stops at the first profile it cannot write");
    }

    private static bool CanCreateFileIn(string folder)
    {
        try
        {
            using (new FileStream(Path.Combine(folder, "probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
