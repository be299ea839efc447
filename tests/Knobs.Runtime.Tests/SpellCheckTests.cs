using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

public class SpellCheckTests
{
    private static readonly IEnergyMeter None = new NoEnergyMeter("test");

    [Fact]
    public void SteadyBaselineTimesAreNoSpell()
    {
        double[] times = Enumerable.Range(0, 40).Select(i => 10.0 + (i % 3) * 0.5).ToArray();
        Assert.InRange(SpellCheck.Drift(times)!.Value, 1.0, 1.06);
        Assert.Null(SpellCheck.Describe("fp32_11", times, 0.001));
    }

    [Fact]
    public void ABaselineThatSlowsDownInOneQuarterIsASpellAndTheNoteSaysHowMuch()
    {
        // 40 pairs: the third quarter (pairs 20–29) ran at two thirds of the speed.
        double[] times = Enumerable.Range(0, 40).Select(i => i is >= 20 and < 30 ? 15.0 : 10.0).ToArray();
        Assert.Equal(1.5, SpellCheck.Drift(times)!.Value, 12);
        string? note = SpellCheck.Describe("fp32_11", times, null);
        Assert.Equal("fp32_11's median time differed 1.50x between the fastest and slowest quarter of the 40 pairs (limit 1.25x)", note);
    }

    [Fact]
    public void ADriftAtTheLimitIsNoSpellAndOneJustAboveIs()
    {
        double[] at = Enumerable.Range(0, 8).Select(i => i < 2 ? 12.5 : 10.0).ToArray();
        double[] above = Enumerable.Range(0, 8).Select(i => i < 2 ? 12.6 : 10.0).ToArray();
        Assert.Null(SpellCheck.Describe("b", at, null));
        Assert.NotNull(SpellCheck.Describe("b", above, null));
    }

    [Fact]
    public void FewerThanTwoPairsPerQuarterAreNotJudgedByDriftButStolenTimeStillCounts()
    {
        double[] seven = { 10, 30, 10, 30, 10, 30, 10 };
        Assert.Null(SpellCheck.Drift(seven));
        Assert.Null(SpellCheck.Describe("b", seven, 0.05));
        Assert.Equal("the hypervisor stole 25 % of the machine's CPU time (limit 10 %)", SpellCheck.Describe("b", seven, 0.25));
    }

    [Fact]
    public void TheStealClockReadsTheEighthCounterOfTheCpuLine()
    {
        using var dir = new TempDir();
        string stat = dir.Combine("stat");
        File.WriteAllText(stat, "cpu  100 0 50 800 10 0 0 40 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        Assert.Equal((40L, 1000L), StealClock.Read(stat));
        var clock = new StealClock(stat);
        // 200 more jiffies, 50 of them stolen.
        File.WriteAllText(stat, "cpu  200 0 80 820 10 0 0 90 5 0\n");
        Assert.Equal(0.25, clock.Share()!.Value, 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3\n")]
    [InlineData("cpu  1 2 3 4\n")]
    [InlineData("cpu  1 2 3 4 5 6 7 x\n")]
    public void AStatisticsFileWithoutTheCounterGivesNoShare(string content)
    {
        using var dir = new TempDir();
        string stat = dir.Combine("stat");
        File.WriteAllText(stat, content);
        Assert.Null(StealClock.Read(stat));
        Assert.Null(new StealClock(stat).Share());
        Assert.Null(new StealClock(dir.Combine("missing")).Share());
    }

    // A baseline whose time follows its call count: calls 0–2 are its first run and two warm-up pairs.
    private static DelegateVariant Baseline(System.Func<int, double> ms)
    {
        int calls = 0;
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "SpinB", "t.cs", 1) };
        return new DelegateVariant("Spin", "B", null, ops, x =>
        {
            MeasurementTests.Spin(ms(calls++));
            return x;
        }, batch => Tensor.Zeros(batch, 1));
    }

    private static DelegateVariant Variant()
    {
        var ops = new[] { new OpDescriptor(0, 1, "node1", "conv", "SpinA", "t.cs", 1) };
        return new DelegateVariant("Spin", "A", null, ops, x =>
        {
            long t = Profiler.Begin();
            MeasurementTests.Spin(1);
            Profiler.End(0, t);
            return x;
        }, batch => Tensor.Zeros(batch, 1));
    }

    private static VariantMeasurer Measurer(List<string> progress) =>
        new(new MeasureSettings(Iterations: 16, 0.02, Warmup: 2, System.TimeSpan.FromSeconds(60), 1), None, progress.Add);

    [Fact]
    public void AMeasurementInASpellIsTakenAgainAndTheSteadyOneIsKept()
    {
        // The first measured attempt (calls 3–18) slows down threefold halfway; later attempts run at one speed.
        var progress = new List<string>();
        PairedMeasurement m = Measurer(progress).MeasurePaired(Variant(), Baseline(c => c is >= 11 and < 19 ? 9 : 3), Tensor.Zeros(1, 1));

        Assert.StartsWith("attempt 1: B's median time differed", m.Discarded[0]);
        Assert.Contains(progress, p => p.StartsWith("spell (attempt 1 of 3): B's median time differed"));
        // What is kept ran after the slow calls: none of its baseline runs took the slow call's 9 ms.
        Assert.Equal(16, m.BaselineTimes.Count);
        Assert.True(m.BaselineTimes.OrderBy(t => t).ElementAt(8) < 6, string.Join(", ", m.BaselineTimes));
    }

    [Fact]
    public void WhenEveryAttemptIsInASpellTheSteadiestIsKeptAndMarked()
    {
        // Every attempt of 16 pairs slows down in its second half: 3x in the first two attempts, 2x in the third.
        var progress = new List<string>();
        PairedMeasurement m = Measurer(progress).MeasurePaired(Variant(), Baseline(c =>
        {
            int attempt = (c - 3) / 16, pair = (c - 3) % 16;
            return c < 3 || pair < 8 ? 3 : attempt < 2 ? 9 : 6;
        }), Tensor.Zeros(1, 1));

        Assert.NotNull(m.Spell);
        Assert.Equal(2, m.Discarded.Count);
        Assert.StartsWith("attempt 1:", m.Discarded[0]);
        Assert.StartsWith("attempt 2:", m.Discarded[1]);
        Assert.Equal(3, progress.Count(p => p.StartsWith("spell (attempt")));
        Assert.Equal(16, m.Speedups.Count);
    }
}
