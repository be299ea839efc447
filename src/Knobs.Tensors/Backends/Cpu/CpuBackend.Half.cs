using System;
using System.Runtime.InteropServices;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y)
    {
        fixed (float* px = x)
        fixed (Half* py = y)
            HalfConversion.ToHalf(px, (ushort*)py, y.Length, _isa);
    }

    /// <inheritdoc/>
    public unsafe void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y)
    {
        fixed (Half* px = x)
        fixed (float* py = y)
            HalfConversion.ToFloat((ushort*)px, py, y.Length, _isa);
    }
}
