using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Accelerators.Smv;

/// <summary>
/// SMAUG's SMV tiling optimisers, re-implemented: pick a strategy per tensor (<see cref="FindBestTilingDims"/>), apply
/// the operator's rules that tie the strategies together, enumerate candidate tile shapes from the minimum shape up in
/// fixed steps, keep the (inputs, weights, outputs) triple with the largest total storage (first one on ties), and cut
/// the tensors into tiles with halos, first-tile shrink and remainders. docs/accelerators-smv.md explains the rules.
/// </summary>
public static class SmvTiling
{
    private const string Conv = "convolution";
    private const string Fc = "inner product";
    private const string Pool = "pooling";
    private const string Bn = "batch norm";

    /// <summary>
    /// The first strategy, in SMAUG's preference order (None, DimN, DimNC, DimNH, DimNW, DimNHW, DimNCH, DimNCW; 2-D
    /// shapes stop after DimNC), whose smallest tile fits <see cref="SmvParameters.MaxTileElements"/>.
    /// </summary>
    /// <param name="shape">The tensor's shape (its storage size is what is compared).</param>
    /// <param name="minShape">The smallest tile per dimension, in layout order; each is capped by the shape.</param>
    /// <param name="parameters">Scratchpad and element size; SMAUG's defaults when null.</param>
    /// <exception cref="SmvTilingException">No strategy fits.</exception>
    public static TilingDims FindBestTilingDims(SmvShape shape, IReadOnlyList<int> minShape, SmvParameters? parameters = null) =>
        FindBest("tensor", "given", shape, minShape, parameters ?? SmvParameters.Default);

    /// <summary>Tiles a convolution (SMAUG's <c>smv::conv::TilingOptimizer</c>).</summary>
    /// <exception cref="SmvTilingException">A tensor cannot fit the scratchpads.</exception>
    public static SmvOpTiling Convolution(SmvConvolution op, SmvParameters? parameters = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        var p = parameters ?? SmvParameters.Default;
        int max = p.MaxTileElements, pes = p.NumPEs, maccs = p.MacsPerPE;
        var inS = op.InputShape(p.Alignment);
        var wS = op.WeightShape(p.Alignment);
        var oS = op.OutputShape(p.Alignment);

        var inDims = FindBest(Conv, "inputs", inS, new[] { 1, wS[1], inS[2], maccs }, p);
        var wDims = FindBest(Conv, "weights", wS, new[] { pes, wS[1], wS[2], maccs }, p);
        if (wDims.TilesH())
        {
            throw new SmvTilingException(Conv, "weights", wS, p, $"it would need {wDims} tiling and SMV never tiles weights by rows");
        }
        var oDims = FindBest(Conv, "outputs", oS, new[] { 1, 1, oS[2], pes }, p);
        if (wDims.TilesN()) oDims = TilingDims.DimNC;
        if (inDims.TilesH()) oDims = oDims.TilesC() ? TilingDims.DimNCH : TilingDims.DimNH;

        List<SmvShape> inputConfigs = inDims switch
        {
            TilingDims.DimN => Enum4D(inS, max, With(inS, 0, 1), new[] { 1, 1, 1, 1 }),
            TilingDims.DimNC => Enum4D(inS, max, With(With(inS, 0, 1), 3, maccs), new[] { 1, 1, 1, maccs }),
            TilingDims.DimNH => Enum4D(inS, max, With(With(inS, 0, 1), 1, wS[1]), new[] { 1, op.RowStride, 1, 1 }),
            TilingDims.DimNCH => Enum4D(inS, max, new[] { 1, wS[1], inS[2], maccs }, new[] { 1, op.RowStride, 1, maccs }),
            _ => new List<SmvShape> { inS },
        };
        if (inputConfigs.Count == 0) throw NoCandidate(Conv, "inputs", inS, inDims, p);

        var inputWeight = new List<(SmvShape I, SmvShape W)>();
        foreach (var i in inputConfigs)
        {
            if (wDims == TilingDims.DimN)
            {
                for (int n = Math.Min(wS[0], pes); n <= wS[0]; n += pes)
                {
                    var w = wS.With(0, n).With(3, i[3]);
                    if (w.StorageSize > max) break;
                    inputWeight.Add((i, w));
                }
            }
            else if (wDims == TilingDims.DimNC)
            {
                int minC = Math.Min(wS[3], maccs);
                for (int n = Math.Min(wS[0], pes); n <= wS[0]; n += pes)
                {
                    if (inDims.TilesC())
                    {
                        var w = wS.With(0, n).With(3, i[3]);
                        if (w.StorageSize > max) break;
                        inputWeight.Add((i, w));
                    }
                    else
                    {
                        for (int c = minC; c <= wS[3]; c += maccs)
                        {
                            var w = wS.With(0, n).With(3, c);
                            if (w.StorageSize > max) break;
                            inputWeight.Add((i, w));
                        }
                    }
                }
            }
            else
            {
                inputWeight.Add((i, inDims.TilesC() ? wS.With(3, i[3]) : wS));
            }
        }
        if (inputWeight.Count == 0) throw NoCandidate(Conv, "weights", wS, wDims, p);

        var full = new List<(SmvShape I, SmvShape W, SmvShape O)>();
        bool weightsTiled = wDims != TilingDims.None;
        foreach (var (i, w) in inputWeight)
        {
            for (int c = Math.Min(w[0], pes); c <= wS[0]; c += pes)
            {
                var o = oS.With(0, i[0]);
                if (oDims.TilesH())
                {
                    int pad = op.Padding == SmvPadding.Same ? (w[1] - 1 + 1) / 2 : 0;
                    o = o.With(1, (i[1] - w[1] + pad) / op.RowStride + 1).With(3, w[0]);
                }
                else
                {
                    o = o.With(1, oS[1]);
                    if (weightsTiled) o = o.With(3, w[0]);
                    else if (oDims != TilingDims.None) o = o.With(3, c);
                }
                if (o.StorageSize <= max) full.Add((i, w, o));
                if (weightsTiled || oDims == TilingDims.None) break;
            }
        }
        if (full.Count == 0) throw NoCandidate(Conv, "outputs", oS, oDims, p);
        var best = FirstMax(full, t => t.I.StorageSize + t.W.StorageSize + t.O.StorageSize);

        var inTiles = Generate(inS, best.I, op.KernelRows, op.KernelCols, op.RowStride, op.ColStride, op.Padding);
        var wTiles = Generate(wS, best.W);
        var oTiles = oDims.TilesH() ? RowwiseOutputs(op, oS, inTiles, wTiles) : Generate(oS, best.O);
        return new SmvOpTiling(Conv,
            new SmvTensorTiling("inputs", inS, inDims, best.I, inTiles),
            new SmvTensorTiling("weights", wS, wDims, best.W, wTiles),
            new SmvTensorTiling("outputs", oS, oDims, best.O, oTiles),
            full.Count, p);
    }

    /// <summary>Tiles an inner product (SMAUG's <c>smv::fc::TilingOptimizer</c>).</summary>
    /// <exception cref="SmvTilingException">A tensor cannot fit the scratchpads.</exception>
    public static SmvOpTiling InnerProduct(SmvInnerProduct op, SmvParameters? parameters = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        var p = parameters ?? SmvParameters.Default;
        int max = p.MaxTileElements, pes = p.NumPEs, maccs = p.MacsPerPE;
        var inS = op.InputShape(p.Alignment);
        var wS = op.WeightShape(p.Alignment);
        var oS = op.OutputShape(p.Alignment);

        var inDims = FindBest(Fc, "inputs", inS, new[] { 1, maccs }, p);
        var wDims = FindBest(Fc, "weights", wS, new[] { pes, maccs }, p);
        var oDims = FindBest(Fc, "outputs", oS, new[] { 1, pes }, p);
        if (wDims.TilesN() && oDims != TilingDims.None) oDims = TilingDims.DimNC;

        List<SmvShape> inputConfigs = inDims switch
        {
            TilingDims.DimN => Enum2D(inS, max, new[] { 1, inS[1] }, new[] { 1, 1 }),
            TilingDims.DimNC => Enum2D(inS, max, new[] { 1, maccs }, new[] { 1, maccs }),
            _ => new List<SmvShape> { inS },
        };
        if (inputConfigs.Count == 0) throw NoCandidate(Fc, "inputs", inS, inDims, p);

        var inputWeight = new List<(SmvShape I, SmvShape W)>();
        foreach (var i in inputConfigs)
        {
            if (wDims == TilingDims.DimN)
            {
                for (int n = Math.Min(wS[0], pes); n <= wS[0]; n += pes)
                {
                    var w = SmvShape.Nc(n, i[1], p.Alignment);
                    if (w.StorageSize > max) break;
                    inputWeight.Add((i, w));
                }
            }
            else if (wDims == TilingDims.DimNC)
            {
                int minC = Math.Min(wS[1], maccs);
                for (int n = Math.Min(wS[0], pes); n <= wS[0]; n += pes)
                {
                    if (inDims.TilesC())
                    {
                        var w = wS.With(0, n).With(1, i[1]);
                        if (w.StorageSize > max) break;
                        inputWeight.Add((i, w));
                    }
                    else
                    {
                        for (int c = minC; c <= wS[1]; c += maccs)
                        {
                            var w = wS.With(0, n).With(1, c);
                            if (w.StorageSize > max) break;
                            inputWeight.Add((i, w));
                        }
                    }
                }
            }
            else
            {
                inputWeight.Add((i, inDims.TilesC() ? wS.With(1, i[1]) : wS));
            }
        }
        if (inputWeight.Count == 0) throw NoCandidate(Fc, "weights", wS, wDims, p);

        var full = new List<(SmvShape I, SmvShape W, SmvShape O)>();
        bool weightsTiled = wDims != TilingDims.None, outputsTiled = oDims != TilingDims.None;
        foreach (var (i, w) in inputWeight)
        {
            for (int c = Math.Min(w[0], pes); c <= wS[0]; c += pes)
            {
                var o = oS.With(0, i[0]);
                if (weightsTiled && outputsTiled) o = o.With(1, w[0]);
                else if (outputsTiled) o = o.With(1, c);
                if (o.StorageSize <= max) full.Add((i, w, o));
                if (weightsTiled || !outputsTiled) break;
            }
        }
        if (full.Count == 0) throw NoCandidate(Fc, "outputs", oS, oDims, p);
        var best = FirstMax(full, t => t.I.StorageSize + t.W.StorageSize + t.O.StorageSize);
        return new SmvOpTiling(Fc,
            new SmvTensorTiling("inputs", inS, inDims, best.I, Generate(inS, best.I)),
            new SmvTensorTiling("weights", wS, wDims, best.W, Generate(wS, best.W)),
            new SmvTensorTiling("outputs", oS, oDims, best.O, Generate(oS, best.O)),
            full.Count, p);
    }

    /// <summary>Tiles a max- or average-pooling layer (SMAUG's <c>smv::pool::TilingOptimizer</c>).</summary>
    /// <exception cref="SmvTilingException">A tensor cannot fit the scratchpads.</exception>
    public static SmvOpTiling Pooling(SmvPooling op, SmvParameters? parameters = null)
    {
        if (op is null) throw new ArgumentNullException(nameof(op));
        var p = parameters ?? SmvParameters.Default;
        int max = p.MaxTileElements, vec = p.VectorWidth;
        var inS = op.InputShape(p.Alignment);
        var oS = op.OutputShape(p.Alignment);

        var inDims = FindBest(Pool, "inputs", inS, new[] { 1, op.PoolRows, op.PoolCols, vec }, p);
        var oDims = FindBest(Pool, "outputs", oS, new[] { 1, 1, 1, vec }, p);
        if (inDims.TilesH())
        {
            oDims = oDims.TilesC() ? TilingDims.DimNCH : oDims.TilesW() ? TilingDims.DimNHW : TilingDims.DimNH;
        }
        if (inDims.TilesW())
        {
            oDims = oDims.TilesC() ? TilingDims.DimNCW : oDims.TilesH() ? TilingDims.DimNHW : TilingDims.DimNW;
        }

        List<SmvShape> inputConfigs = inDims switch
        {
            TilingDims.DimN => Enum4D(inS, max, With(inS, 0, 1), new[] { 1, 1, 1, 1 }),
            TilingDims.DimNC => Enum4D(inS, max, With(With(inS, 0, 1), 3, vec), new[] { 1, 1, 1, vec }),
            TilingDims.DimNH => Enum4D(inS, max, With(With(inS, 0, 1), 1, op.PoolRows), new[] { 1, op.RowStride, 1, 1 }),
            TilingDims.DimNW => Enum4D(inS, max, With(With(inS, 0, 1), 2, op.PoolCols), new[] { 1, 1, op.ColStride, 1 }),
            TilingDims.DimNHW => Enum4D(inS, max, new[] { 1, op.PoolRows, op.PoolCols, inS[3] }, new[] { 1, op.RowStride, op.ColStride, 1 }),
            TilingDims.DimNCH => Enum4D(inS, max, new[] { 1, op.PoolRows, inS[2], vec }, new[] { 1, op.RowStride, 1, vec }),
            TilingDims.DimNCW => Enum4D(inS, max, new[] { 1, inS[1], op.PoolCols, vec }, new[] { 1, 1, op.ColStride, vec }),
            _ => new List<SmvShape> { inS },
        };
        if (inputConfigs.Count == 0) throw NoCandidate(Pool, "inputs", inS, inDims, p);

        var full = new List<(SmvShape I, SmvShape O)>();
        foreach (var i in inputConfigs)
        {
            var o = oS.With(0, i[0]);
            if (oDims.TilesH()) o = o.With(1, op.OutputRowsFor(i[1]));
            if (oDims.TilesW()) o = o.With(2, op.OutputColsFor(i[2]));
            if (inDims.TilesC() && oDims.TilesC()) o = o.With(3, i[3]);
            if (o.StorageSize <= max) full.Add((i, o));
        }
        if (full.Count == 0) throw NoCandidate(Pool, "outputs", oS, oDims, p);
        var best = FirstMax(full, t => t.I.StorageSize + t.O.StorageSize);
        var inTiles = Generate(inS, best.I, op.PoolRows, op.PoolCols, op.RowStride, op.ColStride, SmvPadding.Valid);
        return new SmvOpTiling(Pool,
            new SmvTensorTiling("inputs", inS, inDims, best.I, inTiles),
            null,
            new SmvTensorTiling("outputs", oS, oDims, best.O, Generate(oS, best.O)),
            full.Count, p);
    }

    /// <summary>
    /// Tiles a batch norm (SMAUG's <c>smv::bn::TilingOptimizer</c>). A 4-D input [N, H, W, C] is the post-convolution
    /// case, a 2-D input [N, C] the post-FC case; the weights are mean, variance, gamma and beta stacked as [4, C];
    /// the outputs are tiled exactly like the inputs.
    /// </summary>
    /// <param name="inputShapeDims">[N, H, W, C] or [N, C].</param>
    /// <param name="parameters">SMAUG's defaults when null.</param>
    /// <exception cref="SmvTilingException">A tensor cannot fit the scratchpads.</exception>
    public static SmvOpTiling BatchNorm(IReadOnlyList<int> inputShapeDims, SmvParameters? parameters = null)
    {
        if (inputShapeDims is null) throw new ArgumentNullException(nameof(inputShapeDims));
        var p = parameters ?? SmvParameters.Default;
        int max = p.MaxTileElements, vec = p.VectorWidth;
        bool postConv = inputShapeDims.Count == 4;
        if (!postConv && inputShapeDims.Count != 2)
        {
            throw new ArgumentException($"Batch norm takes a 4-D [N, H, W, C] or 2-D [N, C] input, not {SmvShape.Format(inputShapeDims)}.", nameof(inputShapeDims));
        }
        var inS = new SmvShape(inputShapeDims, postConv ? SmvLayout.NHWC : SmvLayout.NC, p.Alignment);
        var wS = SmvShape.Nc(4, inS.C, p.Alignment);
        var inDims = FindBest(Bn, "inputs", inS, postConv ? new[] { 1, vec, vec, vec } : new[] { 1, vec }, p);
        var wDims = FindBest(Bn, "weights", wS, new[] { 4, vec }, p);

        var full = new List<(SmvShape I, SmvShape W)>();
        if (postConv)
        {
            if (wDims != TilingDims.None)
            {
                throw new SmvTilingException(Bn, "weights", wS, p, "after a convolution SMV never tiles the batch-norm weights");
            }
            List<SmvShape> inputConfigs = inDims switch
            {
                TilingDims.DimN => Enum4D(inS, max, With(inS, 0, 1), new[] { 1, 1, 1, 1 }),
                TilingDims.DimNC => Enum4D(inS, max, With(With(inS, 0, 1), 3, vec), new[] { 1, 1, 1, vec }),
                TilingDims.DimNH => Enum4D(inS, max, With(With(inS, 0, 1), 1, vec), new[] { 1, vec, 1, 1 }),
                TilingDims.DimNW => Enum4D(inS, max, With(With(inS, 0, 1), 2, vec), new[] { 1, 1, vec, 1 }),
                TilingDims.DimNHW => Enum4D(inS, max, new[] { 1, vec, vec, inS[3] }, new[] { 1, vec, vec, 1 }),
                TilingDims.DimNCH => Enum4D(inS, max, new[] { 1, vec, inS[2], vec }, new[] { 1, vec, 1, vec }),
                TilingDims.DimNCW => Enum4D(inS, max, new[] { 1, inS[1], vec, vec }, new[] { 1, 1, vec, vec }),
                _ => new List<SmvShape> { inS },
            };
            full.AddRange(inputConfigs.Select(i => (i, wS)));
        }
        else
        {
            List<SmvShape> inputConfigs = inDims switch
            {
                TilingDims.DimN => Enum2D(inS, max, With(inS, 0, 1), new[] { 1, 1 }),
                TilingDims.DimNC => Enum2D(inS, max, new[] { 1, vec }, new[] { 1, vec }),
                _ => new List<SmvShape> { inS },
            };
            foreach (var i in inputConfigs)
            {
                if (wDims == TilingDims.DimNC)
                {
                    if (inDims.TilesC())
                    {
                        var w = wS.With(1, i[1]);
                        if (w.StorageSize > max) break;
                        full.Add((i, w));
                    }
                    else
                    {
                        for (int c = Math.Min(wS[1], vec); c <= wS[1]; c += vec)
                        {
                            var w = wS.With(1, c);
                            if (w.StorageSize > max) break;
                            full.Add((i, w));
                        }
                    }
                }
                else
                {
                    full.Add((i, wS));
                }
            }
        }
        if (full.Count == 0) throw NoCandidate(Bn, "inputs", inS, inDims, p);
        var best = FirstMax(full, t => 2 * t.I.StorageSize + t.W.StorageSize);
        return new SmvOpTiling(Bn,
            new SmvTensorTiling("inputs", inS, inDims, best.I, Generate(inS, best.I)),
            new SmvTensorTiling("weights", wS, wDims, best.W, Generate(wS, best.W)),
            new SmvTensorTiling("outputs", inS, inDims, best.I, Generate(inS, best.I)),
            full.Count, p);
    }

    /// <summary>
    /// Tiles a unary op (ReLU and the other activations; SMAUG's <c>smv::unary::doTiling</c>): the tensor is read as one
    /// flat array of its storage size and cut into [1, min(max tile, storage)] tiles, the last taking the remainder.
    /// </summary>
    /// <param name="shapeDims">The tensor's dimensions: 4-D NHWC or 2-D NC.</param>
    /// <param name="parameters">SMAUG's defaults when null.</param>
    public static SmvOpTiling Unary(IReadOnlyList<int> shapeDims, SmvParameters? parameters = null)
    {
        var p = parameters ?? SmvParameters.Default;
        var shape = ShapeOf(shapeDims, p);
        var (basic, tiles) = Flat(shape, p);
        return new SmvOpTiling("unary", new SmvTensorTiling("inputs", shape, null, basic, tiles), null,
            new SmvTensorTiling("outputs", shape, null, basic, Flat(shape, p).Tiles), 1, p);
    }

    /// <summary>
    /// Tiles a two-input element-wise op (SMAUG's <c>SmvEltwiseAddOp::tile</c>, also used by eltwise mul, less and
    /// greater): both inputs and the output are flattened and cut like <see cref="Unary"/>.
    /// </summary>
    /// <param name="shapeDims">The shape both inputs and the output share.</param>
    /// <param name="parameters">SMAUG's defaults when null.</param>
    public static SmvOpTiling Eltwise(IReadOnlyList<int> shapeDims, SmvParameters? parameters = null)
    {
        var p = parameters ?? SmvParameters.Default;
        var shape = ShapeOf(shapeDims, p);
        var (basic, _) = Flat(shape, p);
        return new SmvOpTiling("eltwise", new SmvTensorTiling("input0", shape, null, basic, Flat(shape, p).Tiles), null,
            new SmvTensorTiling("outputs", shape, null, basic, Flat(shape, p).Tiles), 1, p,
            new SmvTensorTiling("input1", shape, null, basic, Flat(shape, p).Tiles));
    }

    internal static SmvShape ShapeOf(IReadOnlyList<int> dims, SmvParameters p)
    {
        if (dims is null) throw new ArgumentNullException(nameof(dims));
        return dims.Count switch
        {
            4 => new SmvShape(dims, SmvLayout.NHWC, p.Alignment),
            2 => new SmvShape(dims, SmvLayout.NC, p.Alignment),
            _ => throw new ArgumentException($"Expected a 4-D NHWC or 2-D NC shape, not {SmvShape.Format(dims)}.", nameof(dims)),
        };
    }

    private static (SmvShape Basic, SmvTiledTensor Tiles) Flat(SmvShape shape, SmvParameters p)
    {
        long storage = shape.StorageSize;
        int maxTile = (int)Math.Min(p.MaxTileElements, storage);
        var basic = SmvShape.Nc(1, maxTile, p.Alignment);
        long tileSize = basic.StorageSize;
        int count = (int)((storage + tileSize - 1) / tileSize);
        var sizes = new List<int>();
        var starts = new List<int>();
        long remaining = storage, offset = 0;
        for (int t = 0; t < count; t++)
        {
            int size = (int)Math.Min(remaining, tileSize);
            sizes.Add(size);
            starts.Add((int)offset);
            offset += size;
            remaining -= size;
        }
        var flat = SmvShape.Nc(1, (int)storage, p.Alignment);
        return (basic, SmvTiledTensor.FromDims(flat, new[] { new List<int> { 1 }, sizes }, new[] { new List<int> { 0 }, starts }));
    }

    internal static TilingDims FindBest(string op, string tensor, SmvShape shape, IReadOnlyList<int> minShape, SmvParameters p)
    {
        if (minShape.Count != shape.Rank)
        {
            throw new ArgumentException($"The minimum shape {SmvShape.Format(minShape)} must have {shape.Rank} dimensions.", nameof(minShape));
        }
        long max = p.MaxTileElements;
        long storage = shape.StorageSize;
        if (storage <= max) return TilingDims.None;
        int cIdx = shape.ChannelIndex;
        long sizePerN = storage / shape[0];
        double Ratio(int i) => Math.Min(shape[i], minShape[i]) * 1.0 / shape[i];
        if (sizePerN * Math.Min(shape[0], minShape[0]) <= max) return TilingDims.DimN;
        if (sizePerN * Ratio(cIdx) <= max) return TilingDims.DimNC;
        if (shape.Rank == 2)
        {
            throw new SmvTilingException(op, tensor, shape, p,
                $"even one minimum [{Math.Min(shape[0], minShape[0])}, {Math.Min(shape[1], minShape[1])}] tile does not fit (a 2-D tensor can only be tiled by N and C)");
        }
        if (sizePerN * Ratio(1) <= max) return TilingDims.DimNH;
        if (sizePerN * Ratio(2) <= max) return TilingDims.DimNW;
        if (sizePerN * Ratio(1) * Ratio(2) <= max) return TilingDims.DimNHW;
        if (sizePerN * Ratio(cIdx) * Ratio(1) <= max) return TilingDims.DimNCH;
        if (sizePerN * Ratio(cIdx) * Ratio(2) <= max) return TilingDims.DimNCW;
        throw new SmvTilingException(op, tensor, shape, p,
            $"no strategy fits: the smallest tile {SmvShape.Format(Enumerable.Range(0, 4).Select(i => Math.Min(shape[i], minShape[i])))} still needs more than one tiling dimension pair SMV supports");
    }

    private static SmvTilingException NoCandidate(string op, string tensor, SmvShape shape, TilingDims dims, SmvParameters p) =>
        new(op, tensor, shape, p, $"with {dims} tiling no candidate tile shape (from the operator's minimum shape up) fits");

    private static int[] With(SmvShape shape, int index, int value)
    {
        var a = shape.ToArray();
        a[index] = value;
        return a;
    }

    private static int[] With(int[] dims, int index, int value)
    {
        var a = (int[])dims.Clone();
        a[index] = value;
        return a;
    }

    internal static List<SmvShape> Enum4D(SmvShape shape, long max, int[] minShape, int[] strides)
    {
        var configs = new List<SmvShape>();
        int minN = Math.Min(minShape[0], shape[0]), minH = Math.Min(minShape[1], shape[1]);
        int minW = Math.Min(minShape[2], shape[2]), minC = Math.Min(minShape[3], shape[3]);
        for (int n = minN; n <= shape[0]; n += strides[0])
        {
            for (int c = minC; c <= shape[3]; c += strides[3])
            {
                for (int h = minH; h <= shape[1]; h += strides[1])
                {
                    for (int w = minW; w <= shape[2]; w += strides[2])
                    {
                        var config = SmvShape.Nhwc(n, h, w, c, shape.Alignment);
                        if (config.StorageSize > max) break;
                        configs.Add(config);
                    }
                }
            }
        }
        return configs;
    }

    internal static List<SmvShape> Enum2D(SmvShape shape, long max, int[] minShape, int[] strides)
    {
        var configs = new List<SmvShape>();
        int minN = Math.Min(minShape[0], shape[0]), minC = Math.Min(minShape[1], shape[1]);
        for (int n = minN; n <= shape[0]; n += strides[0])
        {
            for (int c = minC; c <= shape[1]; c += strides[1])
            {
                var config = SmvShape.Nc(n, c, shape.Alignment);
                if (config.StorageSize > max) break;
                configs.Add(config);
            }
        }
        return configs;
    }

    private static T FirstMax<T>(List<T> items, Func<T, long> size)
    {
        T best = items[0];
        long bestSize = size(best);
        for (int i = 1; i < items.Count; i++)
        {
            long s = size(items[i]);
            if (s > bestSize)
            {
                best = items[i];
                bestSize = s;
            }
        }
        return best;
    }

    /// <summary>
    /// Cuts <paramref name="full"/> into tiles of <paramref name="tile"/> (SMAUG's <c>generateTiledTensor</c>). For a
    /// sliding window (<paramref name="fieldRows"/> &gt; 0) consecutive tiles along H and W overlap by a halo of
    /// field − stride (negative: rows are skipped), the first tile of several is shrunk to a whole number of strides
    /// given the top/left padding, and the last tile takes what remains.
    /// </summary>
    internal static SmvTiledTensor Generate(SmvShape full, SmvShape tile, int fieldRows = 0, int fieldCols = 0,
        int rowStride = 1, int colStride = 1, SmvPadding padding = SmvPadding.Valid)
    {
        int rank = full.Rank;
        var halos = new int[rank];
        int hIdx = rank == 4 ? 1 : -1, wIdx = rank == 4 ? 2 : -1;
        if (hIdx >= 0 && fieldRows != 0) halos[hIdx] = fieldRows - rowStride;
        if (wIdx >= 0 && fieldCols != 0) halos[wIdx] = fieldCols - colStride;
        int topPad = padding == SmvPadding.Same ? fieldRows / 2 : 0;
        int leftPad = padding == SmvPadding.Same ? fieldCols / 2 : 0;
        var sizes = new List<int>[rank];
        var starts = new List<int>[rank];
        for (int i = 0; i < rank; i++)
        {
            sizes[i] = new List<int>();
            starts[i] = new List<int>();
            int remaining = full[i], start = 0;
            while (remaining > 0)
            {
                int dim = Math.Min(tile[i], remaining);
                bool first = sizes[i].Count == 0, last = remaining <= tile[i];
                if (first && !last && i == hIdx && fieldRows != 0) dim = PaddedTileDim(dim, topPad, fieldRows, rowStride);
                else if (first && !last && i == wIdx && fieldCols != 0) dim = PaddedTileDim(dim, leftPad, fieldCols, colStride);
                sizes[i].Add(dim);
                starts[i].Add(start);
                remaining -= dim;
                start += dim;
                if (remaining > 0)
                {
                    remaining += halos[i];
                    start -= halos[i];
                }
            }
        }
        return SmvTiledTensor.FromDims(full, sizes, starts);
    }

    // The largest tile size ≤ maxTileDim that, with the leading padding, ends on a whole window step.
    private static int PaddedTileDim(int maxTileDim, int padding, int field, int stride)
    {
        int numStrides = (maxTileDim + padding - field) / stride;
        if (numStrides <= 0) return maxTileDim;
        return field + stride * numStrides - padding;
    }

    // SMAUG's generateRowwiseOutputTiledTensor: one output tile per (input row tile, weight ofmap tile); the first row
    // tile gets the top padding, the last the bottom padding, and a last input tile too short for the kernel (with
    // its bottom padding) yields no output row tile.
    private static SmvTiledTensor RowwiseOutputs(SmvConvolution op, SmvShape oS, SmvTiledTensor inputs, SmvTiledTensor weights)
    {
        int top = op.TopPad, bottom = op.BottomPad, left = op.LeftPad, right = op.RightPad;
        int[] blocks = { inputs.Grid[0], inputs.Grid[1], inputs.Grid[2], weights.Grid[0] };
        int lastRows = inputs.Tiles[inputs.Count - 1].Shape[1];
        if (lastRows + bottom < op.KernelRows) blocks[1]--;
        var sizes = new List<int>[4];
        var starts = new List<int>[4];
        for (int i = 0; i < 4; i++)
        {
            sizes[i] = new List<int>();
            starts[i] = new List<int>();
        }
        static int Cumulative(List<int> list) => list.Sum();
        for (int n = 0; n < blocks[0]; n++)
        {
            starts[0].Add(Cumulative(sizes[0]));
            sizes[0].Add(inputs.At(n, 0, 0, 0).Shape[0]);
        }
        for (int h = 0; h < blocks[1]; h++)
        {
            int effRows = inputs.At(0, h, 0, 0).Shape[1];
            if (h == 0) effRows += top;
            else if (h == blocks[1] - 1) effRows += bottom;
            int rows = (effRows - op.KernelRows) / op.RowStride + 1;
            if (rows <= 0)
            {
                throw new InvalidOperationException($"SMV convolution: input row tile {h} ({effRows} rows with padding) is shorter than the {op.KernelRows}-row kernel.");
            }
            starts[1].Add(Cumulative(sizes[1]));
            sizes[1].Add(rows);
        }
        for (int w = 0; w < blocks[2]; w++)
        {
            int effCols = inputs.At(0, 0, w, 0).Shape[2] + left + right;
            starts[2].Add(Cumulative(sizes[2]));
            sizes[2].Add((effCols - op.KernelCols) / op.ColStride + 1);
        }
        for (int c = 0; c < blocks[3]; c++)
        {
            starts[3].Add(Cumulative(sizes[3]));
            sizes[3].Add(weights.At(c, 0, 0, 0).Shape[0]);
        }
        return SmvTiledTensor.FromDims(oS, sizes, starts);
    }
}
