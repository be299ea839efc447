using System;
using System.Collections.Generic;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// What one op call computes, from its arguments: the features a latency predictor or a device model needs
/// (docs/tensors.md, "Op features"). Counting rules:
/// <list type="bullet">
/// <item>convolution: <c>2·N·K·OutH·OutW·(C/groups)·KH·KW</c> nominal FLOPs (one multiply-add = 2); effective FLOPs count
/// only the output points perforation computes and the filter taps sampling keeps (padding taps included, as the
/// multiply-adds a direct convolution performs);</item>
/// <item>GEMM [M, K]×[K, N]: <c>2·M·K·N</c>;</item>
/// <item>add, ReLU, clipped ReLU, tanh: one per output element; batch norm: two (a multiply-add with folded scale and
/// shift); softmax: three (exponent, sum, divide); pooling: one per window element per output point;</item>
/// <item>bytes: every tensor operand read once and the output written once, at the op's precision (4 bytes fp32,
/// 2 bytes fp16).</item>
/// </list>
/// </summary>
public sealed class OpFeatures
{
    /// <summary>Creates a feature record.</summary>
    public OpFeatures(string op, string precision, IReadOnlyList<int[]> inputs, int[] output, int[]? window, int[]? stride,
        int[]? padding, int groups, int[]? approximation, long nominalFlops, long effectiveFlops, long bytesRead, long bytesWritten)
    {
        Op = op;
        Precision = precision;
        Inputs = inputs;
        Output = output;
        Window = window;
        Stride = stride;
        Padding = padding;
        Groups = groups;
        Approximation = approximation;
        NominalFlops = nominalFlops;
        EffectiveFlops = effectiveFlops;
        BytesRead = bytesRead;
        BytesWritten = bytesWritten;
    }

    /// <summary>The op method (<c>Convolution</c>, <c>ConvApprox</c>, <c>HalfAdd</c>, …).</summary>
    public string Op { get; }
    /// <summary><c>fp32</c> or <c>fp16</c>: the precision the op computes at.</summary>
    public string Precision { get; }
    /// <summary>Shapes of the tensor operands in argument order (for a convolution: input, then filter).</summary>
    public IReadOnlyList<int[]> Inputs { get; }
    /// <summary>Output shape.</summary>
    public int[] Output { get; }
    /// <summary>Kernel window [KH, KW] of a convolution or pooling; null otherwise.</summary>
    public int[]? Window { get; }
    /// <summary>Stride [H, W]; null for ops without one.</summary>
    public int[]? Stride { get; }
    /// <summary>Zero padding [H, W]; null for ops without one.</summary>
    public int[]? Padding { get; }
    /// <summary>Convolution groups (1 for a plain convolution; 0 for ops without groups).</summary>
    public int Groups { get; }
    /// <summary>A convolution's approximation parameters [row, col, skip, offset]; null for an exact op.</summary>
    public int[]? Approximation { get; }
    /// <summary>FLOPs of the exact op.</summary>
    public long NominalFlops { get; }
    /// <summary>FLOPs the call really performs under its approximation (equal to <see cref="NominalFlops"/> when exact).</summary>
    public long EffectiveFlops { get; }
    /// <summary>Bytes of the tensor operands read.</summary>
    public long BytesRead { get; }
    /// <summary>Bytes of the output written.</summary>
    public long BytesWritten { get; }

    internal static OpFeatures Convolution(string op, in ConvShape s, in ConvApproxParams a, bool half)
    {
        long taps = (long)s.CPerGroup * s.KH * s.KW;
        long nominal = 2L * s.N * s.K * s.OutH * s.OutW * taps;
        long rows = s.OutH, cols = s.OutW, kept = taps;
        switch (a.Mode)
        {
            case ConvApproxMode.RowPerforation: rows = Perforation.ComputedCount(s.OutH, a.Row, a.Offset); break;
            case ConvApproxMode.ColumnPerforation: cols = Perforation.ComputedCount(s.OutW, a.Col, a.Offset); break;
            case ConvApproxMode.FilterSampling: kept = KeptTaps(s, a); break;
        }
        long effective = 2L * s.N * s.K * rows * cols * kept;
        int size = half ? 2 : 4;
        return new OpFeatures(op, PrecisionWord(half),
            new[] { new[] { s.N, s.C, s.H, s.W }, new[] { s.K, s.CPerGroup, s.KH, s.KW } }, new[] { s.N, s.K, s.OutH, s.OutW },
            new[] { s.KH, s.KW }, new[] { s.StrideH, s.StrideW }, new[] { s.PadH, s.PadW }, s.Groups,
            a.Mode == ConvApproxMode.Exact ? null : new[] { a.Row, a.Col, a.SkipEvery, a.Offset },
            nominal, effective, size * (s.InputLength + s.FilterLength), size * s.OutputLength);
    }

    // The weights one filter keeps under sampling (the same for every filter: the rule depends on the flat index only).
    private static long KeptTaps(in ConvShape s, in ConvApproxParams a)
    {
        int khkw = s.KH * s.KW, total = s.CPerGroup * khkw;
        long kept = 0;
        for (int idx = 0; idx < total; idx++) if (!FilterSampling.IsSkipped(idx, khkw, a.SkipEvery, a.Offset)) kept++;
        return kept;
    }

    internal static OpFeatures Gemm(string op, int m, int k, int n, int[] x, int[] w, bool half)
    {
        long flops = 2L * m * k * n;
        int size = half ? 2 : 4;
        return new OpFeatures(op, PrecisionWord(half), new[] { x, w }, new[] { m, n, 1, 1 }, null, null, null, 0, null,
            flops, flops, size * ((long)m * k + (long)k * n), size * (long)m * n);
    }

    /// <summary>
    /// The features of an element-wise op: <paramref name="flopsPerElement"/> operations per output element, every operand
    /// read once and the output written once. Your own <c>[TensorOp]</c> method can record them with
    /// <see cref="OpFeatureLog.Record"/> so that predictors and accelerator models see its shapes.
    /// </summary>
    public static OpFeatures Elementwise(string op, bool half, int flopsPerElement, int[] output, params Tensor[] operands)
    {
        long elements = Elements(output);
        long read = 0;
        var inputs = new int[operands.Length][];
        for (int i = 0; i < operands.Length; i++)
        {
            inputs[i] = operands[i].Shape;
            read += operands[i].Length;
        }
        int size = half ? 2 : 4;
        long flops = flopsPerElement * elements;
        return new OpFeatures(op, PrecisionWord(half), inputs, output, null, null, null, 0, null, flops, flops, size * read, size * elements);
    }

    internal static OpFeatures Pooling(string op, in PoolShape s, bool half)
    {
        long flops = (long)s.N * s.C * s.OutH * s.OutW * s.WinH * s.WinW;
        int size = half ? 2 : 4;
        return new OpFeatures(op, PrecisionWord(half), new[] { new[] { s.N, s.C, s.H, s.W } }, new[] { s.N, s.C, s.OutH, s.OutW },
            new[] { s.WinH, s.WinW }, new[] { s.StrideH, s.StrideW }, new[] { s.PadH, s.PadW }, 0, null,
            flops, flops, size * (long)s.N * s.C * s.H * s.W, size * (long)s.N * s.C * s.OutH * s.OutW);
    }

    private static long Elements(int[] shape)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    // The profile format's precision words (Knobs.KnobTables.KnobIdentity's Fp16Word and Fp32Word; this assembly does not reference Knobs.Core).
    private static string PrecisionWord(bool half) => half ? "fp16" : "fp32";
}

/// <summary>
/// Collects the <see cref="OpFeatures"/> of the op calls made on this thread while a recording is open: the runner opens
/// one for a single run of a variant and hands each op's features to its call site. With none open (always, outside
/// profiling) an op pays one thread-static read.
/// </summary>
public static class OpFeatureLog
{
    [ThreadStatic] private static Recording? t_recording;

    /// <summary>True while a recording is open on this thread.</summary>
    public static bool IsRecording => t_recording is not null;

    /// <summary>Opens a recording on this thread; dispose it to close.</summary>
    public static Recording Open() => t_recording = new Recording();

    internal static void Add(OpFeatures features) => t_recording?.Add(features);

    /// <summary>
    /// Records what a call of your own <c>[TensorOp]</c> method computes, for the profile and for models of devices that
    /// need shapes (a modelled accelerator). Call it first in the op (before any op it calls), so the call site gets these
    /// features and not an inner op's. Does nothing when no recording is open.
    /// </summary>
    public static void Record(OpFeatures features)
    {
        if (features is null) throw new ArgumentNullException(nameof(features));
        t_recording?.Add(features);
    }

    /// <summary>The features of the op calls of one recording.</summary>
    public sealed class Recording : IDisposable
    {
        private readonly List<OpFeatures> _recorded = new();
        private OpFeatures? _pending;

        internal Recording()
        {
        }

        /// <summary>Every op call's features since the recording opened, in call order.</summary>
        public IReadOnlyList<OpFeatures> Recorded => _recorded;

        // Nested op calls (an op built from others) record after their caller: the first record since the last take
        // is the outermost op of the call site.
        internal void Add(OpFeatures features)
        {
            _recorded.Add(features);
            _pending ??= features;
        }

        /// <summary>The features of the op called since the last take (null when none was), and forgets them.</summary>
        public OpFeatures? Take()
        {
            OpFeatures? f = _pending;
            _pending = null;
            return f;
        }

        /// <summary>Closes the recording.</summary>
        public void Dispose()
        {
            if (ReferenceEquals(t_recording, this)) t_recording = null;
        }
    }
}
