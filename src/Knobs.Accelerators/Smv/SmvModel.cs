using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Accelerators.Smv;

/// <summary>
/// An SMV-style per-op cost model built on <see cref="SmvTiling"/>. It walks the kernel invocations in the order
/// SMAUG's SMV operators dispatch them (which tiles each invocation loads, reuses and stores), and per invocation
/// counts DMA bytes (→ cycles at <see cref="SmvCostOptions.DramBytesPerCycle"/>), datapath cycles from the loop
/// trip counts of the SMV kernels, MACs, vector lane ops and scratchpad traffic; energy comes from the caller's
/// per-access energies. Every assumption is listed in docs/accelerators-smv.md.
/// </summary>
public sealed class SmvModel
{
    /// <summary>Creates a model.</summary>
    /// <param name="options">Bandwidth, energies and overlap policy.</param>
    /// <param name="parameters">Accelerator parameters; SMAUG's defaults when null.</param>
    public SmvModel(SmvCostOptions options, SmvParameters? parameters = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Parameters = parameters ?? SmvParameters.Default;
    }

    /// <summary>The options.</summary>
    public SmvCostOptions Options { get; }

    /// <summary>The accelerator parameters (the knobs' element size overrides the element size per op).</summary>
    public SmvParameters Parameters { get; }

    /// <summary>
    /// Models a convolution on the NVDLA-like datapath: per invocation, ⌈ofmaps/PEs⌉ × (kernel rows × kernel cols ×
    /// ⌈channels/MACs per PE⌉, scaled by the kept taps) × kept output points cycles.
    /// </summary>
    /// <param name="op">The layer.</param>
    /// <param name="knobs">Kept output rows/cols, kept taps (at most kernel rows × cols × input channels), element size.</param>
    public SmvOpCost Convolution(SmvConvolution op, SmvKnobs? knobs = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        knobs ??= SmvKnobs.Exact;
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.Convolution(op, p);
        var I = tiling.Inputs.Tiles;
        var W = tiling.Weights!.Tiles;
        var O = tiling.Outputs.Tiles;
        long fullTaps = (long)op.KernelRows * op.KernelCols * op.Channels;
        int keptRows = Kept(knobs.KeptOutputRows, op.OutputRows, "kept output rows");
        int keptCols = Kept(knobs.KeptOutputCols, op.OutputCols, "kept output columns");
        long keptTaps = Kept(knobs.KeptTaps, fullTaps, "kept taps");

        long[] rowsPerTile = Allocate(keptRows, Enumerable.Range(0, O.Grid[1]).Select(h => (long)O.At(0, h, 0, 0).Shape[1]).ToArray());
        long[] colsPerTile = Allocate(keptCols, Enumerable.Range(0, O.Grid[2]).Select(w => (long)O.At(0, 0, w, 0).Shape[2]).ToArray());
        long[] tapsPerTile = Allocate(keptTaps, Enumerable.Range(0, W.Grid[3]).Select(c => (long)op.KernelRows * op.KernelCols * W.At(0, 0, 0, c).Shape[3]).ToArray());

        int inputChanTiles = I.Grid[3], weightOfmapTiles = W.Grid[0], weightChanTiles = W.Grid[3], outputChanTiles = O.Grid[3];
        bool outputIteration = weightOfmapTiles < outputChanTiles;
        int outputInvocations = outputIteration ? outputChanTiles : 1;
        if (outputIteration ? weightOfmapTiles != 1 : weightOfmapTiles != outputChanTiles)
        {
            throw new InvalidOperationException($"SMV convolution: {weightOfmapTiles} weight ofmap tiles do not pair with {outputChanTiles} output channel tiles.");
        }
        if (inputChanTiles != weightChanTiles && inputChanTiles != 1)
        {
            throw new InvalidOperationException($"SMV convolution: {inputChanTiles} input channel tiles do not pair with {weightChanTiles} weight channel tiles.");
        }
        if (O.Grid[0] != I.Grid[0])
        {
            throw new NotSupportedException($"SMV convolution: the outputs have {O.Grid[0]} batch tiles but the inputs {I.Grid[0]}; SMAUG's dispatcher pairs them one to one.");
        }

        var b = new Builder(this);
        int lastInput = -1, lastWeight = -1;
        int eb = p.ElementBytes, pes = p.NumPEs;
        for (int n = 0; n < I.Grid[0]; n++)
        {
            for (int h = 0; h < O.Grid[1]; h++)
            {
                for (int wo = 0; wo < weightOfmapTiles; wo++)
                {
                    for (int oc = 0; oc < outputInvocations; oc++)
                    {
                        var outTile = O.At(n, h, 0, wo + oc);
                        int iC = 0, wC = 0;
                        while (iC < inputChanTiles && wC < weightChanTiles)
                        {
                            var inTile = I.At(n, h, 0, iC);
                            var wTile = W.At(wo, 0, 0, wC);
                            bool loadIn = inTile.Index != lastInput, loadW = wTile.Index != lastWeight;
                            lastInput = inTile.Index;
                            lastWeight = wTile.Index;
                            bool accumulate = wC > 0, store = wC == weightChanTiles - 1;

                            int ofmaps = outTile.Shape[3];
                            long points = outTile.Shape[0] * rowsPerTile[outTile.GridIndex[1]] * colsPerTile[outTile.GridIndex[2]];
                            long tileTaps = (long)op.KernelRows * op.KernelCols * wTile.Shape[3];
                            long taps = tapsPerTile[wTile.GridIndex[3]];
                            long fullSteps = (long)op.KernelRows * op.KernelCols * CeilDiv(wTile.Shape[3], p.MacsPerPE);
                            long steps = CeilDiv(fullSteps * taps, tileTaps);
                            long ofmapBlocks = CeilDiv(ofmaps, pes);
                            long psumVectors = ofmapBlocks * steps * points;

                            long inBytes = loadIn ? inTile.Shape.StorageSize * eb : 0;
                            long wBytes = loadW ? wTile.Shape.StorageSize * eb : 0;
                            long outBytes = store ? outTile.Shape.StorageSize * eb : 0;
                            var traffic = new SmvMemoryTraffic(
                                dramReadBytes: inBytes + wBytes,
                                dramWriteBytes: outBytes,
                                spad0ReadBytes: ofmapBlocks * points * taps * eb,
                                spad0WriteBytes: inBytes,
                                spad1ReadBytes: taps * ofmaps * eb,
                                spad1WriteBytes: wBytes,
                                spad2ReadBytes: (ofmapBlocks * Math.Max(0, steps - (accumulate ? 0 : 1)) * points * pes * eb) + outBytes,
                                spad2WriteBytes: psumVectors * pes * eb);
                            b.Add(inTile.Index, null, wTile.Index, outTile.Index, loadIn, loadW, store,
                                compute: psumVectors, macs: points * taps * ofmaps, laneOps: 0, traffic);

                            if (inputChanTiles == weightChanTiles) iC++;
                            wC++;
                        }
                    }
                }
            }
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models an inner product (C = A × Bᵀ, output-stationary over the PEs): per invocation, batch rows ×
    /// ⌈neurons/PEs⌉ × ⌈activations/MACs per PE⌉ (scaled by the kept taps) cycles. The weight tile is loaded by every
    /// invocation, as SMAUG's kernel does; the input tile only when it changes.
    /// </summary>
    /// <param name="op">The layer.</param>
    /// <param name="knobs">Kept taps (at most the input activations) and element size; perforation does not apply.</param>
    public SmvOpCost InnerProduct(SmvInnerProduct op, SmvKnobs? knobs = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        knobs ??= SmvKnobs.Exact;
        NoPerforation(knobs, "inner product");
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.InnerProduct(op, p);
        var I = tiling.Inputs.Tiles;
        var W = tiling.Weights!.Tiles;
        var O = tiling.Outputs.Tiles;
        if (O.Count != 1)
        {
            throw new NotSupportedException($"SMV inner product: the outputs {tiling.Outputs.FullShape} need {O.Count} tiles; SMAUG's SMV inner product does not iterate output tiles.");
        }
        long keptTaps = Kept(knobs.KeptTaps, op.InputActivations, "kept taps");
        long[] tapsPerTile = Allocate(keptTaps, Enumerable.Range(0, W.Grid[1]).Select(c => (long)W.At(0, c).Shape[1]).ToArray());
        int inputActTiles = I.Grid[1], weightActTiles = W.Grid[1], weightNeuronTiles = W.Grid[0];
        if (inputActTiles != weightActTiles && inputActTiles != 1)
        {
            throw new InvalidOperationException($"SMV inner product: {inputActTiles} input tiles do not pair with {weightActTiles} weight activation tiles.");
        }

        var b = new Builder(this);
        var outTile = O.Tiles[0];
        int lastInput = -1, eb = p.ElementBytes, pes = p.NumPEs;
        for (int n = 0; n < I.Grid[0]; n++)
        {
            for (int wn = 0; wn < weightNeuronTiles; wn++)
            {
                int iC = 0, wC = 0;
                while (iC < inputActTiles && wC < weightActTiles)
                {
                    var inTile = I.At(n, iC);
                    var wTile = W.At(wn, wC);
                    bool loadIn = inTile.Index != lastInput;
                    lastInput = inTile.Index;
                    bool accumulate = wC > 0;
                    bool store = n == I.Grid[0] - 1 && wn == weightNeuronTiles - 1 && wC == weightActTiles - 1;

                    long rows = inTile.Shape[0];
                    int neurons = wTile.Shape[0];
                    long taps = tapsPerTile[wTile.GridIndex[1]];
                    long fullSteps = CeilDiv(wTile.Shape.AlignedC, p.MacsPerPE);
                    long steps = CeilDiv(fullSteps * taps, wTile.Shape[1]);
                    long neuronBlocks = CeilDiv(neurons, pes);

                    long inBytes = loadIn ? inTile.Shape.StorageSize * eb : 0;
                    long wBytes = wTile.Shape.StorageSize * eb;
                    long outBytes = store ? outTile.Shape.StorageSize * eb : 0;
                    long psumBytes = rows * neuronBlocks * pes * eb;
                    var traffic = new SmvMemoryTraffic(
                        dramReadBytes: inBytes + wBytes,
                        dramWriteBytes: outBytes,
                        spad0ReadBytes: rows * neuronBlocks * taps * eb,
                        spad0WriteBytes: inBytes,
                        spad1ReadBytes: rows * neurons * taps * eb,
                        spad1WriteBytes: wBytes,
                        spad2ReadBytes: (accumulate ? psumBytes : 0) + outBytes,
                        spad2WriteBytes: psumBytes);
                    b.Add(inTile.Index, null, wTile.Index, outTile.Index, loadIn, true, store,
                        compute: rows * neuronBlocks * steps, macs: rows * taps * neurons, laneOps: 0, traffic);

                    if (inputActTiles == weightActTiles) iC++;
                    wC++;
                }
            }
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models max or average pooling on the 8-wide vector unit: per invocation, kept output points × ⌈channels/vector
    /// width⌉ × window rows × window cols cycles. Every invocation loads its input tile; an output tile is stored
    /// once its last channel slice is done.
    /// </summary>
    /// <param name="op">The layer.</param>
    /// <param name="knobs">Kept output rows/cols and element size; taps sampling does not apply.</param>
    public SmvOpCost Pooling(SmvPooling op, SmvKnobs? knobs = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        knobs ??= SmvKnobs.Exact;
        if (knobs.KeptTaps is not null) throw new ArgumentException("Tap sampling does not apply to pooling.", nameof(knobs));
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.Pooling(op, p);
        var I = tiling.Inputs.Tiles;
        var O = tiling.Outputs.Tiles;
        int keptRows = Kept(knobs.KeptOutputRows, op.OutputRows, "kept output rows");
        int keptCols = Kept(knobs.KeptOutputCols, op.OutputCols, "kept output columns");
        long[] rowsPerTile = Allocate(keptRows, Enumerable.Range(0, O.Grid[1]).Select(h => (long)O.At(0, h, 0, 0).Shape[1]).ToArray());
        long[] colsPerTile = Allocate(keptCols, Enumerable.Range(0, O.Grid[2]).Select(w => (long)O.At(0, 0, w, 0).Shape[2]).ToArray());
        int inputChanTiles = I.Grid[3], outputChanTiles = O.Grid[3];
        if (inputChanTiles != outputChanTiles && outputChanTiles != 1)
        {
            throw new InvalidOperationException($"SMV pooling: {inputChanTiles} input channel tiles do not pair with {outputChanTiles} output channel tiles.");
        }
        if (O.Grid[0] != I.Grid[0] || O.Grid[1] != I.Grid[1] || O.Grid[2] != I.Grid[2])
        {
            throw new InvalidOperationException($"SMV pooling: the output grid {SmvShape.Format(O.Grid)} does not match the input grid {SmvShape.Format(I.Grid)}.");
        }

        var b = new Builder(this);
        int eb = p.ElementBytes, vec = p.VectorWidth;
        long window = (long)op.PoolRows * op.PoolCols;
        for (int n = 0; n < I.Grid[0]; n++)
        {
            for (int h = 0; h < I.Grid[1]; h++)
            {
                for (int w = 0; w < I.Grid[2]; w++)
                {
                    int iC = 0, oC = 0;
                    while (iC < inputChanTiles && oC < outputChanTiles)
                    {
                        var inTile = I.At(n, h, w, iC);
                        var outTile = O.At(n, h, w, oC);
                        bool store = inputChanTiles == outputChanTiles || iC == inputChanTiles - 1;
                        long points = outTile.Shape[0] * rowsPerTile[h] * colsPerTile[w];
                        long groups = CeilDiv(inTile.Shape[3], vec);
                        long inBytes = inTile.Shape.StorageSize * eb;
                        long outBytes = store ? outTile.Shape.StorageSize * eb : 0;
                        var traffic = new SmvMemoryTraffic(
                            dramReadBytes: inBytes,
                            dramWriteBytes: outBytes,
                            spad0ReadBytes: points * groups * vec * window * eb,
                            spad0WriteBytes: inBytes,
                            spad1ReadBytes: outBytes,
                            spad1WriteBytes: points * groups * vec * eb,
                            spad2ReadBytes: 0,
                            spad2WriteBytes: 0);
                        b.Add(inTile.Index, null, null, outTile.Index, true, false, store,
                            compute: points * groups * window, macs: 0, laneOps: points * inTile.Shape[3] * window, traffic);
                        iC++;
                        if (inputChanTiles == outputChanTiles) oC++;
                    }
                }
            }
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models a batch norm on the vector unit: one vector step per <see cref="SmvParameters.VectorWidth"/> outputs
    /// (reading one input vector and the four weight vectors). Weight tiles are loaded when they change.
    /// </summary>
    /// <param name="inputShapeDims">[N, H, W, C] or [N, C].</param>
    /// <param name="knobs">Element size only.</param>
    public SmvOpCost BatchNorm(IReadOnlyList<int> inputShapeDims, SmvKnobs? knobs = null)
    {
        knobs ??= SmvKnobs.Exact;
        NoPerforation(knobs, "batch norm");
        if (knobs.KeptTaps is not null) throw new ArgumentException("Tap sampling does not apply to batch norm.", nameof(knobs));
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.BatchNorm(inputShapeDims, p);
        var I = tiling.Inputs.Tiles;
        var W = tiling.Weights!.Tiles;
        var O = tiling.Outputs.Tiles;
        int inputChanTiles = I.Grid[I.Grid.Count - 1], weightChanTiles = W.Grid[1];
        if (weightChanTiles != 1 && inputChanTiles != weightChanTiles && inputChanTiles != 1)
        {
            throw new InvalidOperationException($"SMV batch norm: {inputChanTiles} input channel tiles do not pair with {weightChanTiles} weight tiles.");
        }
        var b = new Builder(this);
        int lastWeight = -1, eb = p.ElementBytes, vec = p.VectorWidth;
        foreach (var inTile in I.Tiles)
        {
            var outTile = O.Tiles[inTile.Index];
            IEnumerable<SmvTile> weightTiles = weightChanTiles == 1 ? new[] { W.Tiles[0] }
                : inputChanTiles == weightChanTiles ? new[] { W.At(0, inTile.GridIndex[inTile.GridIndex.Count - 1]) }
                : W.Tiles;
            var list = weightTiles.ToList();
            for (int k = 0; k < list.Count; k++)
            {
                var wTile = list[k];
                bool loadIn = k == 0, loadW = wTile.Index != lastWeight, store = k == list.Count - 1;
                lastWeight = wTile.Index;
                int channels = list.Count > 1 ? wTile.Shape[1] : inTile.Shape.C;
                long pixels = inTile.Shape.ElementCount / inTile.Shape.C;
                long vectors = pixels * CeilDiv(channels, vec);
                long inBytes = loadIn ? inTile.Shape.StorageSize * eb : 0;
                long wBytes = loadW ? wTile.Shape.StorageSize * eb : 0;
                long outBytes = store ? outTile.Shape.StorageSize * eb : 0;
                var traffic = new SmvMemoryTraffic(
                    dramReadBytes: inBytes + wBytes,
                    dramWriteBytes: outBytes,
                    spad0ReadBytes: vectors * vec * eb,
                    spad0WriteBytes: inBytes,
                    spad1ReadBytes: vectors * 4 * vec * eb,
                    spad1WriteBytes: wBytes,
                    spad2ReadBytes: outBytes,
                    spad2WriteBytes: vectors * vec * eb);
                b.Add(inTile.Index, null, wTile.Index, outTile.Index, loadIn, loadW, store,
                    compute: vectors, macs: 0, laneOps: pixels * channels, traffic);
            }
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models a unary activation (ReLU, ELU, tanh, sigmoid, …) on flat tiles: each tile is loaded into spad0,
    /// processed one vector per cycle into spad1 and stored.
    /// </summary>
    /// <param name="shapeDims">The tensor's dimensions.</param>
    /// <param name="knobs">Element size only.</param>
    public SmvOpCost Unary(IReadOnlyList<int> shapeDims, SmvKnobs? knobs = null)
    {
        knobs ??= SmvKnobs.Exact;
        ElementSizeOnly(knobs, "unary op");
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.Unary(shapeDims, p);
        var b = new Builder(this);
        int eb = p.ElementBytes;
        foreach (var tile in tiling.Inputs.Tiles.Tiles)
        {
            long size = tile.Shape.StorageSize, bytes = size * eb;
            var traffic = new SmvMemoryTraffic(bytes, bytes, bytes, bytes, bytes, bytes, 0, 0);
            b.Add(tile.Index, null, null, tile.Index, true, false, true, CeilDiv(size, p.VectorWidth), 0, size, traffic);
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models SMV's element-wise add (<c>SmvEltwiseAddOp</c>; mul, less and greater cost the same): both inputs and the
    /// output are flat tiles; input 0 goes to spad0, input 1 to spad1, the sum to spad2, one vector per cycle.
    /// </summary>
    /// <param name="shapeDims">The shape of both inputs and the output.</param>
    /// <param name="knobs">Element size only.</param>
    public SmvOpCost EltwiseAdd(IReadOnlyList<int> shapeDims, SmvKnobs? knobs = null)
    {
        knobs ??= SmvKnobs.Exact;
        ElementSizeOnly(knobs, "element-wise add");
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.Eltwise(shapeDims, p);
        var b = new Builder(this);
        int eb = p.ElementBytes;
        foreach (var tile in tiling.Inputs.Tiles.Tiles)
        {
            long size = tile.Shape.StorageSize, bytes = size * eb;
            var traffic = new SmvMemoryTraffic(2 * bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes);
            b.Add(tile.Index, tile.Index, null, tile.Index, true, false, true, CeilDiv(size, p.VectorWidth), 0, size, traffic);
        }
        return b.Build(tiling);
    }

    /// <summary>
    /// Models the element-wise add of SMAUG's custom-operator tutorial ("Building a custom operator"): two inputs
    /// and the output are cut per batch into flat [1, scratchpad bytes / element bytes] tiles; per tile the kernel
    /// DMAs input 0 into spad0 and input 1 into spad1, adds spad0 into spad1 in place (one vector per cycle here),
    /// and DMAs spad1 back out. Only two scratchpads are used; spad2 stays idle.
    /// </summary>
    /// <param name="shapeDims">The shape of both inputs and the output.</param>
    /// <param name="knobs">Element size only (the tutorial's example is fp32).</param>
    public SmvOpCost CustomEltwiseAdd(IReadOnlyList<int> shapeDims, SmvKnobs? knobs = null)
    {
        knobs ??= SmvKnobs.Exact;
        ElementSizeOnly(knobs, "custom element-wise add");
        var p = ParametersFor(knobs);
        var tiling = SmvTiling.Eltwise(shapeDims, p);
        var b = new Builder(this);
        int eb = p.ElementBytes;
        foreach (var tile in tiling.Inputs.Tiles.Tiles)
        {
            long size = tile.Shape.StorageSize, bytes = size * eb;
            var traffic = new SmvMemoryTraffic(
                dramReadBytes: 2 * bytes, dramWriteBytes: bytes,
                spad0ReadBytes: bytes, spad0WriteBytes: bytes,
                spad1ReadBytes: 2 * bytes, spad1WriteBytes: 2 * bytes,
                spad2ReadBytes: 0, spad2WriteBytes: 0);
            b.Add(tile.Index, tile.Index, null, tile.Index, true, false, true, CeilDiv(size, p.VectorWidth), 0, size, traffic);
        }
        return b.Build(tiling);
    }

    private SmvParameters ParametersFor(SmvKnobs knobs) =>
        knobs.ElementBytes is int eb && eb != Parameters.ElementBytes ? Parameters.WithElementBytes(eb) : Parameters;

    private static void NoPerforation(SmvKnobs knobs, string op)
    {
        if (knobs.KeptOutputRows is not null || knobs.KeptOutputCols is not null)
        {
            throw new ArgumentException($"Output perforation (kept rows/cols) does not apply to a {op}.", nameof(knobs));
        }
    }

    private static void ElementSizeOnly(SmvKnobs knobs, string op)
    {
        NoPerforation(knobs, op);
        if (knobs.KeptTaps is not null) throw new ArgumentException($"Tap sampling does not apply to a {op}.", nameof(knobs));
    }

    private static int Kept(int? kept, int total, string what) => (int)Kept((long?)kept, total, what);

    private static long Kept(long? kept, long total, string what)
    {
        long k = kept ?? total;
        if (k > total) throw new ArgumentOutOfRangeException(nameof(kept), k, $"The {what} ({k}) exceed the layer's {total}.");
        return k;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    /// <summary>
    /// Spreads <paramref name="kept"/> units over parts of the given sizes in proportion, exactly: part i gets
    /// ⌊kept·S_i/T⌋ − ⌊kept·S_(i−1)/T⌋ where S are the running sums and T the total, so the parts add up to kept.
    /// </summary>
    internal static long[] Allocate(long kept, long[] sizes)
    {
        long total = sizes.Sum();
        var result = new long[sizes.Length];
        long running = 0, previous = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            running += sizes[i];
            long upTo = (long)((decimal)kept * running / total);
            result[i] = upTo - previous;
            previous = upTo;
        }
        return result;
    }

    private sealed class Builder
    {
        private readonly SmvModel _model;
        private readonly List<SmvInvocationCost> _invocations = new();

        public Builder(SmvModel model)
        {
            _model = model;
        }

        public void Add(int input, int? secondInput, int? weight, int output, bool loadIn, bool loadW, bool store,
            long compute, long macs, long laneOps, SmvMemoryTraffic traffic)
        {
            double bw = _model.Options.DramBytesPerCycle;
            long dmaIn = (long)Math.Ceiling(traffic.DramReadBytes / bw);
            long dmaOut = (long)Math.Ceiling(traffic.DramWriteBytes / bw);
            long cycles = _model.Options.PipelinedDma ? Math.Max(dmaIn, compute) + dmaOut : dmaIn + compute + dmaOut;
            _invocations.Add(new SmvInvocationCost(input, secondInput, weight, output, loadIn, loadW, store,
                compute, dmaIn, dmaOut, cycles, macs, laneOps, traffic));
        }

        public SmvOpCost Build(SmvOpTiling tiling)
        {
            var e = _model.Options.Energy;
            var traffic = _invocations.Aggregate(SmvMemoryTraffic.Zero, (t, i) => t + i.Traffic);
            long macs = _invocations.Sum(i => i.Macs), lanes = _invocations.Sum(i => i.VectorLaneOps);
            return new SmvOpCost(tiling, _invocations, _model.Options.PipelinedDma,
                cycles: _invocations.Sum(i => i.Cycles),
                computeCycles: _invocations.Sum(i => i.ComputeCycles),
                dmaInCycles: _invocations.Sum(i => i.DmaInCycles),
                dmaOutCycles: _invocations.Sum(i => i.DmaOutCycles),
                macs: macs,
                vectorLaneOps: lanes,
                traffic: traffic,
                computeEnergy: macs * e.PicojoulesPerMac + lanes * e.PicojoulesPerVectorLaneOp,
                scratchpadEnergy: traffic.ScratchpadBytes * e.PicojoulesPerScratchpadByte,
                dramEnergy: traffic.DramBytes * e.PicojoulesPerDramByte);
        }
    }
}
