using System.Threading;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// Exclusive use of a backend (the current context's) for one op. Backends keep scratch memory and worker pools per
/// instance and need not be reentrant; the process-wide instance may still be called from several threads (parallel
/// test runners, user code), so ops serialize on it. Uncontended, this costs tens of nanoseconds and allocates nothing.
/// </summary>
internal readonly ref struct BackendLease
{
    private BackendLease(IBackend backend) => Backend = backend;

    public IBackend Backend { get; }

    public static BackendLease Acquire() => Acquire(TensorContext.Current.Backend);

    /// <summary>Exclusive use of <paramref name="backend"/> (a deferred result computes on the backend it was called on).</summary>
    public static BackendLease Acquire(IBackend backend)
    {
        Monitor.Enter(backend);
        return new BackendLease(backend);
    }

    public void Dispose() => Monitor.Exit(Backend);
}
