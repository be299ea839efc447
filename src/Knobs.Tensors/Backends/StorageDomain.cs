using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// A memory that tensors live in: the host's, or a backend's own (a device). Every <see cref="Tensor"/> knows its
/// domain (<see cref="Tensor.Storage"/>) and every backend names the one it computes in (<see cref="IBackend.Storage"/>);
/// an op whose operand lives elsewhere copies it across first, as a timed, counted transition
/// (see <see cref="TransferCounters"/>). Domains compare by identity, except that all host domains are one memory.
/// </summary>
public sealed class StorageDomain
{
    /// <summary>A domain called <paramref name="name"/>; <paramref name="isHost"/> false models a memory of its own.</summary>
    public StorageDomain(string name, bool isHost = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        IsHost = isHost;
    }

    /// <summary>Host memory: where the Cpu and Reference backends compute and where tensors live by default.</summary>
    public static StorageDomain Host { get; } = new("host", isHost: true);

    /// <summary>The name reports use, e.g. <c>host</c>.</summary>
    public string Name { get; }

    /// <summary>True for host memory (what user code reads and writes directly).</summary>
    public bool IsHost { get; }

    /// <summary>True when data in <paramref name="other"/> must be copied to be read here.</summary>
    public bool IsApartFrom(StorageDomain other) => !ReferenceEquals(this, other) && !(IsHost && other.IsHost);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
