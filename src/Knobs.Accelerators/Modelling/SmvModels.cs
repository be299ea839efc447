using System;
using System.Collections.Generic;
using Knobs.Accelerators.Description;
using Knobs.Profiles;
using Knobs.Accelerators.Smv;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// Ops on an SMV-style datapath through <see cref="SmvModel"/>: tiling into the scratchpads (one size for all three: the
/// smallest the description gives), DMA per tile at the DRAM bandwidth, the datapath's loop trip counts. Tensors are
/// NHWC on the accelerator. A convolution whose padding is neither "same" nor zero is modelled on its padded input with
/// valid padding; groups run one after another, and so do the rows of a GEMM (SMV's inner product has an output batch of
/// one); perforation's skipped outputs are interpolated on the vector lanes
/// afterwards (two operations each) and written to DRAM, as on a systolic array.
/// </summary>
internal abstract class SmvOpModel : OpModel
{
    protected static SmvModel Model(AcceleratorDescription a, int elementBytes)
    {
        SmvEngine e = a.Smv!;
        long spad = long.MaxValue;
        foreach (Scratchpad s in a.Scratchpads) spad = Math.Min(spad, s.Bytes);
        EnergyTable energy = a.Energy;
        bool half = elementBytes == 2;
        var costs = new SmvEnergyCosts(half ? energy.MacFp16 : energy.MacFp32, energy.ScratchpadByte, energy.DramByte,
            half ? energy.VectorOpFp16 : energy.VectorOpFp32);
        var parameters = new SmvParameters((int)Math.Min(int.MaxValue, spad), elementBytes, alignment: 8, e.Pes, e.MacsPerPe, e.VectorWidth);
        return new SmvModel(new SmvCostOptions(a.DramBytesPerCycle!.Value, costs, e.PipelinedDma), parameters);
    }

    protected static OpCost Cost(SmvOpCost c, int groups, long interpolated, int eb, AcceleratorDescription a, bool datapath)
    {
        SmvMemoryTraffic t = c.Traffic;
        var fill = new Interpolation(interpolated, eb, a.Smv!.VectorWidth, a.DramBytesPerCycle!.Value);
        long vectorOps = fill.VectorOps, interpolatedBytes = fill.Bytes;
        long cycles = c.Cycles * groups + fill.Cycles;
        long compute = c.ComputeCycles * groups + fill.VectorCycles;
        long macs = c.Macs * groups, laneOps = c.VectorLaneOps * groups + vectorOps;
        var traffic = new List<ModelledTraffic>
        {
            new("spad0", t.Spad0ReadBytes * groups, t.Spad0WriteBytes * groups),
            new("spad1", t.Spad1ReadBytes * groups, t.Spad1WriteBytes * groups),
            new("spad2", t.Spad2ReadBytes * groups + 2 * interpolatedBytes, t.Spad2WriteBytes * groups + interpolatedBytes),
            new("dram", t.DramReadBytes * groups, t.DramWriteBytes * groups + interpolatedBytes),
        };
        EnergyTable e = a.Energy;
        double energy = c.EnergyPicojoules * groups
            + vectorOps * (eb == 2 ? e.VectorOpFp16 : e.VectorOpFp32)
            + 3.0 * interpolatedBytes * e.ScratchpadByte + (double)interpolatedBytes * e.DramByte;
        SmvEngine s = a.Smv!;
        double peak = datapath ? (double)s.Pes * s.MacsPerPe : s.VectorWidth;
        double work = datapath ? macs : laneOps;
        double utilisation = cycles == 0 ? 0 : Math.Min(1, work / (cycles * peak));
        return new OpCost("smv", cycles, Math.Max(0, cycles - compute), macs, laneOps, utilisation, traffic, energy);
    }

    protected static OpCost Guard(ModelledOp op, Func<OpCost> model)
    {
        try
        {
            return model();
        }
        catch (Exception e) when (e is SmvTilingException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new AcceleratorModelException(Knobs.Diagnostics.AcceleratorDiagnosticIds.OpDoesNotFit,
                $"op {op.Op} ({op.Kind}, input {Shape(op.Features.Inputs.Count > 0 ? op.Features.Inputs[0] : op.Features.Output)}) cannot be mapped onto the SMV datapath: {e.Message}");
        }
    }

    protected static string Shape(int[] shape) => "[" + string.Join(", ", shape) + "]";
}

/// <summary>Convolutions and GEMMs on the SMV datapath.</summary>
internal sealed class SmvConvModel : SmvOpModel
{
    public override OpCost Model(ModelledOp op, AcceleratorDescription accelerator) => Guard(op, () =>
    {
        int eb = op.ElementBytes;
        SmvModel model = Model(accelerator, eb);
        if (op.Kind == "mul")
        {
            GemmShape g = GemmShape.From(op);
            // SMV's inner product computes one row of outputs per call (its output batch is 1): M calls.
            SmvOpCost fc = model.InnerProduct(new SmvInnerProduct(1, g.K, g.N), new SmvKnobs(elementBytes: eb));
            return Cost(fc, g.M, 0, eb, accelerator, datapath: true);
        }
        ConvWork w = ConvWork.From(op);
        bool same = w.PadH * 2 == w.KernelH - 1 && w.PadW * 2 == w.KernelW - 1;
        bool valid = w.PadH == 0 && w.PadW == 0;
        int rows = same || valid ? w.Height : w.Height + 2 * w.PadH, cols = same || valid ? w.Width : w.Width + 2 * w.PadW;
        var conv = new SmvConvolution(w.Batch, rows, cols, w.Channels, w.KernelH, w.KernelW, w.Filters, w.StrideH, w.StrideW,
            same ? SmvPadding.Same : SmvPadding.Valid);
        if (conv.OutputRows != w.OutH || conv.OutputCols != w.OutW)
        {
            throw new ArgumentException($"the datapath's output {conv.OutputRows}x{conv.OutputCols} differs from the op's {w.OutH}x{w.OutW}");
        }
        var knobs = new SmvKnobs(w.KeptRowCount, w.KeptColCount, w.Taps, eb);
        SmvOpCost cost = model.Convolution(conv, knobs);
        return Cost(cost, w.Groups, w.InterpolatedPoints * w.Batch * w.Filters, eb, accelerator, datapath: true);
    });

}

/// <summary>Pooling, batch norm, activations and element-wise adds on the SMV datapath's vector unit; softmax on the generic vector model.</summary>
internal sealed class SmvElementwiseModel : SmvOpModel
{
    public override OpCost Model(ModelledOp op, AcceleratorDescription accelerator) => Guard(op, () =>
    {
        var f = op.Features;
        int eb = op.ElementBytes;
        SmvModel model = Model(accelerator, eb);
        int[] x = f.Inputs.Count > 0 ? f.Inputs[0] : f.Output;
        int[] nhwc = x.Length == 4 ? new[] { x[0], x[2], x[3], x[1] } : x;
        switch (op.Kind)
        {
            case "batchnorm":
                return Cost(model.BatchNorm(nhwc, new SmvKnobs(elementBytes: eb)), 1, 0, eb, accelerator, datapath: false);
            case "add" when f.Inputs.Count == 2 && SameShape(f.Inputs[0], f.Inputs[1]):
                return Cost(model.EltwiseAdd(nhwc, new SmvKnobs(elementBytes: eb)), 1, 0, eb, accelerator, datapath: false);
            case "add":
            case "relu":
            case "clipped_relu":
            case "tanh":
                // A bias add streams the tensor through the vector unit as an activation does (the bias stays resident).
                return Cost(model.Unary(nhwc, new SmvKnobs(elementBytes: eb)), 1, 0, eb, accelerator, datapath: false);
            case "softmax":
                return new VectorUnitModel().Model(op, accelerator);
        }
        if (op.Kind.StartsWith("pool", StringComparison.Ordinal) && x.Length == 4 && f.Window is { Length: 2 } window)
        {
            int[] stride = f.Stride ?? window, pad = f.Padding ?? new[] { 0, 0 };
            var pool = new SmvPooling(x[0], x[2] + 2 * pad[0], x[3] + 2 * pad[1], x[1], window[0], window[1], stride[0], stride[1]);
            return Cost(model.Pooling(pool, new SmvKnobs(elementBytes: eb)), 1, 0, eb, accelerator, datapath: false);
        }
        return new VectorUnitModel().Model(op, accelerator);
    });

    private static bool SameShape(int[] a, int[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
        return true;
    }
}
