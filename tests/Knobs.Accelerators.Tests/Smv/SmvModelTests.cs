using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Accelerators.Smv;

namespace Knobs.Accelerators.Tests.Smv;

public class SmvModelTests
{
    // Caller-supplied inputs of the model (it has no built-in energies or bandwidth).
    private static readonly SmvEnergyCosts Energy = new(picojoulesPerMac: 1.0, picojoulesPerScratchpadByte: 0.25, picojoulesPerDramByte: 20.0, picojoulesPerVectorLaneOp: 0.5);
    private static readonly SmvCostOptions Serial = new(dramBytesPerCycle: 16, Energy);
    private static readonly SmvModel Model = new(Serial);

    // Layers of tiling_cases.json: one that fits in one tile, and ones that tile every way.
    private static SmvConvolution Conv01 => new(1, 32, 32, 8, 5, 5, 8);
    private static SmvConvolution Conv04 => new(1, 32, 32, 192, 4, 4, 32);                // inputs DimNCH, weights DimNC
    private static SmvConvolution Conv08 => new(1, 8, 8, 256, 3, 3, 256);                 // weights DimNC, inputs untiled
    private static SmvConvolution Conv09 => new(1, 32, 32, 8, 1, 1, 128);                 // one weight tile, 8 output tiles
    private static SmvConvolution Conv14 => new(1, 225, 225, 3, 7, 7, 64, 2, 2);          // stride 2, first-tile shrink
    private static SmvConvolution Conv15 => new(1, 64, 64, 32, 5, 5, 16, 3, 3, SmvPadding.Valid); // dropped output row tile

    public static IEnumerable<object[]> Convolutions => new[]
    {
        new object[] { "conv-01", Conv01 }, new object[] { "conv-04", Conv04 }, new object[] { "conv-08", Conv08 },
        new object[] { "conv-09", Conv09 }, new object[] { "conv-14", Conv14 }, new object[] { "conv-15", Conv15 },
    };

    private static IEnumerable<Func<SmvModel, SmvOpCost>> EveryOperator() => new Func<SmvModel, SmvOpCost>[]
    {
        m => m.Convolution(Conv04),
        m => m.Convolution(Conv08),
        m => m.Convolution(Conv14, new SmvKnobs(keptOutputRows: 60, keptTaps: 100)),
        m => m.InnerProduct(new SmvInnerProduct(1, 32768, 256)),
        m => m.Pooling(new SmvPooling(1, 64, 256, 128, 16, 16, 16, 16)),
        m => m.BatchNorm(new[] { 1, 64, 64, 512 }),
        m => m.BatchNorm(new[] { 1, 32768 }),
        m => m.Unary(new[] { 2, 16, 32, 24 }),
        m => m.EltwiseAdd(new[] { 2, 16, 32, 24 }),
        m => m.CustomEltwiseAdd(new[] { 8, 4096 }),
    };

    [Fact]
    public void A_layer_that_fits_in_one_tile_has_one_DMA_in_per_tensor_and_one_DMA_out()
    {
        var cost = Model.Convolution(Conv01);
        var t = cost.Tiling;
        var only = Assert.Single(cost.Invocations);
        Assert.True(only.LoadsInputs && only.LoadsWeights && only.StoresOutputs);
        Assert.Equal((t.Inputs.FullShape.StorageSize + t.Weights!.FullShape.StorageSize) * 2, cost.Traffic.DramReadBytes);
        Assert.Equal(t.Outputs.FullShape.StorageSize * 2, cost.Traffic.DramWriteBytes);
        Assert.Equal((1, 1, 1), (cost.InputTiles, cost.WeightTiles, cost.OutputTiles));
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Convolution_MACs_are_exactly_output_points_times_taps_times_output_channels(string id, SmvConvolution op)
    {
        long taps = (long)op.KernelRows * op.KernelCols * op.Channels;
        Assert.Equal((long)op.Batch * op.OutputRows * op.OutputCols * taps * op.Ofmaps, Model.Convolution(op).Macs);

        foreach (var (rows, cols, kept) in new[] { (1, 1, 1L), (op.OutputRows / 2 + 1, op.OutputCols / 3 + 1, taps / 2 + 1), (op.OutputRows, 1, taps - 1 + (taps == 1 ? 1 : 0)) })
        {
            var knobs = new SmvKnobs(keptOutputRows: rows, keptOutputCols: cols, keptTaps: kept);
            Assert.True(Model.Convolution(op, knobs).Macs == (long)op.Batch * rows * cols * kept * op.Ofmaps, $"{id} rows {rows} cols {cols} taps {kept}");
        }
    }

    [Fact]
    public void Inner_product_MACs_are_exactly_batch_times_kept_taps_times_outputs()
    {
        foreach (var op in new[] { new SmvInnerProduct(1, 256, 128), new SmvInnerProduct(1, 4096, 128), new SmvInnerProduct(1, 32768, 256) })
        {
            Assert.Equal((long)op.InputActivations * op.Outputs, Model.InnerProduct(op).Macs);
            long kept = op.InputActivations / 3 + 7;
            Assert.Equal(kept * op.Outputs, Model.InnerProduct(op, new SmvKnobs(keptTaps: kept)).Macs);
        }
    }

    [Fact]
    public void Fp16_moves_half_the_DRAM_bytes_of_fp32()
    {
        var fp32 = new SmvKnobs(elementBytes: 4);
        var fp16 = new SmvKnobs(elementBytes: 2);
        // Layers whose tiling is the same at both widths (they fit one fp32 tile, or are tiled flat).
        foreach (var run in new Func<SmvKnobs, SmvOpCost>[]
        {
            k => Model.Convolution(Conv01, k),
            k => Model.InnerProduct(new SmvInnerProduct(1, 256, 16), k),
            k => Model.Unary(new[] { 2, 16, 32, 24 }, k),
            k => Model.EltwiseAdd(new[] { 4, 64, 64, 32 }, k),
        })
        {
            var wide = run(fp32);
            var narrow = run(fp16);
            Assert.Equal(4, wide.ElementBytes);
            Assert.Equal(2, narrow.ElementBytes);
            Assert.Equal(wide.Traffic.DramReadBytes, 2 * narrow.Traffic.DramReadBytes);
            Assert.Equal(wide.Traffic.DramWriteBytes, 2 * narrow.Traffic.DramWriteBytes);
            Assert.Equal(wide.Traffic.ScratchpadBytes, 2 * narrow.Traffic.ScratchpadBytes);
        }
    }

    [Fact]
    public void Fp32_elements_halve_what_a_scratchpad_holds_so_the_tiling_follows()
    {
        var fp16 = Model.Unary(new[] { 2, 16, 32, 32 });
        var fp32 = Model.Unary(new[] { 2, 16, 32, 32 }, new SmvKnobs(elementBytes: 4));
        Assert.Equal(2, fp16.InputTiles);
        Assert.Equal(4, fp32.InputTiles);
        Assert.Equal(8192, fp32.Tiling.Parameters.MaxTileElements);
    }

    [Fact]
    public void More_DRAM_bandwidth_never_costs_more_cycles()
    {
        foreach (var run in EveryOperator())
        {
            foreach (bool pipelined in new[] { false, true })
            {
                var costs = new[] { 0.5, 1, 2, 4, 8, 16, 32, 64, 1024 }
                    .Select(bw => run(new SmvModel(new SmvCostOptions(bw, Energy, pipelined)))).ToList();
                for (int i = 1; i < costs.Count; i++)
                {
                    Assert.True(costs[i].Cycles <= costs[i - 1].Cycles);
                    Assert.True(costs[i].DmaCycles <= costs[i - 1].DmaCycles);
                    Assert.Equal(costs[0].ComputeCycles, costs[i].ComputeCycles);
                    Assert.Equal(costs[0].Traffic.DramBytes, costs[i].Traffic.DramBytes);
                }
                Assert.True(costs[costs.Count - 1].DmaCycles < costs[0].DmaCycles);
            }
        }
    }

    [Fact]
    public void Serial_DMA_is_never_faster_than_pipelined_DMA()
    {
        var pipelinedModel = new SmvModel(Serial.WithPipelinedDma(true));
        foreach (var run in EveryOperator())
        {
            var serial = run(Model);
            var pipelined = run(pipelinedModel);
            Assert.False(serial.PipelinedDma);
            Assert.True(pipelined.PipelinedDma);
            Assert.True(serial.Cycles >= pipelined.Cycles);
            Assert.Equal(serial.ComputeCycles + serial.DmaCycles, serial.Cycles);
            Assert.True(pipelined.Cycles >= Math.Max(pipelined.ComputeCycles, pipelined.DmaOutCycles));
            Assert.Equal(serial.Traffic.DramBytes, pipelined.Traffic.DramBytes);
        }
    }

    [Fact]
    public void The_op_cost_is_the_sum_of_its_invocations_and_energy_is_accesses_times_the_given_energies()
    {
        foreach (var run in EveryOperator())
        {
            var cost = run(Model);
            Assert.Equal(cost.Invocations.Sum(i => i.Cycles), cost.Cycles);
            Assert.Equal(cost.Invocations.Sum(i => i.ComputeCycles), cost.ComputeCycles);
            Assert.Equal(cost.Invocations.Sum(i => i.DmaInCycles + i.DmaOutCycles), cost.DmaCycles);
            Assert.Equal(cost.Invocations.Sum(i => i.Macs), cost.Macs);
            Assert.Equal(cost.Invocations.Sum(i => i.Traffic.DramReadBytes), cost.Traffic.DramReadBytes);
            Assert.Equal(cost.Invocations.Sum(i => i.Traffic.ScratchpadBytes), cost.Traffic.ScratchpadBytes);
            foreach (var i in cost.Invocations)
            {
                Assert.Equal((long)Math.Ceiling(i.Traffic.DramReadBytes / 16.0), i.DmaInCycles);
                Assert.Equal((long)Math.Ceiling(i.Traffic.DramWriteBytes / 16.0), i.DmaOutCycles);
                Assert.Equal(i.DmaInCycles + i.ComputeCycles + i.DmaOutCycles, i.Cycles);
            }
            double expected = cost.Macs * 1.0 + cost.VectorLaneOps * 0.5 + cost.Traffic.ScratchpadBytes * 0.25 + cost.Traffic.DramBytes * 20.0;
            Assert.Equal(expected, cost.EnergyPicojoules, 6);
        }
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Every_tile_crosses_DRAM_at_least_once_and_outputs_exactly_once(string id, SmvConvolution op)
    {
        var cost = Model.Convolution(op);
        var t = cost.Tiling;
        Assert.Equal(t.Outputs.Tiles.TotalStorage * 2, cost.Traffic.DramWriteBytes);
        Assert.Equal(t.Outputs.Tiles.Count, cost.Invocations.Count(i => i.StoresOutputs));
        var usedInputs = cost.Invocations.Select(i => i.InputTile).Distinct().ToList();
        Assert.True(cost.Invocations.Where(i => i.LoadsInputs).Select(i => i.InputTile).Distinct().Count() == usedInputs.Count, id);
        Assert.True(cost.Traffic.DramReadBytes >= t.Weights!.Tiles.TotalStorage * 2, id);
    }

    [Fact]
    public void Untiled_inputs_are_loaded_once_while_weight_tiles_stream_past_them()
    {
        var cost = Model.Convolution(Conv08);
        Assert.Equal(40, cost.InvocationCount);
        Assert.Equal(1, cost.Invocations.Count(i => i.LoadsInputs));
        Assert.Equal(40, cost.Invocations.Count(i => i.LoadsWeights));
        Assert.Equal((cost.Tiling.Inputs.Tiles.TotalStorage + cost.Tiling.Weights!.Tiles.TotalStorage) * 2, cost.Traffic.DramReadBytes);
    }

    [Fact]
    public void Output_channels_short_of_a_multiple_of_the_PEs_leave_PEs_idle()
    {
        long Cycles(int ofmaps) => Model.Convolution(new SmvConvolution(1, 8, 8, 32, 3, 3, ofmaps)).ComputeCycles;
        Assert.Equal(Cycles(8), Cycles(1));
        Assert.Equal(Cycles(8), Cycles(4));
        Assert.Equal(2 * Cycles(8), Cycles(9));
        Assert.Equal(2 * Cycles(8), Cycles(16));
    }

    [Fact]
    public void A_reduction_short_of_a_multiple_of_the_MAC_width_leaves_MACs_idle()
    {
        long Cycles(int channels) => Model.Convolution(new SmvConvolution(1, 8, 8, channels, 3, 3, 8)).ComputeCycles;
        Assert.Equal(Cycles(32), Cycles(8));
        Assert.Equal(Cycles(32), Cycles(24));
        Assert.Equal(2 * Cycles(32), Cycles(40));
        long FcCycles(int acts) => Model.InnerProduct(new SmvInnerProduct(1, acts, 8)).ComputeCycles;
        Assert.Equal(FcCycles(32), FcCycles(16));
        Assert.Equal(2 * FcCycles(32), FcCycles(64));
    }

    [Fact]
    public void Convolution_compute_cycles_follow_the_SMV_kernel_loop_trip_counts()
    {
        // One tile: ⌈ofmaps/8⌉ × kernel rows × kernel cols × ⌈channels/32⌉ × output rows × output cols.
        var op = new SmvConvolution(1, 16, 16, 40, 3, 3, 12);
        Assert.Equal(1, Model.Convolution(op).InvocationCount);
        Assert.Equal(2L * 3 * 3 * 2 * 16 * 16, Model.Convolution(op).ComputeCycles);
    }

    [Fact]
    public void Perforating_half_the_output_rows_halves_compute_but_not_the_DMA()
    {
        var full = Model.Convolution(Conv01);
        var half = Model.Convolution(Conv01, new SmvKnobs(keptOutputRows: Conv01.OutputRows / 2));
        Assert.Equal(full.ComputeCycles, 2 * half.ComputeCycles);
        Assert.Equal(full.Macs, 2 * half.Macs);
        Assert.Equal(full.Traffic.DramBytes, half.Traffic.DramBytes);
    }

    [Fact]
    public void Sampling_fewer_taps_never_costs_more_compute()
    {
        long taps = 4L * 4 * 192;
        long previous = long.MaxValue;
        foreach (long kept in new[] { taps, taps * 3 / 4, taps / 2, taps / 4, 1L })
        {
            long cycles = Model.Convolution(Conv04, new SmvKnobs(keptTaps: kept)).ComputeCycles;
            Assert.True(cycles <= previous);
            previous = cycles;
        }
    }

    [Fact]
    public void Knobs_that_do_not_apply_or_exceed_the_layer_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Model.InnerProduct(new SmvInnerProduct(1, 256, 32), new SmvKnobs(keptOutputRows: 1)));
        Assert.Throws<ArgumentException>(() => Model.Unary(new[] { 1, 1024 }, new SmvKnobs(keptTaps: 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Convolution(Conv01, new SmvKnobs(keptOutputRows: 33)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Convolution(Conv01, new SmvKnobs(keptTaps: 5 * 5 * 8 + 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmvKnobs(keptTaps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmvCostOptions(0, Energy));
    }

    [Fact]
    public void The_custom_operator_tutorial_add_tiles_an_8x4096_fp32_pair_into_four_tiles_and_uses_two_scratchpads()
    {
        // SMAUG's tutorial: "With float32 elements, this will occupy 128KB, which should create four tiles per tensor."
        var cost = Model.CustomEltwiseAdd(new[] { 8, 4096 }, new SmvKnobs(elementBytes: 4));
        Assert.Equal(4, cost.InputTiles);
        Assert.Equal(4, cost.Tiling.SecondInputs!.Tiles.Count);
        Assert.Equal(4, cost.OutputTiles);
        Assert.Equal(4, cost.InvocationCount);
        long bytes = 8L * 4096 * 4;
        Assert.Equal(2 * bytes, cost.Traffic.DramReadBytes);
        Assert.Equal(bytes, cost.Traffic.DramWriteBytes);
        Assert.Equal(0, cost.Traffic.Spad2ReadBytes + cost.Traffic.Spad2WriteBytes);
        Assert.Equal(8L * 4096, cost.VectorLaneOps);

        var smv = Model.EltwiseAdd(new[] { 8, 4096 }, new SmvKnobs(elementBytes: 4));
        Assert.Equal(cost.Traffic.DramBytes, smv.Traffic.DramBytes);
        Assert.Equal(bytes, smv.Traffic.Spad2WriteBytes);
    }

    [Fact]
    public void Pooling_and_batch_norm_use_the_vector_unit_not_the_MACs()
    {
        var pool = Model.Pooling(new SmvPooling(1, 32, 32, 8, 2, 2, 2, 2));
        Assert.Equal(0, pool.Macs);
        Assert.Equal(16L * 16 * 8 * 4, pool.VectorLaneOps);
        Assert.Equal(16L * 16 * 1 * 4, pool.ComputeCycles);
        var bn = Model.BatchNorm(new[] { 1, 32, 32, 16 });
        Assert.Equal(0, bn.Macs);
        Assert.Equal(32L * 32 * 16, bn.VectorLaneOps);
        Assert.Equal(32L * 32 * 2, bn.ComputeCycles);
    }
}
