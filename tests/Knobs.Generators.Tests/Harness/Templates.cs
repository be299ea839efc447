using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Knobs.Generators.Tests.Harness;

/// <summary>Benchmark templates written against the real Knobs ops, as a user would write them.</summary>
internal static class Templates
{
    public const string Usings = """
        using Knobs;
        using Knobs.Tensors;
        using static Knobs.Tensors.Ops;

        """;

    /// <summary>HPVM's lenet_mnist (NETWORKS.md) with its real shapes; layer 2 is written with nested calls.</summary>
    public const string LeNet = Usings + """
        namespace Demo.Nets;

        [KnobBenchmark]
        public partial class LeNet
        {
            private readonly Tensor conv1 = Tensor.Random([32, 1, 5, 5], seed: 1);
            private readonly Tensor bias1 = Tensor.Random([1, 32, 1, 1], seed: 2);
            private readonly Tensor conv2 = Tensor.Random([64, 32, 5, 5], seed: 3);
            private readonly Tensor bias2 = Tensor.Random([1, 64, 1, 1], seed: 4);
            private readonly Tensor fc1 = Tensor.Random([1, 1, 3136, 1024], seed: 5);
            private readonly Tensor fcBias1 = Tensor.Random([1, 1024, 1, 1], seed: 6);
            private readonly Tensor fc2 = Tensor.Random([1, 1, 1024, 10], seed: 7);
            private readonly Tensor fcBias2 = Tensor.Random([1, 10, 1, 1], seed: 8);

            public Tensor Input(int batch) => Tensor.Random([batch, 1, 28, 28], seed: 9);

            public Tensor Run(Tensor x)
            {
                x = Convolution(x, conv1, 2, 2, 1, 1);
                x = Add(x, bias1);
                x = Tanh(x);
                x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);
                x = Tanh(Add(Convolution(x, conv2, 2, 2, 1, 1), bias2));
                x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);
                Tensor h = Gemm(x, fc1);
                h = Tanh(Add(h, fcBias1));
                h = Add(Gemm(h, fc2), fcBias2);
                h = Tanh(h);
                return Softmax(h);
            }
        }
        """;

    /// <summary>HPVM's resnet18_cifar10: 3 stages × 3 basic blocks, residual adds, projection shortcuts.</summary>
    public static string ResNet18()
    {
        var run = new List<string> { "x = Relu(Add(Convolution(x, W[0], 1, 1, 1, 1), B[0]));" };
        int layer = 1;
        for (int stage = 0; stage < 3; stage++)
        {
            for (int block = 0; block < 3; block++)
            {
                bool down = stage > 0 && block == 0;
                int stride = down ? 2 : 1;
                run.Add("Tensor shortcut" + layer + " = x;");
                run.Add(F("x = Convolution(x, W[{0}], 1, 1, {1}, {1});", layer, stride));
                run.Add(F("x = Add(x, B[{0}]);", layer));
                run.Add("x = Relu(x);");
                run.Add(F("x = Convolution(x, W[{0}], 1, 1, 1, 1);", layer + 1));
                run.Add(F("x = Add(x, B[{0}]);", layer + 1));
                string shortcut = "shortcut" + layer;
                if (down)
                {
                    run.Add(F("{0} = Add(Convolution({0}, W[{1}], 0, 0, 2, 2), B[{1}]);", shortcut, layer + 2));
                }
                run.Add("x = Add(" + shortcut + ", x);");
                run.Add("x = Relu(x);");
                layer += down ? 3 : 2;
            }
        }
        run.Add("x = Pooling(x, PoolKind.Mean, 8, 8, 0, 0, 8, 8);");
        run.Add(F("x = Add(Gemm(x, W[{0}]), B[{0}]);", layer));
        run.Add("return Softmax(x);");
        return Template("ResNet18", layer + 1, run);
    }

    /// <summary>HPVM's mobilenet_cifar10: conv/batchnorm/relu, then 13 × (depthwise, pointwise) blocks.</summary>
    public static string MobileNet()
    {
        var run = new List<string>
        {
            "x = Convolution(x, W[0], 1, 1, 1, 1);",
            "x = BatchNorm(x, W[1], W[2], W[3], W[4], 0.001);",
            "x = Relu(x);",
        };
        int[] channels = { 32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024 };
        int[] strides = { 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1 };
        for (int i = 0; i < 13; i++)
        {
            run.Add(F("x = GroupConvolution(x, W[5], 1, 1, {0}, {0}, {1});", strides[i], channels[i]));
            run.Add("x = BatchNorm(x, W[1], W[2], W[3], W[4], 0.001);");
            run.Add("x = Relu(x);");
            run.Add("x = Convolution(x, W[6], 0, 0, 1, 1);");
            run.Add("x = BatchNorm(x, W[1], W[2], W[3], W[4], 0.001);");
            run.Add("x = Relu(x);");
        }
        run.Add("x = Pooling(x, PoolKind.Mean, 2, 2, 0, 0, 2, 2);");
        run.Add("x = Add(Gemm(x, W[7]), B[0]);");
        run.Add("return Softmax(x);");
        return Template("MobileNet", 8, run);
    }

    private static string Template(string name, int weights, IEnumerable<string> run)
    {
        var source = new StringBuilder(Usings);
        source.Append("namespace Demo.Nets;\n\n[KnobBenchmark]\npublic partial class ").Append(name).Append("\n{\n");
        source.Append(F("    private readonly Tensor[] W = new Tensor[{0}];\n", weights));
        source.Append(F("    private readonly Tensor[] B = new Tensor[{0}];\n\n", weights));
        source.Append("    public Tensor Input(int batch) => Tensor.Random([batch, 3, 32, 32], seed: 1);\n\n");
        source.Append("    public Tensor Run(Tensor x)\n    {\n");
        foreach (string line in run) source.Append("        ").Append(line).Append('\n');
        source.Append("    }\n}\n");
        return source.ToString();
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
