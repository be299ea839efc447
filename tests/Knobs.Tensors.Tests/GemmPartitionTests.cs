using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// How the Cpu GEMM splits a small problem over its workers (resnet18's batch-1 convolutions), and that every split
/// computes what the Reference does.
/// </summary>
public sealed class GemmPartitionTests
{
    [Theory]
    [InlineData(1024, 16, 2, 528)]  // 16×32×32 at batch 1: two even blocks of 11 panels, one per worker
    [InlineData(256, 32, 2, 144)]   // 32×16×16: 3 + 2.3 panels, the last block ≥ 3/4 full
    [InlineData(64, 64, 2, GemmEngine.NC)] // 8×8: 48 + 16 columns would not be even; the rows are split instead
    [InlineData(256, 192, 2, GemmEngine.NC)] // many rows: the row split with one shared packing
    [InlineData(1024, 384, 2, 528)] // many rows, an NC block per worker (alexnet's 8×8 at batch 16): two even blocks, not 3 × 2 uneven units
    [InlineData(1024, 384, 3, GemmEngine.NC)] // the same on 3 workers: fewer NC blocks than workers
    [InlineData(16384, 16, 2, GemmEngine.NC)] // enough column blocks already
    [InlineData(1024, 16, 1, GemmEngine.NC)] // one thread
    [InlineData(1000, 16, 2, 528)]  // 21 panels: 11 + 10
    [InlineData(600, 16, 2, 336)]   // 13 panels: 7 + 6, the last block 264 of 336 columns (≥ 3/4 full)
    [InlineData(500, 16, 2, GemmEngine.NC)] // 11 panels: 6 + 5, the last block 212 of 288 columns (< 3/4 full)
    public void SmallProblemsSplitTheirColumnsEvenlyOverTheWorkers(int cols, int rows, int threads, int expected) =>
        Assert.Equal(expected, GemmEngine.BlockWidth(cols, rows, threads));

    [Theory]
    [InlineData(16, 32, 1, 3, 1)]
    [InlineData(32, 16, 1, 3, 2)]
    [InlineData(64, 8, 1, 3, 1)]
    [InlineData(64, 8, 2, 3, 2)]
    [InlineData(16, 32, 2, 3, 2)]
    [InlineData(3, 32, 16, 3, 1)]
    [InlineData(16, 32, 32, 1, 2)]
    public void EveryWayOfSplittingABatchOneConvolutionGivesTheReference(int channels, int size, int filters, int kernel, int stride) =>
        SplitsGiveTheReference(1, channels, size, filters, kernel, stride);

    [Theory]
    [InlineData(16, 24, 8, 96)]  // 1024 columns, 96 rows: even column blocks on 2 workers, NC blocks on 3
    [InlineData(3, 8, 8, 72)]    // 512 columns: fewer NC blocks than 2 workers, the rows split with a shared packing
    public void EveryWayOfSplittingABatchedConvolutionWithManyFiltersGivesTheReference(int batch, int channels, int size, int filters) =>
        SplitsGiveTheReference(batch, channels, size, filters, 3, 1);

    private static void SplitsGiveTheReference(int batch, int channels, int size, int filters, int kernel, int stride)
    {
        var s = new ConvShape(batch, channels, size, size, filters, kernel, kernel, kernel / 2, kernel / 2, stride, stride);
        var rnd = new Random(channels * size + filters);
        float[] x = new float[s.InputLength], w = new float[s.FilterLength];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rnd.NextDouble() * 2 - 1);
        for (int i = 0; i < w.Length; i++) w[i] = (float)(rnd.NextDouble() * 2 - 1);
        var expected = new float[s.OutputLength];
        new ReferenceBackend().Convolution(s, ConvApproxParams.Exact, x, w, expected);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var backend = new CpuBackend { Threads = threads };
            var y = new float[s.OutputLength];
            backend.Convolution(s, ConvApproxParams.Exact, x, w, y);
            for (int i = 0; i < y.Length; i++)
                Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"{threads} threads, element {i}: {y[i]} vs {expected[i]}");
        }
    }
}
