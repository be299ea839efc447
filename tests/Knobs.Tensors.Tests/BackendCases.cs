using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors.Tests;

/// <summary>Test data over the registered backends, and a thread-local way to run ops on one of them.</summary>
internal static class BackendCases
{
    /// <summary>Every registered backend (so a new backend is covered by registering it).</summary>
    public static IEnumerable<object[]> All() => Backend.Names.Select(n => new object[] { n });

    /// <summary>Every registered backend other than the Reference oracle.</summary>
    public static IReadOnlyList<string> Candidates => Backend.Names.Where(n => !n.Equals("Reference", StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Runs <paramref name="body"/> with <paramref name="name"/> as this thread's backend.</summary>
    public static T With<T>(string name, Func<T> body)
    {
        using (Backend.OnThisThread(Instance(name))) return body();
    }

    /// <summary>One instance per backend and test thread (backends may own worker threads; they are not shared across threads).</summary>
    public static IBackend Instance(string name)
    {
        _instances ??= new Dictionary<string, IBackend>(StringComparer.OrdinalIgnoreCase);
        if (!_instances.TryGetValue(name, out IBackend? backend)) _instances[name] = backend = Backend.Create(name);
        return backend;
    }

    [ThreadStatic] private static Dictionary<string, IBackend>? _instances;

    public static T With<T>(IBackend backend, Func<T> body)
    {
        using (Backend.OnThisThread(backend)) return body();
    }
}

/// <summary>A theory over the non-Reference backends; skipped, with the reason, while none is registered.</summary>
public sealed class CandidateBackendTheoryAttribute : TheoryAttribute
{
    public CandidateBackendTheoryAttribute()
    {
        if (BackendCases.Candidates.Count == 0)
            Skip = "No backend other than Reference is registered yet (the Cpu backend registers in Backends/Backend.cs when it lands).";
    }
}
