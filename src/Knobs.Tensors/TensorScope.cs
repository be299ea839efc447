using System;
using System.Collections.Generic;

namespace Knobs.Tensors;

/// <summary>
/// Returns to the buffer pool every tensor created on this thread while the scope is open, when it is disposed —
/// the way to run a benchmark loop without an allocation storm:
/// <code>
/// using (new TensorScope()) { Tensor y = net.Run(x); Use(y); }   // every intermediate (and y) goes back to the pool
/// </code>
/// A tensor that must outlive the scope is passed to <see cref="Keep"/>. Scopes nest; a tensor belongs to the
/// innermost one. Create weights and inputs outside any scope (or keep them).
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _innermost;

    private readonly List<Tensor> _owned = new();
    private readonly TensorScope? _outer;
    private bool _disposed;

    /// <summary>Opens a scope on the calling thread.</summary>
    public TensorScope()
    {
        _outer = _innermost;
        _innermost = this;
    }

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => _owned.Count;

    /// <summary>Removes <paramref name="tensor"/> from this scope so it survives (it moves to the enclosing scope, if any).</summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (_owned.Remove(tensor)) _outer?._owned.Add(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor still owned and closes the scope.</summary>
    /// <exception cref="InvalidOperationException">An inner scope is still open (scopes must close in reverse order).</exception>
    public void Dispose()
    {
        if (_disposed) return;
        if (_innermost != this)
        {
            throw new InvalidOperationException("TensorScope: an inner scope is still open on this thread; dispose scopes in reverse order.");
        }
        _disposed = true;
        _innermost = _outer;
        // Deferred results first, newest first: disposing one that nothing reads computes nothing, while disposing a
        // tensor that a deferred result still reads computes that result first (its values are about to go).
        for (int i = _owned.Count - 1; i >= 0; i--)
            if (_owned[i].IsDeferred) _owned[i].Dispose();
        foreach (Tensor t in _owned) t.Dispose();
        _owned.Clear();
    }

    internal static void Track(Tensor tensor) => _innermost?._owned.Add(tensor);

    /// <summary>True when a scope is open on this thread (its tensors are disposed together, so ops may defer work to their first read).</summary>
    internal static bool IsOpen => _innermost is not null;
}
