using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// A tensor's values in a device's own memory (<see cref="Domain"/> is not the host's): what a backend with
/// <see cref="IDeviceKernels"/> computes on. A tensor holds at most one such copy; reading the tensor on the host
/// downloads it (a counted <c>d2h</c> transition), and an op of that backend reading a host tensor uploads it once
/// (a counted <c>h2d</c> transition) and keeps the copy until the host values may change.
/// </summary>
public abstract class DeviceValues : IDisposable
{
    /// <summary>Values of <paramref name="length"/> elements of <paramref name="dtype"/> in <paramref name="domain"/>.</summary>
    protected DeviceValues(StorageDomain domain, DType dtype, int length)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.IsHost) throw new ArgumentException("Device values live in a non-host storage domain.", nameof(domain));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Domain = domain;
        DType = dtype;
        Length = length;
    }

    /// <summary>The memory the values live in.</summary>
    public StorageDomain Domain { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Bytes the values take.</summary>
    public long Bytes => (long)Length * (DType == DType.Float16 ? 2 : 4);

    /// <summary>Copies the values (Float32) into <paramref name="destination"/> after the device's earlier work, and waits.</summary>
    public abstract void Download(Span<float> destination);

    /// <summary>Copies the values (Float16) into <paramref name="destination"/> after the device's earlier work, and waits.</summary>
    public abstract void Download(Span<Half> destination);

    /// <summary>Gives the memory back (to the backend's pool or the device). Idempotent.</summary>
    public abstract void Dispose();
}
