using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Tensors.Tests.Golden;

/// <summary>Every case of HPVM's own CPU kernels' output (conv-golden, 7 shapes × 28 knobs), on every registered backend.</summary>
public sealed class GoldenConvolutionTests
{
    private const double Tolerance = 1e-5;

    public static IEnumerable<object[]> Cases() =>
        from backend in BackendCases.All().Select(b => (string)b[0])
        from file in GoldenCase.ManifestFiles()
        select new object[] { backend, file };

    [Fact]
    public void ManifestListsAll196Cases()
    {
        IReadOnlyList<string> files = GoldenCase.ManifestFiles();
        Assert.Equal(196, files.Count);
        Assert.Equal(7, files.Select(f => f[..1]).Distinct().Count());
        Assert.Equal(28, files.Select(f => f[(f.LastIndexOf("_knob", StringComparison.Ordinal) + 5)..]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvApproxReproducesHpvmOutput(string backend, string file)
    {
        GoldenCase g = GoldenCase.Load(file);
        float[] actual = BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.FromArray(g.Input, g.InputShape);
            using Tensor w = Tensor.FromArray(g.Filter, g.FilterShape);
            using Tensor y = Ops.ConvApprox(x, w, g.PadH, g.PadW, g.StrideH, g.StrideW, g.Row, g.Col, g.SkipEvery, g.Offset);
            Assert.Equal(g.OutputShape, y.Shape);
            return y.ToArray();
        });
        // Relative to each value, with the output's scale as the floor for values that cancel to near zero.
        double scale = g.Output.Max(v => Math.Abs(v));
        for (int i = 0; i < actual.Length; i++)
        {
            double err = Math.Abs(actual[i] - g.Output[i]);
            Assert.True(err <= Tolerance * Math.Max(Math.Abs(g.Output[i]), scale * 1e-2),
                $"{file} on {backend}: element {i} is {actual[i]:R}, HPVM {g.Output[i]:R} (error {err:E3}).");
        }
    }
}
