using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Testing;

namespace Knobs.Core.Tests.Configurations;

public sealed class HpvmConfigurationFileTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(RepoPaths.HpvmData, "tuner_confs"), "*.txt").OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileName(f) });

    private static string PathOf(string name) => Path.Combine(RepoPaths.HpvmData, "tuner_confs", name);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryHpvmFileParsesWithoutErrors(string name)
    {
        ConfigurationReadResult result = ConfigurationReader.ReadFile(PathOf(name));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(result.File!.Configurations);
        int nodes = result.File.Configurations[0].Nodes.Count;
        Assert.All(result.File.Configurations, c => Assert.Equal(nodes, c.Nodes.Count));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void WritingWhatWasReadGivesTheSameText(string name)
    {
        string original = File.ReadAllText(PathOf(name)).Replace("\r\n", "\n");
        ConfigurationFile file = ConfigurationReader.ReadFile(PathOf(name)).File!;
        string written = ConfigurationWriter.ToText(file);
        // The only normalisation: trailing spaces (simple_graph_cpu.txt has them) are dropped, with a warning.
        string expected = string.Join("\n", original.Split('\n').Select(l => l.TrimEnd(' ')));
        Assert.Equal(expected, written);
        ConfigurationFile again = ConfigurationReader.Parse(written, name).File!;
        Assert.Equal(ConfigurationWriter.ToText(again), written);
    }

    [Fact]
    public void AlexNetHasFiftyOneConfigurationsOfSevenNodes()
    {
        ConfigurationFile file = ConfigurationReader.ReadFile(PathOf("alexnet_cifar10.txt")).File!;
        Assert.Equal(51, file.Configurations.Count);
        Assert.Equal("2592.187221", file.FirstLine);
        Configuration conf3 = file.Configurations[2];
        Assert.Equal("conf3", conf3.Name);
        Assert.Equal("78.96", conf3.Accuracy);
        ConfigurationOp conv = conf3.Nodes[0].Ops[0];
        Assert.Equal(("conv", "samp_fp16", 263, "samp_fp16_263"), (conv.Op, conv.Approx, conv.KnobId, conv.KnobKey));
        Assert.Equal(new[] { "conv", "add", "tanh", "pool_max" }, conf3.Nodes[0].Ops.Select(o => o.Op));
    }

    [Fact]
    public void Fp32AndFp16IgnoreTheInteger()
    {
        ConfigurationFile file = ConfigurationReader.Parse("1.5\n+++++\nc 1 1 90 0\n1 gpu conv fp16 11 add fp32 7\n-----\n", "t.txt").File!;
        ConfigurationOp[] ops = file.Configurations[0].Nodes[0].Ops.ToArray();
        Assert.Equal((12, "fp16"), (ops[0].KnobId, ops[0].KnobKey));
        Assert.Equal((11, "fp32"), (ops[1].KnobId, ops[1].KnobKey));
        Assert.Equal(11, ops[0].Value);
    }

    [Fact]
    public void TrailingSpaceIsAWarningNotAnError()
    {
        ConfigurationReadResult result = ConfigurationReader.ReadFile(PathOf("simple_graph_cpu.txt"));
        Assert.False(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticIds.TrailingSpace && d.Line == 4 && d.Column == 17);
    }
}
