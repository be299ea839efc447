using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// Thrown when an op reaches a backend that has no kernel for it. Backends never fall back to another backend's
/// kernels behind the caller's back: a missing kernel is an error that names the op and the backend.
/// </summary>
public sealed class MissingKernelException : InvalidOperationException
{
    /// <summary>The exception for <paramref name="op"/> (an <see cref="IBackend"/> kernel name) on <paramref name="backend"/>.</summary>
    public MissingKernelException(string backend, string op)
        : base($"Tensor backend '{backend}' has no kernel for op '{op}'; implement {nameof(IBackend)}.{op} in that backend " +
               $"(override {nameof(BackendBase)}.{op}), or run this op on a backend that has it (e.g. enter a {nameof(TensorContext)} " +
               $"over Backend.Create(\"Cpu\") or Backend.Create(\"Reference\")).")
    {
        Backend = backend;
        Op = op;
    }

    /// <summary>The backend's <see cref="IBackend.Name"/>.</summary>
    public string Backend { get; }

    /// <summary>The kernel that is missing, e.g. <c>Softmax</c>.</summary>
    public string Op { get; }
}
