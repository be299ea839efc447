using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

// Deferred convolutions (epilogue fusion). Inside a TensorScope an exact fp32 convolution returns a tensor whose values
// are computed when first read; an Add of a per-channel bias, an Add of a same-shape tensor (a residual) and a Relu
// applied to such a tensor return a new deferred tensor with that step added to the convolution's epilogue, so
// conv → bias → residual → relu is one pass over the output instead of four (what onnxruntime and PyTorch's frozen
// graphs do). The result is bit for bit the separate ops' (ConvEpilogue applies the same operations in the same order).
// Values a deferred tensor reads are never lost: a tensor that is changed through a span or disposed first computes
// every deferred tensor that reads it (its "readers").
public sealed partial class Tensor
{
    private static readonly object ReadersGate = new();
    private DeferredConv? _deferred;
    private List<Tensor>? _readers;

    /// <summary>Not null while this tensor's values are a convolution (with an epilogue) not computed yet.</summary>
    internal DeferredConv? Deferred => _deferred;

    /// <summary>
    /// True while this tensor's values are not computed yet: a convolution (with the bias, residual and ReLU fused into
    /// it) deferred to its first read, inside a <see cref="TensorScope"/> (see <see cref="Ops.FuseEpilogues"/>). Reading
    /// the values in any way computes them.
    /// </summary>
    public bool IsDeferred => _deferred is not null;

    private Tensor(int[] shape, DeferredConv deferred)
    {
        _shape = shape;
        Length = ElementCount(shape);
        DType = DType.Float32;
        Storage = deferred.Backend.Storage;
        _deferred = deferred;
        lock (ReadersGate)
        {
            foreach (Tensor source in deferred.Sources) (source._readers ??= new List<Tensor>(2)).Add(this);
        }
        TensorScope.Track(this);
    }

    /// <summary>A Float32 tensor of <paramref name="shape"/> whose values <paramref name="deferred"/> computes on first read.</summary>
    internal static Tensor Defer(int[] shape, DeferredConv deferred) => new(shape, deferred);

    /// <summary>A deferred tensor of <paramref name="like"/>'s shape (the shape array is shared: it never changes).</summary>
    internal static Tensor Defer(Tensor like, DeferredConv deferred) => new(like._shape, deferred);

    private void Materialize()
    {
        DeferredConv? d = _deferred;
        if (d is null) return;
        // The backend's lock first, then this tensor's: every materialization takes them in that order.
        using BackendLease lease = BackendLease.Acquire(d.Backend);
        lock (d)
        {
            if (_deferred is null) return;
            float[] values = ArrayPool<float>.Shared.Rent(Math.Max(Length, 1));
            try
            {
                // Read like any operand: one in another storage domain is copied into the backend's (a transition).
                using Operand bias = d.Bias is { } b ? Operand.Read(b, half: false, d.Backend, weight: true) : default;
                using Operand residual = d.Residual is { } r ? Operand.Read(r, half: false, d.Backend) : default;
                Ops.Compute(d.Backend, d.Shape, ConvApproxParams.Exact, d.X, d.W, half: false, values.AsSpan(0, Length),
                    new ConvEpilogue(bias.Span, residual.Span, d.Relu));
            }
            catch
            {
                ArrayPool<float>.Shared.Return(values);
                throw;
            }
            _f32 = values;
            _deferred = null;
            StopReading(d);
        }
    }

    // This tensor no longer needs d's sources.
    private void StopReading(DeferredConv d)
    {
        lock (ReadersGate)
        {
            foreach (Tensor source in d.Sources) source._readers?.Remove(this);
        }
    }

    // Before this tensor's values change or go back to the pool: compute every deferred tensor that reads them.
    private void ComputeReaders()
    {
        if (Volatile.Read(ref _readers) is not { Count: > 0 }) return; // the common case, without the lock
        Tensor[] readers;
        lock (ReadersGate)
        {
            if (_readers is not { Count: > 0 }) return;
            readers = _readers.ToArray();
        }
        foreach (Tensor reader in readers) reader.Materialize();
    }

    // Dispose of a deferred tensor: nothing is computed; it stops holding its sources.
    private void DropDeferred()
    {
        if (Interlocked.Exchange(ref _deferred, null) is { } d) StopReading(d);
    }
}

/// <summary>
/// A convolution not computed yet: exact, ungrouped, fp32, on the backend current when it was called, with the
/// epilogue steps added since (see <see cref="ConvEpilogue"/>). Immutable: each added step makes a new one.
/// </summary>
internal sealed class DeferredConv
{
    public DeferredConv(IBackend backend, Tensor x, Tensor w, in ConvShape shape)
    {
        Backend = backend;
        X = x;
        W = w;
        Shape = shape;
    }

    private DeferredConv(DeferredConv from, Tensor? bias, Tensor? residual, bool relu) : this(from.Backend, from.X, from.W, from.Shape)
    {
        Bias = bias;
        Residual = residual;
        Relu = relu;
    }

    public IBackend Backend { get; }
    public Tensor X { get; }
    public Tensor W { get; }
    public ConvShape Shape { get; }
    public Tensor? Bias { get; }
    public Tensor? Residual { get; }
    public bool Relu { get; }

    /// <summary>The steps come in epilogue order: bias, residual, relu.</summary>
    public bool CanTakeBias => Bias is null && Residual is null && !Relu;
    public bool CanTakeResidual => Residual is null && !Relu;
    public bool CanTakeRelu => !Relu;

    public DeferredConv WithBias(Tensor bias) => new(this, bias, null, false);
    public DeferredConv WithResidual(Tensor residual) => new(this, Bias, residual, false);
    public DeferredConv WithRelu() => new(this, Bias, Residual, true);

    /// <summary>The tensors whose values the computation reads, each once.</summary>
    public Tensor[] Sources => _sources ??= DistinctSources();

    private Tensor[]? _sources;

    private Tensor[] DistinctSources()
    {
        var sources = new Tensor[1 + (W != X ? 1 : 0) + (Bias is null ? 0 : 1) + (Residual is null ? 0 : 1)];
        int n = 0;
        foreach (Tensor? t in (ReadOnlySpan<Tensor?>)[X, W, Bias, Residual])
            if (t is not null && Array.IndexOf(sources, t, 0, n) < 0) sources[n++] = t;
        return n == sources.Length ? sources : sources[..n];
    }
}
