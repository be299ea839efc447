using System;
using System.Collections.Generic;
using Knobs.Accelerators.Description;
using Knobs.Profiles;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// Convolutions and GEMMs on a systolic array, through SCALE-Sim's fold and memory model (<see cref="SystolicSimulator"/>)
/// in its CALC mode: the cycles and the SRAM and DRAM accesses of a run whose DRAM interface never stalls it. The op's
/// precision sets the word: a scratchpad of B bytes holds B/2 fp16 or B/4 fp32 words. The description's DRAM bandwidth
/// then bounds the run: when moving the run's DRAM traffic takes longer than its stall-free cycles, the difference is
/// stall cycles (with <c>dram_bytes_per_cycle: calc</c> there are none, as in SCALE-Sim). Groups run one after another. Perforation keeps the
/// computed output pixels and sampling the kept taps (<see cref="KeptWork"/>); the skipped outputs are then interpolated
/// on the vector unit (two operations each: add the neighbours, halve) and written to DRAM.
/// </summary>
internal sealed class SystolicConvModel : OpModel
{
    // Far enough apart that no batch the runner accepts makes two operands share an address.
    private const long FilterOffset = 1_000_000_000, OfmapOffset = 2_000_000_000;

    public override OpCost Model(ModelledOp op, AcceleratorDescription accelerator)
    {
        if (op.Kind == "mul") return Gemm(op, accelerator);
        ConvWork w = ConvWork.From(op);
        // SCALE-Sim has no padding and rounds its output size up; the array gets the padded input rows and columns the
        // op's windows touch, (out − 1) · stride + kernel, so a stride that does not divide the padded input (a 3×3,
        // stride-2 layer on 32 + 2 rows) gives the op's output size and not one more.
        var layer = new ConvLayer(op.Op, (w.OutH - 1) * w.StrideH + w.KernelH, (w.OutW - 1) * w.StrideW + w.KernelW, w.KernelH, w.KernelW,
            w.Channels, w.Filters, w.StrideH, w.StrideW, w.Batch);
        if (layer.OfmapHeight != w.OutH || layer.OfmapWidth != w.OutW)
        {
            throw new AcceleratorModelException(Knobs.Diagnostics.AcceleratorDiagnosticIds.OpDoesNotFit,
                $"op {op.Op}: the array's output {layer.OfmapHeight}x{layer.OfmapWidth} differs from the op's {w.OutH}x{w.OutW}");
        }
        if (w.KeptRows is not null || w.KeptCols is not null || w.KeptTaps is not null)
        {
            bool[]? rows = w.KeptRows, cols = w.KeptCols, taps = w.KeptTaps;
            int khkw = w.KernelH * w.KernelW, kernelW = w.KernelW;
            KeptWork kept = KeptWork.Select(layer,
                rows is null && cols is null ? null : (oh, ow) => (rows is null || rows[oh]) && (cols is null || cols[ow]),
                taps is null ? null : (c, kh, kw) => taps[c * khkw + kh * kernelW + kw]);
            layer = layer.WithKeptWork(kept);
        }
        LayerResult r = SystolicSimulator.Simulate(Array(accelerator, w.ElementBytes), layer);
        long interpolated = w.InterpolatedPoints * w.Batch * w.Filters;
        return Cost(r, w.Groups, interpolated, w.ElementBytes, accelerator);
    }

    private static OpCost Gemm(ModelledOp op, AcceleratorDescription accelerator)
    {
        GemmShape g = GemmShape.From(op);
        LayerResult r = SystolicSimulator.Simulate(Array(accelerator, op.ElementBytes), ConvLayer.Gemm(op.Op, g.M, g.N, g.K));
        return Cost(r, 1, 0, op.ElementBytes, accelerator);
    }

    internal static SystolicArray Array(AcceleratorDescription a, int elementBytes)
    {
        SystolicEngine s = a.Systolic!;
        Dataflow dataflow = s.Dataflow switch
        {
            ArrayDataflow.OutputStationary => Dataflow.OutputStationary,
            ArrayDataflow.WeightStationary => Dataflow.WeightStationary,
            _ => Dataflow.InputStationary,
        };
        return new SystolicArray(s.Rows, s.Columns, dataflow, a.Scratchpad("ifmap").Bytes / elementBytes,
            a.Scratchpad("filter").Bytes / elementBytes, a.Scratchpad("ofmap").Bytes / elementBytes, bandwidth: null, 0, FilterOffset, OfmapOffset);
    }

    private static OpCost Cost(LayerResult r, int groups, long interpolated, int eb, AcceleratorDescription a)
    {
        long ifmapDram = r.Ifmap.DramAccesses * eb * groups, filterDram = r.Filter.DramAccesses * eb * groups, ofmapDram = r.Ofmap.DramAccesses * eb * groups;
        long ifmapSram = r.Ifmap.SramAccesses * eb * groups, filterSram = r.Filter.SramAccesses * eb * groups, ofmapSram = r.Ofmap.SramAccesses * eb * groups;
        long macs = r.MacCount * groups;
        long stallFree = r.TotalCycles * groups;
        long dramBytes = ifmapDram + filterDram + ofmapDram;
        long transfer = a.DramBytesPerCycle is double dram ? (long)Math.Ceiling(dramBytes / dram) : 0;
        long arrayCycles = Math.Max(stallFree, transfer), stalls = arrayCycles - stallFree;
        var fill = new Interpolation(interpolated, eb, a.VectorLanes, a.DramBytesPerCycle);
        long vectorOps = fill.VectorOps, interpolatedBytes = fill.Bytes;
        long cycles = arrayCycles + fill.Cycles;
        var traffic = new List<ModelledTraffic>
        {
            new("ifmap", ifmapSram, ifmapDram),
            new("filter", filterSram, filterDram),
            new("ofmap", ofmapDram + 2 * interpolatedBytes, ofmapSram + interpolatedBytes),
            new("dram", ifmapDram + filterDram, ofmapDram + interpolatedBytes),
        };
        EnergyTable e = a.Energy;
        double energy = macs * (eb == 2 ? e.MacFp16 : e.MacFp32)
            + vectorOps * (eb == 2 ? e.VectorOpFp16 : e.VectorOpFp32)
            + (ifmapSram + ifmapDram + filterSram + filterDram + ofmapSram + ofmapDram + 3 * interpolatedBytes) * e.ScratchpadByte
            + (ifmapDram + filterDram + ofmapDram + interpolatedBytes) * e.DramByte;
        SystolicEngine s = a.Systolic!;
        double utilisation = cycles == 0 ? 0 : Math.Min(1, macs / ((double)cycles * s.Rows * s.Columns));
        return new OpCost("systolic", cycles, stalls + fill.StallCycles, macs, vectorOps, utilisation, traffic, energy);
    }
}

/// <summary>Picks each op family's model for the accelerator's engine.</summary>
internal static class EngineModels
{
    /// <summary>Convolutions and GEMMs: the systolic array, or the SMV datapath.</summary>
    public static OpModel Engine(AcceleratorDescription a) => a.Systolic is not null ? new SystolicConvModel() : new SmvConvModel();

    /// <summary>Element-wise ops, pooling, batch norm, softmax: SMV's own tiling, or the vector unit.</summary>
    public static OpModel Elementwise(AcceleratorDescription a) => a.Smv is not null ? new SmvElementwiseModel() : new VectorUnitModel();
}
