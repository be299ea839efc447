using System;

namespace Knobs.Tensors.Backends.Reference;

/// <summary>
/// The oracle: plain, obviously-correct loops, single-threaded, no SIMD. Tests compare every other backend with it.
/// Convolutions count their multiply-adds in <see cref="MultiplyAdds"/> so tests can check that approximations do
/// proportionally less work.
/// </summary>
public sealed partial class ReferenceBackend : IBackend
{
    private int _threads = 1;

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
