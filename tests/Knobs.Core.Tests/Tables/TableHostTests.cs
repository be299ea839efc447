using System;
using System.Linq;
using Knobs.Core.Tests.Profiles;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Core.Tests.Tables;

/// <summary>A table says which machine measured each knob column, when the profiles recorded it.</summary>
public class TableHostTests
{
    private static ProfileEnvironment On(string host)
    {
        ProfileEnvironment e = SampleProfiles.Environment();
        return new ProfileEnvironment(e.CpuModel, e.Cores, e.Os, e.Dotnet, e.Jit, e.Gc, e.Threads, e.Backend, e.KnobsVersion, e.Meter, e.Governor, e.AppHash, host);
    }

    private static LookupTable Build(params (string Approx, int Id, string Host)[] columns) =>
        Assert.Single(TableBuilder.Build(columns.Select(c => (c.Approx + ".jsonl", SampleTables.Profile(c.Approx, c.Id, environment: On(c.Host)))).ToList()).Tables);

    [Fact]
    public void IdenticalNodesMakeOneTableWhoseColumnsNameTheirNode()
    {
        LookupTable table = Build(("fp32", 11, "node1"), ("perf", 121, "node2"), ("samp", 231, "node1"));

        Assert.Equal(new[] { "node1", "node2", "node1" }, table.Knobs.Select(k => k.Host));
        Assert.Contains("Measured on: node1 (fp32, samp_231), node2 (perf_121).", TableMarkdownWriter.ToText(table));
    }

    [Fact]
    public void TheHostSurvivesTheJsonTable()
    {
        LookupTable table = Build(("fp32", 11, "node1"), ("perf", 121, "node2"));
        LookupTable back = TableJsonReader.Parse(TableJsonWriter.ToText(table), "t.json");

        Assert.Equal(new[] { "node1", "node2" }, back.Knobs.Select(k => k.Host));
        Assert.Equal("node1", back.Environment!.Host);
    }

    [Fact]
    public void OneMachineIsNamedOnce()
    {
        Assert.Contains("Measured on: vm.  \n", TableMarkdownWriter.ToText(Build(("fp32", 11, "vm"), ("perf", 121, "vm"))));
    }

    [Fact]
    public void NodesThatDifferAreAnErrorNamingBothHosts()
    {
        ProfileEnvironment other = new("AMD EPYC", 2, "Debian GNU/Linux 13", "10.0.0", "TieredPGO=1,TC=1", "Workstation,Concurrent", 2, "Cpu", "0.1.0",
            "none", "performance", "sha256:00ff", "node9");
        TableBuildResult result = TableBuilder.Build(new[]
        {
            ("a.jsonl", SampleTables.Profile("fp32", 11, environment: On("node1"))),
            ("b.jsonl", SampleTables.Profile("perf", 121, environment: other)),
        });

        Assert.Empty(result.Tables);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("host 'node1' vs 'node9'", StringComparison.Ordinal));
    }
}
