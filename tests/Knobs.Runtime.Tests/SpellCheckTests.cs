using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Runtime.Measurement;

namespace Knobs.Runtime.Tests;

public class SpellCheckTests
{
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

    // A measurement whose baseline took these times (one per pair); the variant's own times do not matter here.
    private static PairedMeasurement Attempt(params double[] baseline)
    {
        double[] ones = baseline.Select(_ => 1.0).ToArray();
        var variant = new VariantMeasurement(ones, null, [], 0, true, StopReason.Iterations, System.TimeSpan.Zero, 0);
        return new PairedMeasurement(variant, baseline, baseline);
    }

    private static readonly double[] Steady = Enumerable.Repeat(10.0, 16).ToArray();
    private static readonly double[] SlowSecondHalf = Enumerable.Range(0, 16).Select(i => i < 8 ? 10.0 : 30.0).ToArray();
    private static readonly double[] SlightlySlowSecondHalf = Enumerable.Range(0, 16).Select(i => i < 8 ? 10.0 : 15.0).ToArray();

    // Runs the loop on the given attempts in order, with a steal counter that never moves; records what it reports.
    private static (PairedMeasurement Kept, int Taken, List<string> Progress) Keep(params double[][] attempts)
    {
        using var dir = new TempDir();
        string stat = dir.Combine("stat");
        File.WriteAllText(stat, "cpu  100 0 50 800 10 0 0 0 0 0\n");
        int taken = 0;
        var progress = new List<string>();
        PairedMeasurement kept = VariantMeasurer.KeepOutsideSpells("fp32_11", () => Attempt(attempts[taken++]), () => new StealClock(stat), progress.Add);
        return (kept, taken, progress);
    }

    [Fact]
    public void ASteadyMeasurementIsKeptAtOnce()
    {
        (PairedMeasurement kept, int taken, List<string> progress) = Keep(Steady, Steady);

        Assert.Equal(1, taken);
        Assert.Null(kept.Spell);
        Assert.Empty(kept.Discarded);
        Assert.Empty(progress);
    }

    [Fact]
    public void AMeasurementInASpellIsTakenAgainAndTheSteadyOneIsKept()
    {
        (PairedMeasurement kept, int taken, List<string> progress) = Keep(SlowSecondHalf, Steady, Steady);

        Assert.Equal(2, taken);
        Assert.Same(Steady, kept.BaselineTimes);
        Assert.Null(kept.Spell);
        Assert.Equal("attempt 1: fp32_11's median time differed 3.00x between the fastest and slowest quarter of the 16 pairs (limit 1.25x)", Assert.Single(kept.Discarded));
        Assert.Equal("spell (attempt 1 of 3): fp32_11's median time differed 3.00x between the fastest and slowest quarter of the 16 pairs (limit 1.25x)", Assert.Single(progress));
    }

    [Fact]
    public void WhenEveryAttemptIsInASpellTheSteadiestIsKeptAndMarkedAndTheOthersAreDiscarded()
    {
        (PairedMeasurement kept, int taken, List<string> progress) = Keep(SlowSecondHalf, SlightlySlowSecondHalf, SlowSecondHalf);

        Assert.Equal(VariantMeasurer.MaxSpellAttempts, taken);
        Assert.Same(SlightlySlowSecondHalf, kept.BaselineTimes);
        Assert.Equal("fp32_11's median time differed 1.50x between the fastest and slowest quarter of the 16 pairs (limit 1.25x)", kept.Spell);
        Assert.Equal(new[] { "attempt 1:", "attempt 3:" }, kept.Discarded.Select(d => d[..10]));
        Assert.Equal(3, progress.Count);
    }

    [Fact]
    public void StolenTimeAloneMakesASpell()
    {
        using var dir = new TempDir();
        string stat = dir.Combine("stat");
        File.WriteAllText(stat, "cpu  100 0 50 800 10 0 0 0 0 0\n");
        int taken = 0;
        PairedMeasurement kept = VariantMeasurer.KeepOutsideSpells("fp32_11", () =>
        {
            // The first attempt: half of the machine's 200 new jiffies were stolen; later ones: none.
            taken++;
            File.WriteAllText(stat, taken == 1 ? "cpu  150 0 50 850 10 0 0 100 0 0\n" : "cpu  250 0 50 950 10 0 0 100 0 0\n");
            return Attempt(Steady);
        }, () => new StealClock(stat), null);

        Assert.Equal(2, taken);
        Assert.Equal("attempt 1: the hypervisor stole 50 % of the machine's CPU time (limit 10 %)", Assert.Single(kept.Discarded));
        Assert.Null(kept.Spell);
    }
}
