using System.Collections.Generic;
using System.Linq;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>
/// Gathered B panels (column-perforated or stride-2 patch rows, packed with permutes) are packed by the first A panel's
/// micro-kernel while it computes (<see cref="FusedPackKernels"/>); the other A panels read that packed panel. These
/// shapes take that path (asserted on their plans) and must equal the Reference for every rate and offset, batch 1
/// and 16, on 1 and 2 threads, with full and partial 8-row A panels.
/// </summary>
public sealed class GatheredPanelAgreementTests
{
    // N C H W K pad strideW: 32-wide planes (VGG), an odd width (chunks cross rows and images), a partial A panel (K = 12),
    // stride 2, no padding.
    private static readonly int[][] Shapes =
    [
        [16, 8, 32, 32, 16, 1, 1],
        [1, 8, 32, 32, 16, 1, 1],
        [2, 5, 19, 29, 12, 1, 1],
        [16, 3, 12, 64, 8, 1, 2],
        [4, 6, 10, 34, 16, 0, 1],   // no padding: the GEMM still reads a scratch copy (slack for the permute loads)
    ];

    public static IEnumerable<object[]> Cases() =>
        from shape in Enumerable.Range(0, Shapes.Length)
        from rate in new[] { 1, 2, 3, 4 }
        from offset in Enumerable.Range(0, rate)
        from threads in new[] { 1, 2 }
        where rate > 1 || Shapes[shape][6] > 1
        select new object[] { shape, rate, offset, threads };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ColumnPerforatedAndStridedConvolutionsMatchReference(int shape, int rate, int offset, int threads)
    {
        int[] p = Shapes[shape];
        using var backend = new CpuBackend { Threads = threads };
        Agreement.CheckOne($"ConvApprox(1,{rate},1,{offset}) on [{string.Join(",", p)}]", () =>
        {
            using Tensor x = Tensor.Random([p[0], p[1], p[2], p[3]], seed: 31 + shape);
            using Tensor w = Tensor.Random([p[4], p[1], 3, 3], seed: 41 + shape);
            return Ops.ConvApprox(x, w, p[5], p[5], 1, p[6], 1, rate, 1, offset);
        }, Agreement.Fp32, backend, $"Cpu ({threads} threads)");
    }

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(0, 2, 1)]
    [InlineData(0, 4, 3)]
    [InlineData(0, 3, 0)]
    [InlineData(0, 3, 2)]
    [InlineData(2, 3, 1)]
    [InlineData(2, 3, 0)]
    [InlineData(3, 1, 0)]
    [InlineData(4, 2, 0)]
    [InlineData(4, 3, 1)]
    public void TheseShapesPackGatheredPanelsInTheKernel(int shape, int rate, int offset)
    {
        int[] p = Shapes[shape];
        var s = new ConvShape(p[0], p[1], p[2], p[3], p[4], 3, 3, p[5], p[5], 1, p[6], 1);
        var plan = new ConvPlan(s, new ConvApproxParams(1, rate, 1, offset));
        Assert.NotNull(plan.Permute);
        int triples = 0;
        for (int j = 0; j + 48 <= plan.Cols; j += 48)
        {
            int g = j / 16;
            if (Enumerable.Range(g, 3).All(c => plan.ChunkKind[c] == PermuteChunks.Kind && plan.Permute!.Masks[c] == 0)) triples++;
        }
        Assert.True(triples > 0, $"no 48-column panel of three single-segment permute chunks in {plan.Cols} columns");
    }
}
