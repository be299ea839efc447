using System;
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Spreads a perforated convolution's compact planes (kept rows × kept columns) into full output planes and fills
/// each skipped line exactly as <see cref="Knobs.Tensors.Backends.Perforation.FillSkipped"/> does: the last line
/// copies the one before it, line 0 copies line 1, any other skipped line is the mean of its neighbours (all of which
/// are computed lines, as the rate is at least 2). Every output line is therefore one compact line or the mean of two.
/// </summary>
internal sealed unsafe class PerforationExpand
{
    private readonly int _outH, _outW;
    private readonly bool _rows;
    private readonly int[] _srcA, _srcB;   // per output line: compact line(s); _srcB < 0 means a copy
    private readonly int _keptRows, _keptCols;
    private readonly Vector512<int>[] _permA = [], _permB = [];
    private readonly ushort[] _meanMask = [];
    // AVX2: per 8-wide output piece, the compact column its 16-float window starts at, the lanes' indexes into that
    // window (first and second source) and the lanes that are a mean. Empty when a piece's sources do not fit a window.
    private readonly int[] _window = [];
    private readonly Vector256<int>[] _idxA = [], _idxB = [];
    private readonly Vector256<float>[] _mean8 = [];

    public PerforationExpand(int outH, int outW, bool rows, int rate, int offset, int[] keptRows, int[] keptCols)
    {
        _outH = outH; _outW = outW; _rows = rows;
        _keptRows = keptRows.Length; _keptCols = keptCols.Length;
        int lines = rows ? outH : outW;
        int[] kept = rows ? keptRows : keptCols;
        int[] position = new int[lines];
        Array.Fill(position, -1);
        for (int i = 0; i < kept.Length; i++) position[kept[i]] = i;
        _srcA = new int[lines];
        _srcB = new int[lines];
        for (int t = 0; t < lines; t++)
        {
            _srcB[t] = -1;
            if (position[t] >= 0) _srcA[t] = position[t];
            else if (t == lines - 1) _srcA[t] = position[t - 1];
            else if (t == 0) _srcA[t] = position[1];
            else { _srcA[t] = position[t - 1]; _srcB[t] = position[t + 1]; }
        }
        // A row of at most 32 kept columns sits in two zmm registers (lanes 0–31): the AVX-512 expansion below.
        if (!rows && outW <= 32 && keptCols.Length <= 32)
        {
            int pieces = (outW + 15) / 16;
            _permA = new Vector512<int>[pieces];
            _permB = new Vector512<int>[pieces];
            _meanMask = new ushort[pieces];
            for (int piece = 0; piece < pieces; piece++)
            {
                int[] pa = new int[16], pb = new int[16];
                int mask = 0;
                for (int l = 0; l < 16; l++)
                {
                    int t = Math.Min(piece * 16 + l, outW - 1);
                    pa[l] = _srcA[t];
                    pb[l] = _srcB[t] < 0 ? _srcA[t] : _srcB[t];
                    if (_srcB[t] >= 0) mask |= 1 << l;
                }
                _permA[piece] = Vector512.Create(pa);
                _permB[piece] = Vector512.Create(pb);
                _meanMask[piece] = (ushort)mask;
            }
        }
        if (!rows && outW >= 8) (_window, _idxA, _idxB, _mean8) = Avx2Pieces(outW, _srcA, _srcB);
    }

    // Full 8-wide pieces of an output row (the last one ends at the row's end, overlapping the one before when the
    // width is not a multiple of 8): each output column is one or two compact columns, and the 8 columns of a piece
    // draw on at most 9 consecutive compact columns, so a 16-float window from the smallest holds them all.
    private static (int[], Vector256<int>[], Vector256<int>[], Vector256<float>[]) Avx2Pieces(int outW, int[] srcA, int[] srcB)
    {
        int pieces = (outW + 7) / 8;
        var window = new int[pieces];
        var idxA = new Vector256<int>[pieces];
        var idxB = new Vector256<int>[pieces];
        var mean = new Vector256<float>[pieces];
        for (int piece = 0; piece < pieces; piece++)
        {
            int start = Math.Min(piece * 8, outW - 8);
            int lo = int.MaxValue, hi = int.MinValue;
            for (int t = start; t < start + 8; t++)
            {
                int b = srcB[t] < 0 ? srcA[t] : srcB[t];
                lo = Math.Min(lo, Math.Min(srcA[t], b));
                hi = Math.Max(hi, Math.Max(srcA[t], b));
            }
            if (hi - lo >= 16) return ([], [], [], []);
            int[] a = new int[8], bb = new int[8];
            float[] m = new float[8];
            for (int l = 0; l < 8; l++)
            {
                int t = start + l;
                a[l] = srcA[t] - lo;
                bb[l] = (srcB[t] < 0 ? srcA[t] : srcB[t]) - lo;
                m[l] = srcB[t] < 0 ? 0f : BitConverter.Int32BitsToSingle(-1);
            }
            window[piece] = lo;
            idxA[piece] = Vector256.Create(a);
            idxB[piece] = Vector256.Create(bb);
            mean[piece] = Vector256.Create(m);
        }
        return (window, idxA, idxB, mean);
    }

    /// <summary>Compact elements the expansion may read past a plane's end (vector loads): keep this much slack.</summary>
    public const int Slack = 32;

    /// <summary>Expands planes [plane0, plane1) of <paramref name="compact"/> into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(float* compact, float* output, int plane0, int plane1, CpuIsa isa)
    {
        int cPlane = _keptRows * _keptCols, oPlane = _outH * _outW;
        for (int p = plane0; p < plane1; p++)
        {
            float* c = compact + (long)p * cPlane, o = output + (long)p * oPlane;
            if (_rows) ExpandRows(c, o);
            else if (isa == CpuIsa.Avx512 && _permA.Length > 0) ExpandColumnsAvx512(c, o);
            else if (isa != CpuIsa.Scalar && _window.Length > 0) ExpandColumnsAvx2(c, o);
            else ExpandColumns(c, o);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandRows(float* c, float* o)
    {
        int w = _outW;
        for (int t = 0; t < _outH; t++)
        {
            float* dst = o + t * w, a = c + _srcA[t] * w;
            if (_srcB[t] < 0) { Buffer.MemoryCopy(a, dst, w * sizeof(float), w * sizeof(float)); continue; }
            float* b = c + _srcB[t] * w;
            int j = 0;
            for (; j + Vector256<float>.Count <= w; j += Vector256<float>.Count)
                ((Vector256.Load(a + j) + Vector256.Load(b + j)) / Vector256.Create(2f)).Store(dst + j);
            for (; j < w; j++) dst[j] = (a[j] + b[j]) / 2f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandColumns(float* c, float* o)
    {
        for (int r = 0; r < _outH; r++)
        {
            float* dst = o + r * _outW;
            for (int t = 0; t < _outW; t++)
            {
                int a = _srcA[t], b = _srcB[t];
                float va = c[r * _keptCols + a];
                dst[t] = b < 0 ? va : (va + c[r * _keptCols + b]) / 2f;
            }
        }
    }

    // Each 8-wide output piece: its 16-float window of the compact row (two ymm), two permutes per source picking the
    // lanes' columns, and the mean where a lane has two sources. A window may read up to 15 floats past the row (the
    // next row, or the compact buffer's slack after the last plane); those lanes are never selected.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandColumnsAvx2(float* c, float* o)
    {
        Vector256<float> half = Vector256.Create(0.5f);
        int pieces = _window.Length;
        for (int r = 0; r < _outH; r++)
        {
            float* row = c + r * _keptCols, dst = o + r * _outW;
            for (int piece = 0; piece < pieces; piece++)
            {
                float* w = row + _window[piece];
                Vector256<int> ia = _idxA[piece], ib = _idxB[piece];
                Vector256<float> va = WindowPermute.Pick(w, ia, WindowPermute.High(ia)), vb = WindowPermute.Pick(w, ib, WindowPermute.High(ib));
                Vector256.ConditionalSelect(_mean8[piece], (va + vb) * half, va).Store(dst + Math.Min(piece * 8, _outW - 8));
            }
        }
    }

    // A row of at most 32 kept columns sits in two zmm; each 16-wide output piece is two permutes and a masked mean.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandColumnsAvx512(float* c, float* o)
    {
        Vector512<float> half = Vector512.Create(0.5f);
        if (_outW == 32)
        {
            // Two full pieces (32-wide planes): the permutes and masks stay in registers across rows.
            Vector512<int> a0 = _permA[0], b0 = _permB[0], a1 = _permA[1], b1 = _permB[1];
            Vector512<float> m0 = MaskOf(_meanMask[0]), m1 = MaskOf(_meanMask[1]);
            for (int r = 0; r < _outH; r++)
            {
                float* dst = o + r * 32;
                Vector512<float> lo = Vector512.Load(c + r * _keptCols), hi = Vector512.Load(c + r * _keptCols + 16);
                Vector512<float> va = Avx512F.PermuteVar16x32x2(lo, a0, hi), vb = Avx512F.PermuteVar16x32x2(lo, b0, hi);
                Vector512.ConditionalSelect(m0, (va + vb) * half, va).Store(dst);
                va = Avx512F.PermuteVar16x32x2(lo, a1, hi);
                vb = Avx512F.PermuteVar16x32x2(lo, b1, hi);
                Vector512.ConditionalSelect(m1, (va + vb) * half, va).Store(dst + 16);
            }
            return;
        }
        for (int r = 0; r < _outH; r++)
        {
            float* dst = o + r * _outW;
            Vector512<float> lo = Vector512.Load(c + r * _keptCols), hi = Vector512.Load(c + r * _keptCols + 16);
            for (int piece = 0; piece < _permA.Length; piece++)
            {
                Vector512<float> va = Avx512F.PermuteVar16x32x2(lo, _permA[piece], hi);
                Vector512<float> vb = Avx512F.PermuteVar16x32x2(lo, _permB[piece], hi);
                Vector512<float> mean = (va + vb) * half;
                Vector512<float> mask = MaskOf(_meanMask[piece]);
                Vector512<float> v = Vector512.ConditionalSelect(mask, mean, va);
                int count = Math.Min(16, _outW - piece * 16);
                if (count == 16) v.Store(dst + piece * 16);
                else for (int l = 0; l < count; l++) dst[piece * 16 + l] = v.GetElement(l);
            }
        }
    }

    private static Vector512<float> MaskOf(ushort bits)
    {
        Vector512<int> lanes = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
        return Vector512.Equals(lanes & Vector512.Create((int)bits), lanes).AsSingle();
    }
}
