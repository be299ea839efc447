using System.IO;
using System.Linq;
using Knobs.Testing;

namespace Knobs.Generators.Tests.Harness;

/// <summary>Knob tables used by the tests.</summary>
internal static class TestTables
{
    /// <summary>A few rows of HPVM's release table, as written there (TAB-separated).</summary>
    public static InMemoryText HpvmRows(params int[] ids)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.HpvmData, "global_knobs.txt"));
        string text = string.Join("\n", lines.Where(l => ids.Any(id => l.Split('\t')[0].EndsWith("," + id, System.StringComparison.Ordinal)))) + "\n";
        return new InMemoryText("/proj/knobs.txt", text);
    }

    /// <summary>A user-defined knob type for a user-defined op (see <see cref="CustomOpTemplate"/>).</summary>
    public static InMemoryText ShiftYaml(string arguments = "\"{skip}\"") => new("/proj/shift.yaml", $$"""
        # A user-defined approximation: ShiftConv → ShiftConvApprox with a skip rate.
        types:
          - name: shift
            from: ShiftConv
            to: ShiftConvApprox
            parameters: [skip]
            arguments: {{arguments}}
            applies_to: [conv]
        knobs:
          - {type: fp32, id: 11, speedup: 1.0}
          - {type: shift, id: 500, parameters: [2], speedup: 1.5}
          - {type: shift, id: 501, parameters: [3], speedup: 1.3}
        """);

    public const string CustomOpTemplate = Templates.Usings + """
        namespace Demo.Custom;

        public static class MyOps
        {
            [TensorOp("conv")]
            public static Tensor ShiftConv(Tensor x, Tensor w, int pad) => Convolution(x, w, pad, pad, 1, 1);

            [TensorOp("conv")]
            public static Tensor ShiftConvApprox(Tensor x, Tensor w, int pad, int skip) => ConvApprox(x, w, pad, pad, 1, 1, 1, 1, skip, 0);
        }

        [KnobBenchmark(Classifier = false)]
        public partial class ShiftNet
        {
            private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);
            private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);

            public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);

            public Tensor Run(Tensor x)
            {
                x = MyOps.ShiftConv(x, w, 1);
                x = Add(x, b);
                return Relu(x);
            }
        }
        """;

    /// <summary>A tiny network for the profiling-mode snapshots.</summary>
    public const string TinyNet = Templates.Usings + """
        namespace Demo.Tiny;

        [KnobBenchmark]
        public partial class TinyNet
        {
            private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);
            private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);

            public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);

            public Tensor Run(Tensor x)
            {
                var y = Relu(Add(Convolution(x, w, 1, 1, 1, 1), b));
                return Softmax(y);
            }
        }
        """;
}
