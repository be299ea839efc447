using System;
using System.Runtime.CompilerServices;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// The operand matrices of a layer (IFMAP <c>M×K</c>, filter <c>K×N</c>, OFMAP <c>M×N</c>) and how a dataflow folds
/// them onto the array: which addresses each operand demands in each cycle of each fold, in SCALE-Sim's order (column
/// folds outer, row folds inner; within a fold, one demand row per cycle, array ports in order).
/// </summary>
internal sealed class FoldGeometry
{
    public readonly Dataflow Dataflow;
    public readonly int R, C;            // array rows and columns
    public readonly int Sr, Sc, T;       // spatial rows, spatial columns, temporal extent
    public readonly int RowFolds, ColFolds, FoldRows;
    public readonly long TotalRows;
    public readonly int M, K, N;

    // IFMAP operand: address of (m, j) = RowBase[m] + TapDelta[j] when TapKh[j] <= RowSlackH[m] and TapKw[j] <= RowSlackW[m].
    public readonly int[] RowBase, RowSlackH, RowSlackW;
    public readonly bool[] RowFull;
    public readonly int[] TapDelta, TapKh, TapKw, TapIndex;
    public readonly int WindowFull, IfmapWords, FilterWords;

    public FoldGeometry(SystolicArray array, ConvLayer layer)
    {
        Dataflow = array.Dataflow;
        R = array.Rows;
        C = array.Columns;
        int[] pixels = layer.KeptPixels();
        int[] taps = layer.KeptTaps();
        int h = layer.IfmapHeight, w = layer.IfmapWidth, ch = layer.Channels, fw = layer.FilterWidth;
        int imageWords = h * w * ch;
        M = pixels.Length * layer.Batch;
        K = taps.Length;
        N = layer.Filters;
        WindowFull = layer.WindowSize;
        IfmapWords = imageWords * layer.Batch;
        FilterWords = WindowFull * N;

        RowBase = new int[M];
        RowSlackH = new int[M];
        RowSlackW = new int[M];
        RowFull = new bool[M];
        int m = 0;
        for (int b = 0; b < layer.Batch; b++)
        {
            foreach (int p in pixels)
            {
                int ih = p / layer.OfmapWidth * layer.StrideHeight, iw = p % layer.OfmapWidth * layer.StrideWidth;
                RowBase[m] = b * imageWords + ih * w * ch + iw * ch;
                RowSlackH[m] = h - 1 - ih;
                RowSlackW[m] = w - 1 - iw;
                m++;
            }
        }
        TapDelta = new int[K];
        TapKh = new int[K];
        TapKw = new int[K];
        TapIndex = taps;
        int maxKh = 0, maxKw = 0;
        for (int j = 0; j < K; j++)
        {
            int t = taps[j];
            int kh = t / (fw * ch), rest = t % (fw * ch), kw = rest / ch, c = rest % ch;
            TapKh[j] = kh;
            TapKw[j] = kw;
            TapDelta[j] = kh * w * ch + kw * ch + c;
            maxKh = Math.Max(maxKh, kh);
            maxKw = Math.Max(maxKw, kw);
        }
        for (int i = 0; i < M; i++) RowFull[i] = RowSlackH[i] >= maxKh && RowSlackW[i] >= maxKw;

        (Sr, Sc, T) = Dataflow switch
        {
            Dataflow.OutputStationary => (M, N, K),
            Dataflow.WeightStationary => (K, N, M),
            _ => (K, M, N),
        };
        RowFolds = (Sr + R - 1) / R;
        ColFolds = (Sc + C - 1) / C;
        FoldRows = Dataflow == Dataflow.OutputStationary ? T + R + C - 2 : 2 * R + C + T - 2;
        TotalRows = (long)RowFolds * ColFolds * FoldRows;
    }

    public int RowsUsed(int fr) => Math.Min(R, Sr - fr * R);

    public int ColsUsed(int fc) => Math.Min(C, Sc - fc * C);

    public int IfmapAddress(int m, int j)
        => RowFull[m] || (TapKh[j] <= RowSlackH[m] && TapKw[j] <= RowSlackW[m]) ? RowBase[m] + TapDelta[j] : -1;

    public int FilterAddress(int j, int f) => f * WindowFull + TapIndex[j];

    /// <summary>Fills <paramref name="buffer"/> with the valid IFMAP addresses demanded in row <paramref name="t"/> of fold (fr, fc); returns how many.</summary>
    public int IfmapRow(int fr, int fc, int t, int[] buffer)
    {
        int n = 0;
        ref int outRef = ref buffer[0];
        ref int rowBase = ref RowBase[0];
        ref bool rowFull = ref RowFull[0];
        ref int tapDelta = ref TapDelta[0];
        switch (Dataflow)
        {
            case Dataflow.OutputStationary:
            {
                int lo = Math.Max(0, t - T + 1), hi = Math.Min(RowsUsed(fr) - 1, t), mBase = fr * R;
                if (hi < lo) break;
                for (int r = lo; r <= hi; r++)
                {
                    int m = mBase + r, j = t - r;
                    if (Unsafe.Add(ref rowFull, m) || (TapKh[j] <= RowSlackH[m] && TapKw[j] <= RowSlackW[m]))
                        Unsafe.Add(ref outRef, n++) = Unsafe.Add(ref rowBase, m) + Unsafe.Add(ref tapDelta, j);
                }
                break;
            }
            case Dataflow.WeightStationary:
            {
                int lo = Math.Max(0, t - R - T + 1), hi = Math.Min(RowsUsed(fr) - 1, t - R), jBase = fr * R;
                if (hi < lo) break;
                for (int r = lo; r <= hi; r++)
                {
                    int m = t - r - R, j = jBase + r;
                    if (Unsafe.Add(ref rowFull, m) || (TapKh[j] <= RowSlackH[m] && TapKw[j] <= RowSlackW[m]))
                        Unsafe.Add(ref outRef, n++) = Unsafe.Add(ref rowBase, m) + Unsafe.Add(ref tapDelta, j);
                }
                break;
            }
            default:
            {
                int used = RowsUsed(fr);
                if (t >= R || R - 1 - t >= used) break;
                int j = fr * R + R - 1 - t, mBase = fc * C, cols = ColsUsed(fc), kh = TapKh[j], kw = TapKw[j], delta = TapDelta[j];
                for (int c = 0; c < cols; c++)
                {
                    int m = mBase + c;
                    if (Unsafe.Add(ref rowFull, m) || (kh <= RowSlackH[m] && kw <= RowSlackW[m]))
                        Unsafe.Add(ref outRef, n++) = Unsafe.Add(ref rowBase, m) + delta;
                }
                break;
            }
        }
        return n;
    }

    /// <summary>Fills <paramref name="buffer"/> with the filter addresses demanded in row <paramref name="t"/> of fold (fr, fc); returns how many.</summary>
    public int FilterRow(int fr, int fc, int t, int[] buffer)
    {
        int n = 0;
        switch (Dataflow)
        {
            case Dataflow.OutputStationary:
            {
                int lo = Math.Max(0, t - T + 1), hi = Math.Min(ColsUsed(fc) - 1, t), fBase = fc * C;
                for (int c = lo; c <= hi; c++) buffer[n++] = FilterAddress(t - c, fBase + c);
                break;
            }
            case Dataflow.WeightStationary:
            {
                int used = RowsUsed(fr);
                if (t >= R || R - 1 - t >= used) break;
                int j = fr * R + R - 1 - t, fBase = fc * C, cols = ColsUsed(fc);
                for (int c = 0; c < cols; c++) buffer[n++] = FilterAddress(j, fBase + c);
                break;
            }
            default:
            {
                int lo = Math.Max(0, t - R - T + 1), hi = Math.Min(RowsUsed(fr) - 1, t - R), jBase = fr * R;
                for (int r = lo; r <= hi; r++) buffer[n++] = FilterAddress(jBase + r, t - r - R);
                break;
            }
        }
        return n;
    }

    /// <summary>Local rows [first, last] of a fold in which IFMAP slots are demanded (some may be -1 past the IFMAP's edge).</summary>
    public (int First, int Last) IfmapRows(int fr, int fc) => Dataflow switch
    {
        Dataflow.OutputStationary => (0, T + RowsUsed(fr) - 2),
        Dataflow.WeightStationary => (R, R + T + RowsUsed(fr) - 2),
        _ => (R - RowsUsed(fr), R - 1),
    };

    /// <summary>The IFMAP block a fold reads: folds with the same block read the same addresses in the same order.</summary>
    public int IfmapBlock(int fr, int fc) => Dataflow == Dataflow.InputStationary ? fc * RowFolds + fr : fr;

    public int IfmapBlocks => Dataflow == Dataflow.InputStationary ? ColFolds * RowFolds : RowFolds;

    /// <summary>Number of filter addresses demanded in row t of a fold (they are never -1).</summary>
    public int FilterCount(int fr, int fc, int t)
    {
        switch (Dataflow)
        {
            case Dataflow.OutputStationary:
                return Math.Max(0, Math.Min(ColsUsed(fc) - 1, t) - Math.Max(0, t - T + 1) + 1);
            case Dataflow.WeightStationary:
                return t < R && R - 1 - t < RowsUsed(fr) ? ColsUsed(fc) : 0;
            default:
                return Math.Max(0, Math.Min(RowsUsed(fr) - 1, t - R) - Math.Max(0, t - R - T + 1) + 1);
        }
    }

    /// <summary>The filter block a fold reads: folds with the same block read the same addresses in the same order.</summary>
    public int FilterBlock(int fr, int fc) => Dataflow switch
    {
        Dataflow.OutputStationary => fc,
        Dataflow.WeightStationary => fc * RowFolds + fr,
        _ => fr,
    };

    public int FilterBlocks => Dataflow switch
    {
        Dataflow.OutputStationary => ColFolds,
        Dataflow.WeightStationary => ColFolds * RowFolds,
        _ => RowFolds,
    };

    /// <summary>Filter addresses one fold reads.</summary>
    public long FilterFoldCount(int fr, int fc) => Dataflow switch
    {
        Dataflow.OutputStationary => (long)T * ColsUsed(fc),
        Dataflow.WeightStationary => (long)RowsUsed(fr) * ColsUsed(fc),
        _ => (long)T * RowsUsed(fr),
    };

    /// <summary>Local rows [first, last] of a fold in which the filter is demanded.</summary>
    public (int First, int Last) FilterRows(int fr, int fc) => Dataflow switch
    {
        Dataflow.OutputStationary => (0, T + ColsUsed(fc) - 2),
        Dataflow.WeightStationary => (R - RowsUsed(fr), R - 1),
        _ => (R, R + T + RowsUsed(fr) - 2),
    };

    /// <summary>OFMAP writes in row t of fold (fr, fc).</summary>
    public int OfmapCount(int fr, int fc, int t)
    {
        int lo, hi;
        if (Dataflow == Dataflow.OutputStationary)
        {
            lo = t - (T - 1) - (R - 1);
            hi = t - (T - 1) - (R - RowsUsed(fr));
        }
        else
        {
            lo = t - (2 * R - 1) - (T - 1);
            hi = t - (2 * R - 1);
        }
        return Math.Max(0, Math.Min(hi, ColsUsed(fc) - 1) - Math.Max(lo, 0) + 1);
    }

    /// <summary>Local rows [first, last] of a fold in which the OFMAP is written.</summary>
    public (int First, int Last) OfmapRows(int fr, int fc)
        => Dataflow == Dataflow.OutputStationary
            ? (T - 1 + R - RowsUsed(fr), T - 1 + R - 1 + ColsUsed(fc) - 1)
            : (2 * R - 1, 2 * R - 1 + T - 1 + ColsUsed(fc) - 1);

    /// <summary>SRAM accesses SCALE-Sim counts for one fold: IFMAP reads, filter reads, OFMAP writes.</summary>
    public (long Ifmap, long Filter, long Ofmap) SramCounts(int fr, int fc)
    {
        long ru = RowsUsed(fr), cu = ColsUsed(fc);
        return Dataflow switch
        {
            // SCALE-Sim's output-stationary model also adds the flipped fold's height and width to the OFMAP writes.
            Dataflow.OutputStationary => (T * ru, T * cu, ru * cu + R + C),
            Dataflow.WeightStationary => (T * ru, ru * cu, T * cu),
            _ => (ru * cu, T * ru, T * cu),
        };
    }

    /// <summary>Fold cycles SCALE-Sim uses in the compute utilisation.</summary>
    public long FoldComputeCycles => Dataflow == Dataflow.OutputStationary ? T + R + C - 2L : 2L * R + 2L * C + T - 3;
}
