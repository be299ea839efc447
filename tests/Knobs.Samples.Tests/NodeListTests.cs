using Knobs.Testing;
using System.IO;
using System.Linq;

namespace Knobs.Samples.Tests;

public class NodeListTests
{
    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void GeneratedNodesEqualTheFirstHpvmConfiguration(string network)
    {
        var descriptor = GeneratedRegistry.For(Sample.Get(network).Template);
        var expected = HpvmConfFile.FirstConfigurationNodes(
            Path.Combine(RepoPaths.HpvmData, "tuner_confs", network + ".txt"));

        var actual = descriptor.Nodes.Select(n => (n.Id, string.Join(' ', n.OpKinds))).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void SampleKeepsAnUnchangedCopyOfItsTunerConfs(string network)
    {
        string original = Path.Combine(RepoPaths.HpvmData, "tuner_confs", network + ".txt");
        string copy = RepoPaths.Combine("samples", network, "tuner_confs.txt");

        Assert.Equal(File.ReadAllText(original), File.ReadAllText(copy));
    }
}
