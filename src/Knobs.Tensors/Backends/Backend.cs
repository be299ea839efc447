using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Backends;

/// <summary>
/// Process-wide backend selection. <see cref="Current"/> starts as the backend named by the <c>KNOBS_BACKEND</c>
/// environment variable (case-insensitive), else <see cref="DefaultName"/>. Backends register by name; a new one plugs
/// in by one <see cref="Register"/> line in the static constructor.
/// </summary>
public static class Backend
{
    /// <summary>The environment variable that picks the backend at start-up.</summary>
    public const string EnvironmentVariable = "KNOBS_BACKEND";

    private static readonly object Gate = new();
    private static readonly SortedDictionary<string, Func<IBackend>> Factories = new(StringComparer.OrdinalIgnoreCase);

    static Backend()
    {
        Register("Reference", () => new ReferenceBackend());
        Register("Cpu", () => new Cpu.CpuBackend());
    }

    /// <summary>The backend used when <c>KNOBS_BACKEND</c> is unset: <c>Cpu</c> when registered, else <c>Reference</c>.</summary>
    public static string DefaultName => IsRegistered("Cpu") ? "Cpu" : "Reference";

    /// <summary>The registered backend names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Factories.Keys.ToArray(); }
    }

    /// <summary>
    /// The backend ops use here: the backend of <see cref="TensorContext.Current"/>, which is the process-wide one unless
    /// a context is entered on this flow. Setting it replaces the process-wide backend (all threads; an entered context
    /// keeps its own).
    /// </summary>
    public static IBackend Current
    {
        get => TensorContext.Current.Backend;
        set => TensorContext.SetProcessBackend(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Registers (or replaces) a backend factory under <paramref name="name"/>.</summary>
    public static void Register(string name, Func<IBackend> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate) Factories[name] = factory;
    }

    /// <summary>True when a backend of that name (case-insensitive) is registered.</summary>
    public static bool IsRegistered(string name)
    {
        lock (Gate) return Factories.ContainsKey(name);
    }

    /// <summary>A new instance of the backend named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No backend has that name; the message lists the valid ones.</exception>
    public static IBackend Create(string name)
    {
        Func<IBackend>? factory;
        lock (Gate) Factories.TryGetValue(name.Trim(), out factory);
        if (factory is null)
        {
            throw new ArgumentException(
                $"Unknown tensor backend '{name}'. Valid backends: {string.Join(", ", Names)} (set {EnvironmentVariable} to one of them).");
        }
        return factory();
    }

    /// <summary>
    /// Waits until the work <see cref="Current"/> has queued is done: a no-op on host backends, whose ops finish before
    /// they return; on a device backend (<see cref="IDeviceKernels"/>) what timing a whole run needs before reading the clock.
    /// </summary>
    public static void Synchronize()
    {
        if (Current is IDeviceKernels device) device.Synchronize();
    }

    /// <summary>Selects the backend by name (case-insensitive) and returns it.</summary>
    public static IBackend Use(string name) => Current = Create(name);

    /// <summary>
    /// Makes <paramref name="backend"/> current for the calling flow only, until the returned handle is disposed
    /// (tests and tools run backends side by side this way, without changing the process-wide <see cref="Current"/>):
    /// it enters <see cref="TensorContext.Current"/> with that backend (see <see cref="TensorContext.Enter"/>).
    /// </summary>
    public static IDisposable OnThisThread(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return TensorContext.Enter(TensorContext.CurrentWith(backend));
    }

    internal static IBackend CreateFromEnvironment() => CreateFor(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The backend a <c>KNOBS_BACKEND</c> value selects; a clear error naming the variable when it names none.</summary>
    internal static IBackend CreateFor(string? value)
    {
        string name = NameFor(value);
        if (!IsRegistered(name))
        {
            throw new ArgumentException(
                $"The environment variable {EnvironmentVariable} is '{value}', which names no tensor backend. Valid backends: " +
                $"{string.Join(", ", Names)} (case-insensitive); set {EnvironmentVariable} to one of them, or unset it for the default ({DefaultName}).");
        }
        return Create(name);
    }

    /// <summary>The backend name a <c>KNOBS_BACKEND</c> value selects: the default when unset or blank.</summary>
    internal static string NameFor(string? environmentValue) =>
        string.IsNullOrWhiteSpace(environmentValue) ? DefaultName : environmentValue.Trim();
}
