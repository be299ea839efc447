using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Tensors.Backends.Cpu;

// Pre-packed filters. Packing a filter for the GEMM reads and rewrites all of it on every call, which for megabyte
// filters is a large share of a batch-1 convolution. A weight tensor offers a WeightSlot; the
// first call packs into a pinned array and publishes it there, and later calls with the same filter, knob and shape
// family skip the packing, as PyTorch's frozen modules and onnxruntime's initializers do.
public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public unsafe void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y) =>
        Convolve(s, a, x, w, filterSlot, y, null, null, relu: false);

    /// <inheritdoc/>
    public unsafe void Convolution(in ConvShape s, in ConvApproxParams a, ReadOnlySpan<float> x, ReadOnlySpan<float> w, WeightSlot? filterSlot, Span<float> y,
        in ConvEpilogue epilogue)
    {
        if (!epilogue.Bias.IsEmpty && epilogue.Bias.Length != s.K)
            throw new ArgumentException($"The epilogue's bias has {epilogue.Bias.Length} values; the convolution has {s.K} output channels.", nameof(epilogue));
        if (!epilogue.Residual.IsEmpty && epilogue.Residual.Length != y.Length)
            throw new ArgumentException($"The epilogue's residual has {epilogue.Residual.Length} values; the output has {y.Length}.", nameof(epilogue));
        // The GEMM applies it to each block it finishes (still in cache); the other paths (grouped, perforated) after.
        if (epilogue.IsEmpty || s.Groups != 1 || a.Mode != ConvApproxMode.Exact)
        {
            Convolve(s, a, x, w, filterSlot, y, null, null, relu: false);
            epilogue.ApplyTo(this, s, y);
            return;
        }
        fixed (float* bias = epilogue.Bias, residual = epilogue.Residual)
            Convolve(s, a, x, w, filterSlot, y, bias, residual, epilogue.Relu);
    }

    /// <summary>A filter packed for <see cref="GemmEngine"/>, every group one after the other; immutable once published.</summary>
    private sealed class PackedFilter(CpuBackend owner, ConvApproxParams approx, int groups, int m, int k, long groupStride)
    {
        private readonly float[] _values = GC.AllocateUninitializedArray<float>(checked((int)(groups * groupStride + 16)), pinned: true);

        public bool Matches(CpuBackend backend, in ConvApproxParams a, int g, int rows, int kRows) =>
            ReferenceEquals(owner, backend) && approx == a && groups == g && m == rows && k == kRows;

        public long GroupStride => groupStride;

        /// <summary>The first element, 64-byte aligned (the array is pinned).</summary>
        public unsafe float* Data
        {
            get
            {
                nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_values));
                return (float*)((p + 63) & ~(nint)63);
            }
        }
    }

    /// <summary>
    /// The packed filter of this call: null without a slot (the caller packs into the scratch buffer, one group at a
    /// time); else the slot's, when it holds this filter packed for this knob and shape family (<paramref name="packNow"/>
    /// false), or a new one the caller packs into and then publishes to the slot.
    /// </summary>
    private PackedFilter? FilterFor(WeightSlot? slot, in ConvShape s, in ConvApproxParams a, int kRows, out bool packNow)
    {
        int kpg = s.KPerGroup;
        packNow = true;
        if (slot is null) return null;
        if (slot.Value is PackedFilter cached && cached.Matches(this, a, s.Groups, kpg, kRows))
        {
            packNow = false;
            return cached;
        }
        long groupStride = ((long)GemmEngine.PaddedRows(kpg) * kRows + 15) / 16 * 16 + 64;
        return new PackedFilter(this, a, s.Groups, kpg, kRows, groupStride);
    }
}
