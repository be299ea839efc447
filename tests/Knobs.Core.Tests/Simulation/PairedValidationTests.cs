using System.IO;
using System.Linq;
using Knobs.Core.Tests.Profiles;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

public sealed class PairedValidationTests
{
    private static ProfileStatistics Stats(double mean, double half) => new(20, mean, mean, half, mean - half, mean + half, mean - half, mean + half, 0, false);

    internal static (string, Profile) Paired((string Path, Profile P) m, string baseline, double baselineMs, double speedup, double speedupHalfWidth = 0.01)
    {
        SummaryRecord s = m.P.Summary;
        var paired = new PairedBaseline(baseline, PairedBaseline.AbbaOrder, Stats(baselineMs, 0.1), Stats(speedup, speedupHalfWidth));
        return (m.Path, new Profile(m.P.Header, m.P.Ops, m.P.Qos, new SummaryRecord(s.Time, s.Energy, s.Iterations, s.Failed, s.Error, paired)));
    }

    [Fact]
    public void APairedProfileIsComparedWithItsPairedSpeedupNotThePassBaseline()
    {
        (SimulationResult sim, LookupTable table) = ValidationTests.Simulate();
        // The pass baseline says 30.5/28 = 1.09x; the configuration's own paired baseline says 1.25x.
        ValidationReport report = ValidationReport.Create(sim, table,
            new[] { Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25) },
            new[] { ValidationTests.Baseline("fp32", 11, 30.0), ValidationTests.Baseline("fp32", 11, 31.0) });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        ValidationRow row = Assert.Single(report.Rows);
        Assert.True(row.Paired);
        Assert.Equal(1.25, row.MeasuredSpeedup, 12);
        Assert.Equal(0.01, row.SpeedupCiHalfWidth!.Value, 12);
        Assert.Equal(35.0, row.BaselineTime, 12);
        Assert.Equal(row.PredictedSpeedup / 1.25 - 1, row.Error, 12);
        Assert.Equal("paired", report.BaselineSource);
        Assert.True(report.AllPaired);
        Assert.Contains("baseline: speedups are paired", report.ToText());
        Assert.Contains(",35,paired,", report.ToCsv());
    }

    [Fact]
    public void ProfilesWithoutAPairedBaselineKeepTheBracketingRuleAndRowsSayTheirSource()
    {
        (SimulationResult sim, LookupTable table) = ValidationTests.Simulate();
        ValidationReport report = ValidationReport.Create(sim, table,
            new[] { Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25), ValidationTests.Measured("conf1", 1, "fp32", 11, 30.0) },
            new[] { ValidationTests.Baseline("fp32", 11, 30.0), ValidationTests.Baseline("fp32", 11, 31.0) });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal(new[] { "validation pass", "paired" }, report.Rows.Select(r => r.BaselineSource));
        Assert.Equal(30.5 / 30.0, report.Rows[0].MeasuredSpeedup, 9);
        Assert.False(report.AllPaired);
        Assert.Contains("1 unpaired configuration(s) use the validation pass baseline", report.DescribeBaseline());
    }

    [Fact]
    public void AProfilePairedWithAnotherVariantThanTheBaselineIsAnError()
    {
        (SimulationResult sim, LookupTable table) = ValidationTests.Simulate();
        ValidationReport report = ValidationReport.Create(sim, table,
            new[] { Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp16_12", 35.0, 1.25) });
        Assert.True(report.HasErrors);
        Assert.Empty(report.Rows);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("paired with fp16_12, not the baseline variant fp32_11"));
    }

    [Fact]
    public void ThePairedFieldRoundTripsAndOldProfilesReadWithoutIt()
    {
        (string _, Profile p) = Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25);
        string text = ProfileWriter.ToText(p);
        Assert.Contains("\"paired\":{\"baseline\":\"fp32_11\",\"order\":\"ABBA\",\"time\":{", text);
        Profile back = ProfileReader.Read(new StringReader(text), "p.profile.jsonl");
        PairedBaseline paired = back.Summary.Paired!;
        Assert.Equal(("fp32_11", "ABBA", 35.0, 1.25), (paired.Baseline, paired.Order, paired.Time.Mean, paired.Speedup.Mean));
        Assert.Equal(0.01, paired.Speedup.CiHalfWidth, 12);
        Assert.Null(paired.Spell);

        string old = ProfileWriter.ToText(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0).Item2);
        Assert.DoesNotContain("paired", old);
        Assert.Null(ProfileReader.Read(new StringReader(old), "old.profile.jsonl").Summary.Paired);
        string withNull = old.Replace("\"error\":null}", "\"error\":null,\"paired\":null}");
        Assert.Null(ProfileReader.Read(new StringReader(withNull), "null.profile.jsonl").Summary.Paired);
    }

    [Fact]
    public void ASpellAndTheDiscardedMeasurementsRoundTripAndAreLeftOutWhenThereAreNone()
    {
        (string _, Profile p) = Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25);
        PairedBaseline steady = p.Summary.Paired!;
        Assert.Empty(steady.Discarded);
        Assert.DoesNotContain("spell", ProfileWriter.ToText(p));
        Assert.DoesNotContain("discarded", ProfileWriter.ToText(p));

        var spelled = new PairedBaseline(steady.Baseline, steady.Order, steady.Time, steady.Speedup, "drift 1.6x", new[] { "attempt 1: drift 1.4x", "attempt 3: drift 2x" });
        SummaryRecord s = p.Summary;
        string text = ProfileWriter.ToText(new Profile(p.Header, p.Ops, p.Qos, new SummaryRecord(s.Time, s.Energy, s.Iterations, s.Failed, s.Error, spelled)));
        Assert.Contains("\"spell\":\"drift 1.6x\",\"discarded\":[\"attempt 1: drift 1.4x\",\"attempt 3: drift 2x\"]", text);
        PairedBaseline back = ProfileReader.Read(new StringReader(text), "s.profile.jsonl").Summary.Paired!;
        Assert.Equal("drift 1.6x", back.Spell);
        Assert.Equal(new[] { "attempt 1: drift 1.4x", "attempt 3: drift 2x" }, back.Discarded);
    }

    [Theory]
    [InlineData("\"spell\":\"drift 1.6x\"", "\"spell\":\"\"", "field 'paired.spell' is empty")]
    [InlineData("\"attempt 1: drift 1.4x\"", "null", "'paired.discarded[0]' is null or empty")]
    [InlineData("\"attempt 1: drift 1.4x\"", "\"\"", "'paired.discarded[0]' is null or empty")]
    public void AnEmptySpellOrDiscardedNoteNamesTheField(string from, string to, string message)
    {
        (string _, Profile p) = Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25);
        PairedBaseline steady = p.Summary.Paired!;
        var spelled = new PairedBaseline(steady.Baseline, steady.Order, steady.Time, steady.Speedup, "drift 1.6x", new[] { "attempt 1: drift 1.4x" });
        SummaryRecord s = p.Summary;
        string text = ProfileWriter.ToText(new Profile(p.Header, p.Ops, p.Qos, new SummaryRecord(s.Time, s.Energy, s.Iterations, s.Failed, s.Error, spelled)));
        Assert.Contains(from, text);
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(text.Replace(from, to)), "b.profile.jsonl"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void APairedFieldWithoutItsSpeedupNamesTheField()
    {
        (string _, Profile p) = Paired(ValidationTests.Measured("conf2", 2, "perf", 121, 28.0), "fp32_11", 35.0, 1.25);
        string text = ProfileWriter.ToText(p);
        int at = text.IndexOf(",\"speedup\":{", System.StringComparison.Ordinal);
        string broken = text[..at] + "}}\n";
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(broken), "b.profile.jsonl"));
        Assert.Contains("paired.speedup", e.Message);
    }
}
