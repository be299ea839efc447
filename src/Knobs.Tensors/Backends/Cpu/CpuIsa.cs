using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>The SIMD level the Cpu backend's kernels run at, chosen once at start-up from what the processor supports.</summary>
public enum CpuIsa
{
    /// <summary>Plain scalar loops (any processor).</summary>
    Scalar = 0,
    /// <summary>256-bit vectors with fused multiply-add (AVX2 + FMA3).</summary>
    Avx2Fma = 1,
    /// <summary>512-bit vectors with fused multiply-add (AVX-512F).</summary>
    Avx512 = 2,
}

/// <summary>Run-time detection of the best <see cref="CpuIsa"/>.</summary>
public static class CpuIsaDetection
{
    /// <summary>The best level this processor and runtime support.</summary>
    public static CpuIsa Best { get; } =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? CpuIsa.Avx512
        : Avx2.IsSupported && Fma.IsSupported ? CpuIsa.Avx2Fma
        : CpuIsa.Scalar;

    /// <summary>True when <paramref name="isa"/> can run here.</summary>
    public static bool IsSupported(CpuIsa isa) => isa <= Best;
}
