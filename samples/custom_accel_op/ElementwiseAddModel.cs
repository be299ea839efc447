using System;
using Knobs.Accelerators.Description;
using Knobs.Profiles;
using Knobs.Accelerators.Modelling;

namespace Knobs.Samples.CustomAccelOp;

/// <summary>
/// The accelerator model of <see cref="AccelOps.ElementwiseAdd"/>, built as SMAUG's custom-operator walk-through builds its
/// hardware: two scratchpads (<c>spad0</c>, <c>spad1</c>); the tensors cut into equal tiles that fit one scratchpad; per
/// tile, DMA the first input into spad0 and the second into spad1, add spad0 into spad1 on the vector lanes, and DMA spad1
/// out to the output, one step after the other.
/// </summary>
public sealed class ElementwiseAddModel : OpModel
{
    /// <inheritdoc />
    public override OpCost Model(ModelledOp op, AcceleratorDescription accelerator)
    {
        // 1. The design parameters: the two scratchpads, the DRAM bandwidth and the vector lanes.
        long spad0 = accelerator.Scratchpad("spad0").Bytes, spad1 = accelerator.Scratchpad("spad1").Bytes;
        double bandwidth = accelerator.DramBytesPerCycle
            ?? throw new AcceleratorModelException("KNB0505", "ElementwiseAdd's model needs dram_bytes_per_cycle as a number of bytes per cycle");
        int bytes = op.ElementBytes;

        // 2. Tiling: the tensors as one flat array, cut into tiles of at most one scratchpad; the last takes the rest.
        long elements = 1;
        foreach (int d in op.Features.Output) elements *= d;
        long maxTile = Math.Min(spad0, spad1) / bytes;
        long tiles = (elements + maxTile - 1) / maxTile;

        // 3. The loop over tiles: load both inputs, add, store; nothing overlaps.
        long cycles = 0;
        for (long t = 0; t < tiles; t++)
        {
            long size = Math.Min(maxTile, elements - t * maxTile);
            long load = 2 * (long)Math.Ceiling(size * bytes / bandwidth);
            long add = (size + accelerator.VectorLanes - 1) / accelerator.VectorLanes;
            long store = (long)Math.Ceiling(size * bytes / bandwidth);
            cycles += load + add + store;
        }

        // 4. Traffic and energy: each input byte crosses DRAM and its scratchpad once; spad1 is read by the add and by the
        //    store, and written by its load and by the add.
        long tensorBytes = elements * bytes;
        var traffic = new[]
        {
            new ModelledTraffic("spad0", bytesRead: tensorBytes, bytesWritten: tensorBytes),
            new ModelledTraffic("spad1", bytesRead: 2 * tensorBytes, bytesWritten: 2 * tensorBytes),
            new ModelledTraffic("dram", bytesRead: 2 * tensorBytes, bytesWritten: tensorBytes),
        };
        EnergyTable e = accelerator.Energy;
        double energy = elements * (bytes == 2 ? e.VectorOpFp16 : e.VectorOpFp32)
            + 6 * tensorBytes * e.ScratchpadByte
            + 3 * tensorBytes * e.DramByte;
        double utilisation = (double)elements / ((double)cycles * accelerator.VectorLanes);
        return new OpCost("elementwise_add", cycles, stallCycles: 0, macs: 0, vectorOps: elements, utilisation, traffic, energy);
    }
}
