using System;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// The fast CPU backend: Vector512 (AVX-512F) or Vector256 (AVX2+FMA) kernels chosen at run time (scalar otherwise),
/// a cache-blocked SGEMM with an 8×48 register-blocked micro-kernel, convolution as an implicit-im2col GEMM
/// (1×1 is a plain GEMM, depthwise is direct SIMD), multi-threaded on a persistent worker pool with
/// <see cref="Threads"/> threads, and pooled, pre-touched scratch memory. Perforation computes only the kept output
/// lines and sampling builds the reduced filter and patch matrix, so the approximations save real work.
/// </summary>
public sealed partial class CpuBackend : IBackend, IDisposable
{
    private static readonly BackendCapabilities Caps = new(NativeHalf: false, FusedEpilogues: true, DeviceMemory: false);
    private readonly WorkerPool _pool = new();
    private readonly GemmEngine _gemm;
    private readonly ScratchBuffer _padded = new();
    private readonly ScratchBuffer _compact = new();
    private readonly ConvPlanCache _plans = new();
    private int _threads = Math.Max(1, Environment.ProcessorCount);
    private CpuIsa _isa = CpuIsaDetection.Best;

    /// <summary>A backend using all processors and the best SIMD level this machine supports.</summary>
    public CpuBackend() => _gemm = new GemmEngine(_pool);

    /// <summary>A backend forced to <paramref name="isa"/> (for testing the fallbacks); it must be supported here.</summary>
    public CpuBackend(CpuIsa isa) : this()
    {
        if (!CpuIsaDetection.IsSupported(isa))
            throw new PlatformNotSupportedException($"CpuBackend: SIMD level {isa} is not supported on this processor (best: {CpuIsaDetection.Best}).");
        _isa = isa;
        _gemm.Isa = isa;
    }

    /// <inheritdoc/>
    public string Name => "Cpu";

    /// <inheritdoc/>
    public OpTimer Timer => OpTimer.Stopwatch;

    /// <inheritdoc/>
    /// <remarks>Half ops widen to fp32 around its fp32 kernels; its GEMM applies convolution epilogues in cache.</remarks>
    public BackendCapabilities Capabilities => Caps;

    /// <inheritdoc/>
    public StorageDomain Storage => StorageDomain.Host;

    /// <summary>The SIMD level in use.</summary>
    public CpuIsa Isa => _isa;

    /// <inheritdoc/>
    public int Threads
    {
        get => _threads;
        set => _threads = value is >= 1 and <= 64
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "CpuBackend.Threads must be between 1 and 64.");
    }

    /// <summary>Releases the worker threads and the scratch memory.</summary>
    public void Dispose()
    {
        _pool.Dispose();
        _gemm.Dispose();
        _padded.Dispose();
        _compact.Dispose();
    }
}
