using System;

namespace Knobs.Tensors.Backends.Reference;

/// <summary>
/// The oracle: plain, obviously-correct loops, single-threaded, no SIMD. Tests compare every other backend with it.
/// Convolutions count their multiply-adds in <see cref="MultiplyAdds"/> so tests can check that approximations do
/// proportionally less work. It computes in host memory unless made with a <see cref="StorageDomain"/> of its own,
/// which models a device: tests use that to see an op copy its operands across as counted transitions.
/// </summary>
public sealed partial class ReferenceBackend : IBackend
{
    private static readonly BackendCapabilities Caps = new(NativeHalf: false, FusedEpilogues: false, DeviceMemory: false);
    private static readonly BackendCapabilities DeviceCaps = Caps with { DeviceMemory = true };
    private int _threads = 1;

    /// <summary>The oracle, in host memory.</summary>
    public ReferenceBackend() : this(StorageDomain.Host)
    {
    }

    /// <summary>
    /// The oracle computing in <paramref name="storage"/>. A non-host domain models a device with memory of its own
    /// (its tensors still hold host arrays): ops on it copy operands from other domains as counted transitions, and the
    /// results are bit for bit those of the host oracle.
    /// </summary>
    public ReferenceBackend(StorageDomain storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
    }

    /// <inheritdoc/>
    public OpTimer Timer => OpTimer.Stopwatch;

    /// <inheritdoc/>
    public BackendCapabilities Capabilities => Storage.IsHost ? Caps : DeviceCaps;

    /// <inheritdoc/>
    public StorageDomain Storage { get; }

    /// <inheritdoc/>
    public string Name => "Reference";

    /// <inheritdoc/>
    public int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
    }

    /// <summary>Multiply-adds done by this instance's convolutions and GEMMs since creation.</summary>
    public long MultiplyAdds { get; private set; }

    /// <inheritdoc/>
    public void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        }
        MultiplyAdds += (long)m * n * k;
    }
}
