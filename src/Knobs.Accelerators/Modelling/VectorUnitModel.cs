using System;
using Knobs.Accelerators.Description;
using Knobs.Profiles;

namespace Knobs.Accelerators.Modelling;

/// <summary>
/// The built-in model of element-wise work (add, bias, activations, pooling, batch norm, softmax) on the accelerator's
/// vector unit: <see cref="AcceleratorDescription.VectorLanes"/> operations per cycle on operands streamed from DRAM
/// through the input scratchpad and back through the output one, double-buffered, so an op takes the longer of its
/// compute and its DRAM transfer. The operations are the op's effective FLOPs (docs/tensors.md counts them per element).
/// </summary>
public sealed class VectorUnitModel : OpModel
{
    /// <inheritdoc />
    public override OpCost Model(ModelledOp op, AcceleratorDescription accelerator)
    {
        long ops = Math.Max(0, op.Features.EffectiveFlops);
        return Cost(ops, op.Features.BytesRead, op.Features.BytesWritten, op.ElementBytes, accelerator);
    }

    /// <summary>The cost of <paramref name="vectorOps"/> operations reading and writing the given bytes through DRAM.</summary>
    public static OpCost Cost(long vectorOps, long bytesRead, long bytesWritten, int elementBytes, AcceleratorDescription accelerator)
    {
        long compute = CeilDiv(vectorOps, accelerator.VectorLanes);
        long memory = accelerator.DramBytesPerCycle is double bw ? (long)Math.Ceiling((bytesRead + bytesWritten) / bw) : 0;
        long cycles = Math.Max(compute, memory);
        string input = accelerator.Scratchpads[0].Name, output = accelerator.Scratchpads[accelerator.Scratchpads.Count - 1].Name;
        var traffic = new[]
        {
            // DMA fills the input scratchpad and the unit reads it; the unit fills the output scratchpad and DMA drains it.
            new ModelledTraffic(input, bytesRead, bytesRead),
            new ModelledTraffic(output, bytesWritten, bytesWritten),
            new ModelledTraffic("dram", bytesRead, bytesWritten),
        };
        EnergyTable e = accelerator.Energy;
        double energy = vectorOps * (elementBytes == 2 ? e.VectorOpFp16 : e.VectorOpFp32)
            + 2.0 * (bytesRead + bytesWritten) * e.ScratchpadByte
            + (double)(bytesRead + bytesWritten) * e.DramByte;
        double utilisation = cycles == 0 ? 0 : (double)vectorOps / ((double)cycles * accelerator.VectorLanes);
        return new OpCost("vector", cycles, cycles - compute, 0, vectorOps, Math.Min(1, utilisation), traffic, energy);
    }

    internal static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
