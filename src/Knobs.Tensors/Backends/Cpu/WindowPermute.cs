using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// A 16-float window as one 8-lane permute source, for AVX2 (which has no two-register permute): lane l takes the
/// window's float <c>index[l]</c> (0–15), from its first 8 floats or, where <c>high</c> is set (index above 7), its last 8.
/// </summary>
internal static unsafe class WindowPermute
{
    /// <summary>The lanes above 7 of <paramref name="index"/>: the <c>high</c> argument of <see cref="Pick"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> High(Vector256<int> index) => Vector256.GreaterThan(index, Vector256.Create(7)).AsSingle();

    /// <summary>The 8 floats of the window at <paramref name="window"/> that <paramref name="index"/> picks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pick(float* window, Vector256<int> index, Vector256<float> high) =>
        Vector256.ConditionalSelect(high, Avx2.PermuteVar8x32(Vector256.Load(window + 8), index), Avx2.PermuteVar8x32(Vector256.Load(window), index));
}
