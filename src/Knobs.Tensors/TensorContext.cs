using System;
using System.Threading;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// The context ops run in: the backend that computes (and the memory it computes in), whether convolutions fuse their
/// epilogues, and the profiling session hooks write into. Immutable; <see cref="Enter"/> makes one current for the
/// calling async flow (it follows awaits and tasks started inside), until the returned scope is disposed:
/// <code>
/// using (TensorContext.Enter(TensorContext.Current.WithBackend(gpu))) { Tensor y = net.Run(x); }
/// </code>
/// Every op reads <see cref="Current"/> once and uses only what it gives.
/// </summary>
public sealed class TensorContext
{
    // The entered context of this async flow; its change handler mirrors it into t_current, which Current reads
    // (a thread-static read costs about a nanosecond, an AsyncLocal read several times that).
    private static readonly AsyncLocal<TensorContext?> Entered = new(static args => t_current = args.CurrentValue);
    [ThreadStatic] private static TensorContext? t_current;
    // This thread's fusion setting while no context is entered (what Ops.FuseEpilogues sets there).
    [ThreadStatic] private static bool t_separate;
    // The default contexts over the process-wide backend (fused and not), replaced together when it changes.
    private static Defaults? s_defaults;
    private static readonly object DefaultsGate = new();

    /// <summary>A context over <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend ops compute on.</param>
    /// <param name="fuseEpilogues">Whether convolutions may fuse the ops that follow them (see <see cref="Ops.FuseEpilogues"/>).</param>
    /// <param name="session">The profiling session hooks record into; Tensors never looks at it.</param>
    public TensorContext(IBackend backend, bool fuseEpilogues = true, object? session = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Backend = backend;
        Timer = backend.Timer ?? throw new ArgumentException($"Backend '{backend.Name}' has no timer.", nameof(backend));
        StorageDomain = backend.Storage ?? throw new ArgumentException($"Backend '{backend.Name}' has no storage domain.", nameof(backend));
        FuseEpilogues = fuseEpilogues;
        Defers = fuseEpilogues && backend.Capabilities.FusedEpilogues;
        Session = session;
    }

    /// <summary>The backend ops compute on.</summary>
    public IBackend Backend { get; }

    /// <summary>The backend's <see cref="IBackend.Timer"/>, read once when this context was made.</summary>
    public OpTimer Timer { get; }

    /// <summary>
    /// Whether convolutions may fuse the bias, residual and ReLU that follow them. They do only where the backend
    /// also can (<see cref="BackendCapabilities.FusedEpilogues"/>) and inside a <see cref="TensorScope"/>.
    /// </summary>
    public bool FuseEpilogues { get; }

    /// <summary>The profiling session hooks write into, or null; Tensors never interprets it.</summary>
    public object? Session { get; }

    /// <summary>The backend's storage domain, read once when this context was made.</summary>
    internal StorageDomain StorageDomain { get; }

    /// <summary>Fusion asked for and the backend able to do it.</summary>
    internal bool Defers { get; }

    /// <summary>This context with another backend (same fusion and session).</summary>
    public TensorContext WithBackend(IBackend backend) => new(backend, FuseEpilogues, Session);

    /// <summary>This context with another session (same backend and fusion).</summary>
    public TensorContext WithSession(object? session) => ReferenceEquals(session, Session) ? this : new(Backend, FuseEpilogues, session);

    /// <summary>This context with fusion on or off (same backend and session).</summary>
    public TensorContext WithFusion(bool fuseEpilogues) => fuseEpilogues == FuseEpilogues ? this : new(Backend, fuseEpilogues, Session);

    /// <summary>
    /// The innermost context entered on this async flow; with none, a default one over the process-wide backend (see
    /// <see cref="Backends.Backend.Current"/>), fused unless <see cref="Ops.FuseEpilogues"/> was turned off on this thread,
    /// with no session. Cheap (two thread-static reads) and allocation-free.
    /// </summary>
    public static TensorContext Current => t_current ?? Default(!t_separate);

    /// <summary>
    /// Makes <paramref name="context"/> current on this async flow until the returned scope is disposed, which restores
    /// the one before it. Dispose scopes in reverse order of entering.
    /// </summary>
    public static Scope Enter(TensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TensorContext? previous = Entered.Value;
        Entered.Value = context;
        return new Scope(previous);
    }

    /// <summary>Restores the context that was current before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TensorContext? _previous;
        private readonly bool _entered;

        internal Scope(TensorContext? previous)
        {
            _previous = previous;
            _entered = true;
        }

        /// <summary>Restores the previous context (nothing for a default-constructed scope).</summary>
        public void Dispose()
        {
            if (_entered) Entered.Value = _previous;
        }
    }

    /// <summary>The storage a tensor made by user code lives in: the current backend's, or the host's while none is chosen yet.</summary>
    internal static StorageDomain StorageForNewTensors =>
        t_current?.StorageDomain ?? Volatile.Read(ref s_defaults)?.Fused.StorageDomain ?? StorageDomain.Host;

    /// <summary>
    /// What <see cref="Ops.FuseEpilogues"/> sets: the entered context of this flow is replaced by a copy with that
    /// fusion (until its scope ends), or, with none entered, this thread's default changes.
    /// </summary>
    internal static void SetFusion(bool fuse)
    {
        TensorContext? entered = t_current;
        if (entered is null) t_separate = !fuse;
        else if (entered.FuseEpilogues != fuse) Entered.Value = entered.WithFusion(fuse);
    }

    /// <summary>The current context with <paramref name="backend"/>, without creating the process-wide backend.</summary>
    internal static TensorContext CurrentWith(IBackend backend) =>
        t_current is { } entered ? entered.WithBackend(backend) : new TensorContext(backend, !t_separate);

    /// <summary><see cref="Current"/>'s fusion setting, without creating the process-wide backend.</summary>
    internal static bool CurrentFuses => t_current?.FuseEpilogues ?? !t_separate;

    /// <summary>The process-wide backend (created from <c>KNOBS_BACKEND</c> on first use).</summary>
    internal static IBackend ProcessBackend => Default(fuse: true).Backend;

    /// <summary>Replaces the process-wide backend.</summary>
    internal static void SetProcessBackend(IBackend backend)
    {
        var defaults = new Defaults(backend);
        lock (DefaultsGate) Volatile.Write(ref s_defaults, defaults);
    }

    private static TensorContext Default(bool fuse)
    {
        Defaults d = Volatile.Read(ref s_defaults) ?? CreateDefaults();
        return fuse ? d.Fused : d.Separate;
    }

    private static Defaults CreateDefaults()
    {
        lock (DefaultsGate)
        {
            if (s_defaults is { } existing) return existing;
            var created = new Defaults(Backends.Backend.CreateFromEnvironment());
            Volatile.Write(ref s_defaults, created);
            return created;
        }
    }

    private sealed class Defaults(IBackend backend)
    {
        public TensorContext Fused { get; } = new(backend, fuseEpilogues: true);
        public TensorContext Separate { get; } = new(backend, fuseEpilogues: false);
    }
}
