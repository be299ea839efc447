using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Runtime.Tests;

public class ConfigurationRunTests
{
    internal const string Configurations = """
        12.5
        +++++
        conf1 1 1 90.0 0.0
        1 gpu conv fp32 11 add fp32 1 relu fp32 1
        2 gpu mul fp32 11 add fp32 1
        3 gpu softmax fp32 1
        -----
        +++++
        conf2 1.4 1 89.5 0.5
        1 gpu conv perf 121 add fp32 1 relu fp32 1
        2 gpu mul fp16 12 add fp16 1
        3 gpu softmax fp32 1
        -----

        """;

    private static readonly string[] Fast = { "--iterations", "3", "--warmup", "1", "--meter", "none", "--quiet" };

    [Fact]
    public void ConfigIndexRunsOneConfigurationWithItsNodeKnobs()
    {
        using var dir = new TempDir();
        string file = dir.Combine("tiny_confs.txt");
        File.WriteAllText(file, Configurations.Replace("\r\n", "\n"));
        var registry = new TestRegistry();
        RunOutcome r = RunOutcome.Of(registry, new[] { "run", "--config", file, "--index", "2", "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);

        NodeKnob[] knobs = Assert.Single(registry.ConfigurationsCreated).ToArray();
        Assert.Equal(new[] { new NodeKnob("perf", 121), new NodeKnob("fp16", 12), new NodeKnob("fp32", 11) }, knobs);

        string profile = Assert.Single(Directory.GetFiles(dir.Combine("out")));
        Assert.EndsWith("TinyNet.config-tiny_confs-conf2.profile.jsonl", profile);
        Profile p = ProfileReader.Read(profile);
        Assert.Equal("conf2", p.Header.Variant);
        Assert.Null(p.Header.Knob);
        Assert.Equal(2, p.Header.Configuration!.Index);
        Assert.Equal(new[] { "perf", "fp16", "fp32" }, p.Header.Configuration.Nodes.Select(n => n.Knob));
        Assert.Equal(("perf", 121), (p.Ops[0].Approx, p.Ops[0].KnobId));
        Assert.Equal(("fp16", 12), (p.Ops[3].Approx, p.Ops[3].KnobId));
        Assert.True(p.Qos!.RelL2 > 0);
    }

    [Fact]
    public void ConfigWithoutIndexRunsEveryConfiguration()
    {
        using var dir = new TempDir();
        string file = dir.Combine("tiny_confs.txt");
        File.WriteAllText(file, Configurations.Replace("\r\n", "\n"));
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, Directory.GetFiles(dir.Combine("out")).Length);
    }

    [Fact]
    public void MalformedConfigurationIsABadArgumentWithFileAndLine()
    {
        using var dir = new TempDir();
        string file = dir.Combine("bad_confs.txt");
        File.WriteAllText(file, Configurations.Replace("conv perf 121", "conv perf xyz").Replace("\r\n", "\n"));
        RunOutcome r = RunOutcome.Of(new TestRegistry(), new[] { "run", "--config", file, "--out", dir.Combine("out") }.Concat(Fast).ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error KNB0307: --config: ", r.Error);
        Assert.Contains("bad_confs.txt(10,", r.Error);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public void IndexBeyondTheFileIsABadArgument()
    {
        using var dir = new TempDir();
        string file = dir.Combine("tiny_confs.txt");
        File.WriteAllText(file, Configurations.Replace("\r\n", "\n"));
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--config", file, "--index", "3", "--out", dir.Combine("out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("has 2 configurations", r.Error);
    }
}
