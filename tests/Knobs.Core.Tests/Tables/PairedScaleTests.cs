using System;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Core.Tests.Tables;

/// <summary>
/// Variants profiled interleaved with fp32 carry the fp32 time measured beside them; the table scales each column by the
/// median of those times over its own, so drift of the machine between variants does not reach the table.
/// </summary>
public class PairedScaleTests
{
    private static ProfileStatistics Stats(double mean) => new(20, mean, mean, 0.1, mean - 0.2, mean + 0.2, mean - 0.05, mean + 0.05, 0, false);

    // The sample profile of the knob, as if measured while fp32 took baselineMs beside it (slowdown: the machine's speed then).
    private static (string, Profile) Measured(string approx, int id, double baselineMs, double slowdown)
    {
        Profile p = SampleTables.Profile(approx, id);
        var ops = p.Ops.Select(o => new OpRecord(o.Node, o.NodeName, o.Index, o.Kind, o.Op, o.Approx, o.KnobId, Scale(o.Time, slowdown), o.Energy,
            o.F2h, o.H2f, o.Features, o.Provenance, o.H2d, o.D2h, o.Modelled)).ToList();
        var paired = new PairedBaseline("fp32_11", PairedBaseline.AbbaOrder, Stats(baselineMs), Stats(1.0));
        var summary = new SummaryRecord(Scale(p.Summary.Time, slowdown), p.Summary.Energy, p.Summary.Iterations, false, null, paired);
        return (approx + ".jsonl", new Profile(p.Header, ops, p.Qos, summary));
    }

    private static ProfileStatistics Scale(ProfileStatistics s, double f) => s.Scaled(f);

    [Fact]
    public void AColumnMeasuredInASlowSpellIsScaledBackByTheFp32TimeMeasuredBesideIt()
    {
        // fp32 and samp at normal speed (fp32 beside them: 10 ms); perf while the machine ran 1.5× slower (15 ms).
        LookupTable table = Assert.Single(TableBuilder.Build(new[]
        {
            Measured("fp32", 11, 10, 1), Measured("perf", 121, 15, 1.5), Measured("samp", 231, 10, 1),
        }).Tables);
        LookupTable asMeasured = Assert.Single(TableBuilder.Build(new[] { ("a", SampleTables.Profile("fp32", 11)), ("b", SampleTables.Profile("perf", 121)), ("c", SampleTables.Profile("samp", 231)) }).Tables);

        Assert.Equal(new double?[] { 1, 10.0 / 15, 1 }, table.Knobs.Select(k => k.Scale));
        int perf = table.KnobIndex("perf_121");
        for (int n = 0; n < table.Nodes.Count; n++)
            for (int o = 0; o < table.Nodes[n].Ops.Count; o++)
                Assert.Equal(asMeasured.Nodes[n].Ops[o].Cells[perf]!.Mean, table.Nodes[n].Ops[o].Cells[perf]!.Mean, 9);
        Assert.Equal(asMeasured.Knobs[perf].Total!.Mean, table.Knobs[perf].Total!.Mean, 9);
    }

    [Fact]
    public void UnpairedProfilesKeepTheirTimesAndHaveNoScale()
    {
        LookupTable table = Assert.Single(TableBuilder.Build(new[] { ("a", SampleTables.Profile("fp32", 11)), ("b", SampleTables.Profile("perf", 121)) }).Tables);

        Assert.All(table.Knobs, k => Assert.Null(k.Scale));
        Assert.DoesNotContain("Drift-corrected", TableMarkdownWriter.ToText(table), StringComparison.Ordinal);
    }

    [Fact]
    public void TheScaleSurvivesTheJsonTableAndIsNamedInTheMarkdown()
    {
        LookupTable table = Assert.Single(TableBuilder.Build(new[] { Measured("fp32", 11, 10, 1), Measured("perf", 121, 12.5, 1.25), Measured("samp", 231, 8, 0.8) }).Tables);
        LookupTable back = TableJsonReader.Parse(TableJsonWriter.ToText(table), "t.json");

        Assert.Equal(table.Knobs.Select(k => k.Scale), back.Knobs.Select(k => k.Scale));
        Assert.Contains("Drift-corrected: each variant was measured interleaved with fp32", TableMarkdownWriter.ToText(table), StringComparison.Ordinal);
        Assert.Contains("(factors 0.800–1.250)", TableMarkdownWriter.ToText(table), StringComparison.Ordinal);
    }

    [Fact]
    public void ANonPositiveScaleInAJsonTableIsAnErrorNamingTheField()
    {
        LookupTable table = Assert.Single(TableBuilder.Build(new[] { Measured("fp32", 11, 10, 1), Measured("perf", 121, 10, 1) }).Tables);
        string text = TableJsonWriter.ToText(table).Replace("\"scale\": 1", "\"scale\": -1", StringComparison.Ordinal);
        Assert.Contains("\"scale\": -1", text, StringComparison.Ordinal);

        var e = Assert.Throws<TableFormatException>(() => TableJsonReader.Parse(text, "t.json"));
        Assert.Contains("scale", e.Message, StringComparison.Ordinal);
    }
}
