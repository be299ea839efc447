using System;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Runtime.Tests;

public class RunProfileTests
{
    private static string[] Fast(string outDir) =>
        new[] { "--iterations", "4", "--warmup", "1", "--meter", "none", "--quiet", "--out", outDir };

    [Fact]
    public void RunWritesOneProfilePerVariantThatReadsBackWhole()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run" }.Concat(Fast(dir.Path)).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        string[] files = Directory.GetFiles(dir.Path).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray()!;
        Assert.Equal(new[] { "TinyNet.fp16_12.profile.jsonl", "TinyNet.fp32_11.profile.jsonl", "TinyNet.perf_121.profile.jsonl" }, files);

        Profile perf = ProfileReader.Read(dir.Combine("TinyNet.perf_121.profile.jsonl"));
        Assert.Equal("TinyNet", perf.Header.Benchmark);
        Assert.Equal("perf_121", perf.Header.Variant);
        Assert.Equal("perf", perf.Header.Knob!.Name);
        Assert.Equal(121, perf.Header.Knob.Id);
        Assert.Null(perf.Header.Configuration);
        Assert.Equal("PerTensor", perf.Header.Settings.Profiling);
        Assert.Equal(4, perf.Header.Settings.Iterations);
        Assert.Equal(1, perf.Header.Settings.Batch);
        Assert.Equal("none", perf.Header.Environment.Meter);
        Assert.Equal(Environment.ProcessorCount, perf.Header.Environment.Cores);
        Assert.StartsWith("sha256:", perf.Header.Environment.AppHash);

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, perf.Ops.Select(o => o.Index));
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 3 }, perf.Ops.Select(o => o.Node));
        OpRecord conv = perf.Ops[0];
        Assert.Equal(("conv", "ConvApprox", "perf", 121), (conv.Kind, conv.Op, conv.Approx, conv.KnobId));
        Assert.All(perf.Ops, o =>
        {
            Assert.Equal(4, o.Time.N + o.Time.Outliers);
            Assert.True(o.Time.Mean > 0 && o.Time.Min <= o.Time.Median && o.Time.Median <= o.Time.Max);
            Assert.True(o.Time.CiLow <= o.Time.Mean && o.Time.Mean <= o.Time.CiHigh);
            Assert.Null(o.Energy);
            Assert.Equal(0, o.F2h.Time);
        });
        Assert.Equal(4, perf.Summary.Iterations);
        Assert.Null(perf.Summary.Energy);
        Assert.False(perf.Summary.Failed);
        // The whole run includes every op: its mean cannot be below the sum of the op means by more than noise allows.
        Assert.True(perf.Summary.Time.Max >= perf.Ops.Sum(o => o.Time.Min));

        Assert.NotNull(perf.Qos);
        Assert.Equal("fp32_11", perf.Qos!.Reference);
        Assert.True(perf.Qos.RelL2 > 0, "a perforated convolution changes the output");
        Assert.NotNull(perf.Qos.Top1);
    }

    [Fact]
    public void ReferenceVariantHasZeroErrorAndFullAgreement()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp32_11" }.Concat(Fast(dir.Path)).ToArray());
        Assert.Equal(0, r.ExitCode);
        QosRecord qos = ProfileReader.Read(dir.Combine("TinyNet.fp32_11.profile.jsonl")).Qos!;
        Assert.Equal(0, qos.RelL2);
        Assert.Equal(0, qos.MaxAbs);
        Assert.Null(qos.Psnr);
        Assert.Equal(1, qos.Top1);
    }

    [Fact]
    public void HalfVariantRecordsConversionTimeSeparately()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp16_12" }.Concat(Fast(dir.Path)).ToArray());
        Assert.Equal(0, r.ExitCode);
        Profile p = ProfileReader.Read(dir.Combine("TinyNet.fp16_12.profile.jsonl"));
        Assert.Contains(p.Ops, o => o.F2h.Time > 0);
        Assert.Contains(p.Ops, o => o.H2f.Time > 0);
        Assert.True(p.Qos!.RelL2 > 0 && p.Qos.RelL2 < 0.05, $"fp16 error should be small, got {p.Qos.RelL2}");
    }

    [Fact]
    public void ThrowingVariantIsReportedAndTheOthersStillRun()
    {
        using var dir = new TempDir();
        var registry = new TestRegistry(("boom_99", () => new DelegateVariant(TinyNet.Name, "boom_99", null, TinyNet.Ops(new[] { "a", "b", "c", "d", "e" }),
            _ => throw new InvalidOperationException("kernel exploded"))));
        File.WriteAllText(dir.Combine("TinyNet.boom_99.profile.jsonl"), "stale");
        RunOutcome r = RunOutcome.Of(registry, new[] { "run" }.Concat(Fast(dir.Path)).ToArray());
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error KNB0302: TinyNet boom_99 failed", r.Error);
        Assert.Contains("kernel exploded", r.Error);
        Assert.Contains("FAILED", r.Output);
        Assert.False(File.Exists(dir.Combine("TinyNet.boom_99.profile.jsonl")), "a stale profile of a failed variant must not survive");
        foreach (string ok in new[] { "fp32_11", "fp16_12", "perf_121" })
        {
            Assert.True(File.Exists(dir.Combine($"TinyNet.{ok}.profile.jsonl")), ok);
        }
        Assert.Null(ProfileSession.Current);
    }

    [Fact]
    public void VariantWithoutHooksIsProfiledAsTotalWithNoOpRecords()
    {
        using var dir = new TempDir();
        var registry = new TestRegistry(("total_11", () => new DelegateVariant(TinyNet.Name, "total_11", TinyNet.Fp32,
            Array.Empty<OpDescriptor>(), new TinyNet().RunUninstrumented)));
        RunOutcome r = RunOutcome.Of(registry, new[] { "run", "--variant", "total_11" }.Concat(Fast(dir.Path)).ToArray());
        Assert.Equal(0, r.ExitCode);
        Profile p = ProfileReader.Read(dir.Combine("TinyNet.total_11.profile.jsonl"));
        Assert.Equal("Total", p.Header.Settings.Profiling);
        Assert.Empty(p.Ops);
        Assert.Equal(0, p.Qos!.RelL2);
    }

    [Fact]
    public void SummarySaysEnergyNotMeasuredAndNeverZeroJoules()
    {
        using var dir = new TempDir();
        string[] args = { "run", "--variant", "fp32_11", "--iterations", "3", "--warmup", "0", "--meter", "none", "--out", dir.Path };
        RunOutcome r = RunOutcome.Of(new TestRegistry(), args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("energy: not measured (KNB0304: --meter none)", r.Output);
        Assert.DoesNotContain(" 0 J", r.Output);
        Assert.Contains("ms (±", r.Output);
        Assert.Contains("top-1 1", r.Output);
    }

    [Fact]
    public void BatchAndThreadsReachTheInputAndTheBackend()
    {
        using var dir = new TempDir();
        int before = Backend.Current.Threads;
        try
        {
            RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp32_11", "--batch", "3", "--threads", "1" }.Concat(Fast(dir.Path)).ToArray());
            Assert.Equal(0, r.ExitCode);
            Profile p = ProfileReader.Read(dir.Combine("TinyNet.fp32_11.profile.jsonl"));
            Assert.Equal(3, p.Header.Settings.Batch);
            Assert.Equal(1, p.Header.Settings.Threads);
            Assert.Equal(1, p.Header.Environment.Threads);
        }
        finally
        {
            Backend.Current.Threads = before;
        }
    }

    [Fact]
    public void NoisyMeasurementIsFlaggedInTheProfileAndWarned()
    {
        using var dir = new TempDir();
        var registry = new TestRegistry(("noisy_1", () =>
        {
            DelegateVariant spin = MeasurementTests.Spinner(i => i % 2 == 0 ? 0.2 : 3);
            return new DelegateVariant(TinyNet.Name, "noisy_1", null, spin.Ops, spin.Run);
        }));
        string[] args = { "run", "--variant", "noisy_1", "--target-error", "0.001", "--max-time", "0.1", "--warmup", "0", "--meter", "none", "--quiet", "--out", dir.Path };
        RunOutcome r = RunOutcome.Of(registry, args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning KNB0305: TinyNet noisy_1: the 99.9% CI", r.Error);
        Assert.Contains("NOISY", r.Output);
        Profile p = ProfileReader.Read(dir.Combine("TinyNet.noisy_1.profile.jsonl"));
        Assert.True(p.Summary.Time.Noisy);
        Assert.Null(p.Qos); // the spinner's output has a different shape from TinyNet's
        Assert.Contains("warning KNB0303: TinyNet noisy_1: QoS not computed: output shape", r.Error);
    }

    [Fact]
    public void RaplRunRecordsEnergyPerRunAndPerOp()
    {
        using var dir = new TempDir();
        string zone = dir.Combine("intel-rapl:0");
        Directory.CreateDirectory(zone);
        File.WriteAllText(Path.Combine(zone, "name"), "package-0\n");
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "123456\n");
        File.WriteAllText(Path.Combine(zone, "max_energy_range_uj"), "262143328850\n");
        Environment.SetEnvironmentVariable("KNOBS_POWERCAP_ROOT", dir.Path);
        try
        {
            string outDir = dir.Combine("out");
            RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--variant", "fp32_11", "--iterations", "3", "--warmup", "0", "--meter", "rapl", "--quiet", "--out", outDir);
            Assert.True(r.ExitCode == 0, r.Error);
            Profile p = ProfileReader.Read(Path.Combine(outDir, "TinyNet.fp32_11.profile.jsonl"));
            Assert.Equal("rapl", p.Header.Environment.Meter);
            // A recorded counter does not move: the energy is a measured 0 J, present, unlike the null of "not measured".
            Assert.Equal(0, p.Summary.Energy);
            Assert.All(p.Ops, o => Assert.Equal(0, o.Energy));
            Assert.Contains("energy: RAPL at", r.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KNOBS_POWERCAP_ROOT", null);
        }
    }

    [Fact]
    public void ProfileCutShortAfterTheRunIsRejectedByTheReader()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp32_11" }.Concat(Fast(dir.Path)).ToArray());
        Assert.Equal(0, r.ExitCode);
        string path = dir.Combine("TinyNet.fp32_11.profile.jsonl");
        string[] lines = File.ReadAllLines(path);
        Assert.StartsWith("{\"type\":\"summary\"", lines[^1]);
        File.WriteAllLines(path, lines[..^1]);
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(path));
        Assert.Contains(path, e.Message);
    }
}
