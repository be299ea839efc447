using System;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>The two Knobs extensions (batch, kept work): neutral at their defaults, and equal to plain layers where the operand matrices are the same.</summary>
public class KnobsExtensionTests
{
    public static TheoryData<Dataflow, int?> Arrays()
    {
        var data = new TheoryData<Dataflow, int?>();
        foreach (Dataflow df in new[] { Dataflow.OutputStationary, Dataflow.WeightStationary, Dataflow.InputStationary })
        {
            data.Add(df, null);
            data.Add(df, 10);
        }
        return data;
    }

    // Small scratchpads so that prefetch points, drains and (in USER mode) stalls all happen.
    private static SystolicArray Array(Dataflow df, int? bandwidth) => new(8, 16, df, 4096, 2048, 2048, bandwidth);

    private static string Reports(SystolicArray array, ConvLayer layer)
    {
        var r = new[] { SystolicSimulator.Simulate(array, layer) };
        return ScaleSimReports.ComputeReport(r) + ScaleSimReports.BandwidthReport(r) + ScaleSimReports.DetailedAccessReport(r);
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Batch_1_and_a_selection_that_keeps_everything_change_no_column(Dataflow df, int? bandwidth)
    {
        var layer = new ConvLayer("conv", 13, 12, 3, 4, 5, 20, 2, 1);
        var all = layer.WithBatch(1).WithKeptWork(KeptWork.Select(layer, (oh, ow) => true, (c, kh, kw) => true));
        Assert.Equal(Reports(Array(df, bandwidth), layer), Reports(Array(df, bandwidth), all));
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void A_batched_dense_layer_is_the_GEMM_with_one_row_per_image(Dataflow df, int? bandwidth)
    {
        var dense = new ConvLayer("dense", 1, 1, 1, 1, 300, 40, 1, 1, batch: 37);
        Assert.Equal(37L * 300 * 40, SystolicSimulator.Simulate(Array(df, bandwidth), dense).MacCount);
        Assert.Equal(Reports(Array(df, bandwidth), ConvLayer.Gemm("g", 37, 40, 300)), Reports(Array(df, bandwidth), dense));
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void A_batch_reads_each_image_s_IFMAP_once_more(Dataflow df, int? bandwidth)
    {
        var layer = new ConvLayer("conv", 10, 10, 3, 3, 4, 12, 1, 1);
        LayerResult one = SystolicSimulator.Simulate(Array(df, bandwidth), layer);
        LayerResult three = SystolicSimulator.Simulate(Array(df, bandwidth), layer.WithBatch(3));
        Assert.Equal(3 * one.MacCount, three.MacCount);
        Assert.True(three.TotalCycles > one.TotalCycles);
        Assert.True(three.Ifmap.DramAccesses >= 3 * 400, "every image's 400 IFMAP words are fetched at least once");
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Sampling_a_GEMM_s_taps_gives_the_GEMM_over_the_kept_taps(Dataflow df, int? bandwidth)
    {
        var gemm = ConvLayer.Gemm("g", 45, 30, 90);
        var sampled = gemm.WithKeptWork(KeptWork.Select(gemm, null, (c, kh, kw) => kw % 3 != 1));
        Assert.Equal(60, sampled.KeptWork!.WindowTaps!.Count);
        Assert.Equal(Reports(Array(df, bandwidth), ConvLayer.Gemm("g", 45, 30, 60)), Reports(Array(df, bandwidth), sampled));
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Perforating_a_GEMM_s_rows_gives_the_GEMM_over_the_kept_rows(Dataflow df, int? bandwidth)
    {
        var gemm = ConvLayer.Gemm("g", 45, 30, 90);
        var perforated = gemm.WithKeptWork(KeptWork.Select(gemm, (oh, ow) => oh % 4 != 3, null));
        Assert.Equal(34, perforated.KeptWork!.OfmapPixels!.Count);
        Assert.Equal(Reports(Array(df, bandwidth), ConvLayer.Gemm("g", 34, 30, 90)), Reports(Array(df, bandwidth), perforated));
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Keeping_every_other_output_row_is_the_layer_with_twice_the_row_stride(Dataflow df, int? bandwidth)
    {
        var layer = new ConvLayer("conv", 11, 9, 3, 3, 6, 20, 1, 1);            // 9 × 7 outputs
        var perforated = layer.WithKeptWork(KeptWork.Select(layer, (oh, ow) => oh % 2 == 0, null));
        var strided = new ConvLayer("conv", 11, 9, 3, 3, 6, 20, 2, 1);          // 5 × 7 outputs, rows 0, 2, 4, 6, 8
        Assert.Equal(Reports(Array(df, bandwidth), strided), Reports(Array(df, bandwidth), perforated));
    }

    [Fact]
    public void Kept_work_counts_only_the_kept_MACs()
    {
        var layer = new ConvLayer("conv", 12, 12, 3, 3, 8, 16, 1, 1, batch: 2);   // 10 × 10 outputs, 72 taps
        var kept = layer.WithKeptWork(KeptWork.Select(layer, (oh, ow) => ow % 2 == 0, (c, kh, kw) => c < 4));
        Assert.Equal(2L * 50 * 36 * 16, SystolicSimulator.Simulate(new SystolicArray(32, 32, Dataflow.WeightStationary, 65536, 65536, 65536), kept).MacCount);
    }

    [Fact]
    public void Kept_indices_must_be_in_range_ascending_and_not_empty()
    {
        var layer = new ConvLayer("conv", 6, 6, 3, 3, 2, 4, 1, 1);                // 16 pixels, 18 taps
        Assert.Throws<ArgumentException>(() => layer.WithKeptWork(KeptWork.FromIndices(new[] { 3, 2 }, null)));
        Assert.Throws<ArgumentException>(() => layer.WithKeptWork(KeptWork.FromIndices(new[] { 16 }, null)));
        Assert.Throws<ArgumentException>(() => layer.WithKeptWork(KeptWork.FromIndices(null, System.Array.Empty<int>())));
        Assert.Throws<ArgumentException>(() => KeptWork.Select(layer, (oh, ow) => false, null));
    }

    [Fact]
    public void Arrays_and_layers_reject_sizes_that_cannot_be_simulated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SystolicArray(0, 32, Dataflow.OutputStationary, 65536, 65536, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SystolicArray(32, 32, Dataflow.OutputStationary, 100, 65536, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SystolicArray(32, 32, Dataflow.OutputStationary, 65536, 65536, 65536, bandwidth: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SystolicArray(32, 32, (Dataflow)7, 65536, 65536, 65536));
        Assert.Throws<ArgumentException>(() => new ConvLayer("c", 4, 4, 5, 3, 1, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvLayer("c", 4, 4, 3, 3, 1, 1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvLayer("c", 4, 4, 3, 3, 1, 1, 1, 1, batch: 0));
    }
}
