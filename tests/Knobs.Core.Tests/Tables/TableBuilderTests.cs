using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Profiles;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Core.Tests.Tables;

public sealed class TableBuilderTests
{
    [Fact]
    public void OneColumnPerKnobOrderedById()
    {
        LookupTable table = SampleTables.Build();
        Assert.Equal(new[] { "fp32", "fp16", "perf_121", "perf_fp16_151", "samp_231" }, table.Knobs.Select(k => k.Key));
        Assert.Equal(5, table.Nodes.Count);
        Assert.Equal(new[] { "mul", "add", "tanh" }, table.Nodes[2].Ops.Select(o => o.Kind));
    }

    [Fact]
    public void CellsHoldEachVariantsMeasurementOfThatOp()
    {
        LookupTable table = SampleTables.Build();
        TableOp conv2 = table.Nodes[1].Ops[0];
        Assert.Equal(4.0, conv2.Cells[table.KnobIndex("fp32")]!.Mean, 12);
        Assert.Equal(2.4, conv2.Cells[table.KnobIndex("fp16")]!.Mean, 12);
        TableCell perf = conv2.Cells[table.KnobIndex("perf_121")]!;
        Assert.Equal((2.2, "perf", "ConvApprox"), (System.Math.Round(perf.Mean, 12), perf.Approx, perf.Op));
        // The perforation variant leaves the add alone: the same method as in fp32 ran.
        Assert.Equal("add", table.Nodes[1].Ops[1].Cells[table.KnobIndex("perf_121")]!.Op);
        Assert.Equal(40, perf.Time!.N);
    }

    [Fact]
    public void QosAndWholeRunTimeArePerKnob()
    {
        LookupTable table = SampleTables.Build();
        TableKnob samp = table.Knobs[table.KnobIndex("samp_231")];
        Assert.Equal(0.014, samp.Qos!.RelL2, 12);
        Assert.NotNull(samp.Total);
        Assert.False(table.EnergyMeasured);
        Assert.True(SampleTables.Build(energy: true).EnergyMeasured);
    }

    [Fact]
    public void ConversionCostsAreTheMeanOfWhereTheyHappenedAndNullWhereNever()
    {
        LookupTable table = SampleTables.Build();
        Assert.Equal(0.05, table.Nodes[0].Ops[0].F2h!.Time, 12);
        Assert.Null(table.Nodes[0].Ops[0].H2f);
        Assert.Null(table.Nodes[2].Ops[0].F2h);
        Assert.Equal(0.002, table.Nodes[4].Ops[0].H2f!.Time, 12);
    }

    [Fact]
    public void ProfilesFromAnotherMachineAreRefusedNamingBothFilesAndTheDifference()
    {
        var profiles = SampleTables.Knobs.Select(k => ($"p/{k.Approx}.jsonl", SampleTables.Profile(k.Approx, k.Id))).ToList();
        profiles[3] = ("p/other.jsonl", SampleTables.Profile("perf_fp16", 151, environment: SampleProfiles.Environment(cpu: "AMD EPYC 7B13")));
        TableBuildResult result = TableBuilder.Build(profiles);
        Assert.Empty(result.Tables);
        ConfigurationDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.MixedEnvironments, d.Id);
        Assert.Equal("p/other.jsonl", d.File);
        Assert.Contains("p/fp16.jsonl", d.Message);
        Assert.Contains("cpuModel 'Intel(R) Xeon(R) CPU @ 2.20GHz' vs 'AMD EPYC 7B13'", d.Message);
    }

    [Fact]
    public void DifferentThreadCountsAreNotMixed()
    {
        var profiles = new[]
        {
            ("a.jsonl", SampleTables.Profile("fp32", 11)),
            ("b.jsonl", SampleTables.Profile("fp16", 12, environment: SampleProfiles.Environment(threads: 8))),
        };
        TableBuildResult result = TableBuilder.Build(profiles);
        Assert.Contains("threads '2' vs '8'", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void TwoProfilesOfTheSameKnobAreRefused()
    {
        TableBuildResult result = TableBuilder.Build(new[] { ("a.jsonl", SampleTables.Profile("fp32", 11)), ("b.jsonl", SampleTables.Profile("fp32", 11)) });
        Assert.Equal(DiagnosticIds.DuplicateProfile, Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void ProfilesWithDifferentNodesAreRefused()
    {
        TableBuildResult result = TableBuilder.Build(new[] { ("a.jsonl", SampleTables.Profile("fp32", 11)), ("b.jsonl", SampleTables.Profile("fp16", 12, nodeCount: 4)) });
        ConfigurationDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.InconsistentNodes, d.Id);
        Assert.Contains("4 nodes instead of 5", d.Message);
    }

    [Fact]
    public void ConfigurationRunsAreLeftOutOfTheTable()
    {
        var config = new ProfileConfiguration("c.txt", "conf2", 2, new[] { new ProfileConfigurationNode(1, "fp16", 12) });
        Profile measured = SampleProfiles.Create(SampleTables.Benchmark, "conf2", null,
            new[] { new SampleProfiles.Op(1, "conv", "HalfConvolution", "fp16", 12, 1) }, configuration: config);
        TableBuildResult result = TableBuilder.Build(new[] { ("a.jsonl", SampleTables.Profile("fp32", 11)), ("c.jsonl", measured) });
        Assert.False(result.HasErrors);
        Assert.Single(Assert.Single(result.Tables).Knobs);
    }

    [Fact]
    public void TruncatedProfileFileIsADiagnosticWithItsLine()
    {
        using var dir = new TempDir();
        var paths = SampleTables.WriteProfiles(dir.Path);
        string[] lines = File.ReadAllLines(paths[2]);
        File.WriteAllLines(paths[2], lines.Take(lines.Length - 1));
        TableBuildResult result = TableBuilder.Build(paths);
        Assert.True(result.HasErrors);
        ConfigurationDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticIds.UnreadableProfile, paths[2], lines.Length - 1), (d.Id, d.File, d.Line));
        Assert.Contains("truncated", d.Message);
    }

    [Fact]
    public void FailedRunIsLeftOutWithAWarning()
    {
        Profile ok = SampleTables.Profile("fp16", 12);
        var failed = new Profile(ok.Header, ok.Ops, ok.Qos, new SummaryRecord(ok.Summary.Time, null, 0, true, "out of memory"));
        TableBuildResult result = TableBuilder.Build(new[] { ("a.jsonl", SampleTables.Profile("fp32", 11)), ("b.jsonl", failed) });
        Assert.False(result.HasErrors);
        Assert.Equal(DiagnosticIds.FailedProfile, Assert.Single(result.Diagnostics).Id);
        Assert.Single(result.Tables[0].Knobs);
    }

    [Fact]
    public void FilesReadFromDiskBuildTheSameTableAsProfilesInMemory()
    {
        using var dir = new TempDir();
        TableBuildResult result = TableBuilder.Build(SampleTables.WriteProfiles(dir.Path).Reverse());
        Assert.False(result.HasErrors);
        Assert.Equal(HpvmTensorTableWriter.ToText(SampleTables.Build()), HpvmTensorTableWriter.ToText(result.Tables[0]));
    }
}
