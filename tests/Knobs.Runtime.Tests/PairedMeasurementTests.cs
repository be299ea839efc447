using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Profiles;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

public class PairedMeasurementTests
{
    private static readonly IEnergyMeter None = new NoEnergyMeter("test");
    private static readonly string[] Fast = { "--iterations", "3", "--warmup", "1", "--meter", "none", "--quiet" };

    // A spinner that records its name in calls each time it runs.
    private static DelegateVariant Spinner(string name, double ms, List<char> calls)
    {
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "Spin" + name, "t.cs", 1) };
        return new DelegateVariant("Spin", name, null, ops, x =>
        {
            calls.Add(name[0]);
            long t = Profiler.Begin();
            MeasurementTests.Spin(ms);
            Profiler.End(0, t);
            return x;
        }, batch => Tensor.Zeros(batch, 1));
    }

    [Fact]
    public void ABaselineTwiceAsSlowGivesPairedSpeedupsThatFollowTheMeasuredTimes()
    {
        var calls = new List<char>();
        var measurer = new VariantMeasurer(new MeasureSettings(Iterations: 30, 0.02, Warmup: 2, TimeSpan.FromSeconds(30), 1), None);
        PairedMeasurement m = measurer.MeasurePaired(Spinner("A", 2, calls), Spinner("B", 4, calls), Tensor.Zeros(1, 1));

        Assert.Equal(30, m.Speedups.Count);
        Assert.Equal(30, m.BaselineTimes.Count);
        Assert.Equal(30, m.Variant.RunTimes.Count);
        // Each speedup is its pair's baseline time over its variant time, pair by pair. The spinners wait on the wall
        // clock, so on a loaded machine a run can be stretched; the ratios still follow the times that were measured,
        // and the baseline, which spins twice as long, is the slower side.
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(m.BaselineTimes[i] / m.Variant.RunTimes[i], m.Speedups[i], 12);
        }
        double median = m.Speedups.OrderBy(s => s).ElementAt(15);
        Assert.True(median > 1.3, $"the baseline spins twice as long, but the median paired speedup is {median}");
        // Only the variant's op is recorded (the baseline's calls go elsewhere): one sample per pair, its run's time.
        OpMeasurement op = Assert.Single(m.Variant.Ops);
        Assert.Equal(30, op.Calls);
        double opMedian = op.TimePerCall.OrderBy(t => t).ElementAt(15), runMedian = m.Variant.RunTimes.OrderBy(t => t).ElementAt(15);
        Assert.InRange(opMedian / runMedian, 0.8, 1.01);
    }

    [Fact]
    public void PairsAlternateAbThenBaInAbbaOrderAfterBothWarmUp()
    {
        var calls = new List<char>();
        var measurer = new VariantMeasurer(new MeasureSettings(Iterations: 4, 0.02, Warmup: 2, TimeSpan.FromSeconds(30), 1), None);
        measurer.MeasurePaired(Spinner("A", 0.1, calls), Spinner("B", 0.1, calls), Tensor.Zeros(1, 1));

        // A's feature capture, B's first run, two warm-up pairs AB, then four measured pairs AB BA AB BA.
        Assert.Equal("AB" + "ABAB" + "ABBAABBA", new string(calls.ToArray()));
    }

    [Fact]
    public void TheTargetErrorRuleAppliesToThePairedSpeedups()
    {
        var calls = new List<char>();
        var measurer = new VariantMeasurer(new MeasureSettings(null, 0.05, Warmup: 1, TimeSpan.FromSeconds(30), 1), None);
        PairedMeasurement m = measurer.MeasurePaired(Spinner("A", 0.5, calls), Spinner("B", 1, calls), Tensor.Zeros(1, 1));

        Assert.Equal(StopReason.TargetError, m.Variant.Stop);
        Assert.True(Knobs.Statistics.MeasurementStatistics.Compute(m.Speedups).RelativeError <= 0.05);
    }

    [Fact]
    public void PairedConfigurationRunRecordsTheBaselineAndThePairedSpeedupInItsProfile()
    {
        using var dir = new TempDir();
        string file = dir.Combine("tiny_confs.txt");
        File.WriteAllText(file, ConfigurationRunTests.Configurations.Replace("\r\n", "\n"));
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--index", "2", "--paired", "fp32_11", "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);

        Profile p = ProfileReader.Read(Assert.Single(Directory.GetFiles(dir.Combine("out"))));
        Assert.Equal("conf2", p.Header.Variant);
        PairedBaseline paired = Assert.IsType<PairedBaseline>(p.Summary.Paired);
        Assert.Equal("fp32_11", paired.Baseline);
        Assert.Equal(PairedBaseline.AbbaOrder, paired.Order);
        Assert.Equal(3, p.Summary.Iterations);
        Assert.True(paired.Speedup.Mean > 0 && paired.Time.Mean > 0);
        Assert.Equal(("perf", 121), (p.Ops[0].Approx, p.Ops[0].KnobId));
        Assert.Contains("\"paired\":{\"baseline\":\"fp32_11\",\"order\":\"ABBA\"", File.ReadAllText(Directory.GetFiles(dir.Combine("out"))[0]));
    }

    [Fact]
    public void AnUnpairedRunWritesNoPairedField()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp16_12", "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        string path = Assert.Single(Directory.GetFiles(dir.Combine("out")));
        Assert.DoesNotContain("paired", File.ReadAllText(path));
        Assert.Null(ProfileReader.Read(path).Summary.Paired);
    }

    [Fact]
    public void AnUnknownPairedVariantIsABadArgumentBeforeAnythingRuns()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--variant", "fp16_12", "--paired", "fp64_99", "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--paired: TinyNet has no variant 'fp64_99'", r.Error);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public void PairedIsInTheRunHelp()
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--help");
        Assert.Contains("--paired <variant>", r.Output);
        Assert.Contains("ABBA", r.Output);
    }
}
