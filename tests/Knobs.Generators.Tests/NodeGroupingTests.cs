using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Generators.Model;
using Knobs.Generators.Tests.Harness;
using Knobs.Testing;

namespace Knobs.Generators.Tests;

/// <summary>Nodes are HPVM's: the node list of a template equals the first configuration of the network's tuner_confs file.</summary>
public sealed class NodeGroupingTests
{
    [Fact]
    public void LeNetNodesMatchHpvmConf1() => AssertNodesMatch(Templates.LeNet, "lenet_mnist");

    [Fact]
    public void ResNetResidualAddsAreNodesOfTheirOwn() => AssertNodesMatch(Templates.ResNet18(), "resnet18_cifar10");

    [Fact]
    public void MobileNetBatchNormAndDepthwiseConvAreNodesOfTheirOwn() => AssertNodesMatch(Templates.MobileNet(), "mobilenet_cifar10");

    [Fact]
    public void NodeMarkerStartsANamedNodeHoldingTheFollowingOps()
    {
        string source = Templates.Usings + """
            namespace Demo;
            [KnobBenchmark]
            public partial class Marked
            {
                private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);
                private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);
                public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);
                public Tensor Run(Tensor x)
                {
                    x = Convolution(x, w, 1, 1, 1, 1);
                    x = Add(x, b);
                    NodeMarker.Node("head");
                    x = Relu(x);
                    x = Softmax(x);
                    return x;
                }
            }
            """;
        TemplateSpec template = GeneratorHarness.Run(GeneratorHarness.Library(source)).Templates().Single();

        Assert.Equal(new[] { "node1:conv,add", "head:relu,softmax" },
            template.Nodes.Select(n => n.Name + ":" + string.Join(",", n.Ops.Select(i => template.Ops[i].Kind))));
    }

    [Fact]
    public void ConvFollowedByAnActivationAddIsNotABiasNode()
    {
        string source = Templates.Usings + """
            namespace Demo;
            [KnobBenchmark]
            public partial class NoBias
            {
                private readonly Tensor w = Tensor.Random([2, 2, 3, 3], seed: 1);
                public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);
                public Tensor Run(Tensor x)
                {
                    Tensor y = Convolution(x, w, 1, 1, 1, 1);
                    y = Add(y, x);
                    return Tanh(y);
                }
            }
            """;
        TemplateSpec template = GeneratorHarness.Run(GeneratorHarness.Library(source)).Templates().Single();

        Assert.Equal(new[] { "conv", "add", "tanh" }, template.Nodes.Select(n => string.Join(" ", n.Ops.Select(i => template.Ops[i].Kind))));
    }

    private static void AssertNodesMatch(string source, string network)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));
        TemplateSpec template = run.Templates().Single();
        List<string> expected = FirstConfiguration(network);

        List<string> actual = template.Nodes.Select(n => n.Id + " " + string.Join(" ", n.Ops.Select(i => template.Ops[i].Kind))).ToList();
        Assert.Equal(expected, actual);
    }

    /// <summary>conf1 of tuner_confs/&lt;net&gt;.txt as "id op op …" per node.</summary>
    private static List<string> FirstConfiguration(string network)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.HpvmData, "tuner_confs", network + ".txt"));
        int start = System.Array.IndexOf(lines, "+++++") + 2;
        var nodes = new List<string>();
        for (int i = start; lines[i] != "-----"; i++)
        {
            string[] tokens = lines[i].Split(' ');
            nodes.Add(tokens[0] + " " + string.Join(" ", tokens.Skip(2).Where((_, k) => k % 3 == 0)));
        }
        return nodes;
    }

    [Fact]
    public void OpsCalledAsExtensionsOrQualifiedAreFoundAndEmittedStatic()
    {
        string source = Templates.Usings + """
            namespace Demo;
            public static class TensorExtensions
            {
                [TensorOp("relu", Half = nameof(HalfRelu))]
                public static Tensor Relu(this Tensor x) => Knobs.Tensors.Ops.Relu(x);

                [TensorOp("relu", IsHalf = true)]
                public static Tensor HalfRelu(this Tensor x) => Knobs.Tensors.Ops.HalfRelu(x);
            }
            [KnobBenchmark]
            public partial class Ext
            {
                private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);
                public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);
                public Tensor Run(Tensor x)
                {
                    var y = global::Knobs.Tensors.Ops.Convolution(x, w, 1, 1, 1, 1).Relu();
                    return Knobs.Tensors.Ops.Softmax(y);
                }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source), new[] { TestTables.HpvmRows(11, 12) });
        TemplateSpec template = run.Templates().Single();

        Assert.Equal(new[] { "Convolution", "Relu", "Softmax" }, template.Ops.Select(o => o.Method));
        Assert.Contains("=> global::Demo.TensorExtensions.HalfRelu(__k0),", run.Source("Ext.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }
}
