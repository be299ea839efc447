using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Accelerators.Smv;

/// <summary>The data layouts SMV's tiling handles: 4-D activations and weights in NHWC, 2-D tensors in NC.</summary>
public enum SmvLayout
{
    /// <summary>[N, H (rows), W (columns), C]; C is innermost.</summary>
    NHWC,

    /// <summary>[N, C]; C is innermost.</summary>
    NC,
}

/// <summary>
/// A tensor (or tile) shape as SMAUG's <c>TensorShape</c> sees it: dimensions in layout order plus an alignment that
/// pads the innermost dimension up for storage. Sizes compared against a scratchpad are always
/// <see cref="StorageSize"/>, never <see cref="ElementCount"/>: a 3-channel NHWC tensor stores 8 slots per pixel.
/// </summary>
public sealed class SmvShape : IEquatable<SmvShape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape.</summary>
    /// <param name="dims">Dimensions in layout order: 4 for NHWC, 2 for NC; each positive.</param>
    /// <param name="layout">The layout; it must match the number of dimensions.</param>
    /// <param name="alignment">The innermost dimension is padded to a multiple of this for storage (SMV: 8).</param>
    public SmvShape(IEnumerable<int> dims, SmvLayout layout, int alignment)
    {
        if (dims is null) throw new ArgumentNullException(nameof(dims));
        _dims = dims.ToArray();
        int rank = layout == SmvLayout.NHWC ? 4 : 2;
        if (_dims.Length != rank)
        {
            throw new ArgumentException($"A {layout} shape has {rank} dimensions, not {_dims.Length} ({Format(_dims)}).", nameof(dims));
        }
        if (_dims.Any(d => d <= 0))
        {
            throw new ArgumentException($"Every dimension must be positive: {Format(_dims)}.", nameof(dims));
        }
        if (alignment <= 0) throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Must be positive.");
        Layout = layout;
        Alignment = alignment;
    }

    /// <summary>An NHWC shape [n, h, w, c].</summary>
    public static SmvShape Nhwc(int n, int h, int w, int c, int alignment = 8) => new(new[] { n, h, w, c }, SmvLayout.NHWC, alignment);

    /// <summary>An NC shape [n, c].</summary>
    public static SmvShape Nc(int n, int c, int alignment = 8) => new(new[] { n, c }, SmvLayout.NC, alignment);

    /// <summary>The dimensions in layout order.</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <summary>The layout.</summary>
    public SmvLayout Layout { get; }

    /// <summary>The alignment of the innermost dimension.</summary>
    public int Alignment { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>One dimension.</summary>
    public int this[int index] => _dims[index];

    /// <summary>N (batch, output maps or neurons).</summary>
    public int N => _dims[0];

    /// <summary>C: the innermost dimension (index 3 for NHWC, 1 for NC).</summary>
    public int C => _dims[_dims.Length - 1];

    /// <summary>The index of C in <see cref="Dims"/>.</summary>
    public int ChannelIndex => _dims.Length - 1;

    /// <summary>The innermost dimension rounded up to <see cref="Alignment"/>.</summary>
    public int AlignedC => Align(C, Alignment);

    /// <summary>Elements without padding.</summary>
    public long ElementCount => _dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>Storage slots: the product of the dimensions with the innermost one aligned.</summary>
    public long StorageSize => ElementCount / C * AlignedC;

    /// <summary>This shape with one dimension replaced.</summary>
    public SmvShape With(int index, int value)
    {
        var dims = (int[])_dims.Clone();
        dims[index] = value;
        return new SmvShape(dims, Layout, Alignment);
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/>.</summary>
    public static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <inheritdoc/>
    public bool Equals(SmvShape? other) =>
        other is not null && Layout == other.Layout && Alignment == other.Alignment && _dims.SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SmvShape);

    /// <inheritdoc/>
    public override int GetHashCode() => _dims.Aggregate((int)Layout * 31 + Alignment, (h, d) => h * 31 + d);

    /// <summary>The dimensions as <c>[1, 32, 32, 8]</c>.</summary>
    public override string ToString() => Format(_dims);

    internal static string Format(IEnumerable<int> dims) => "[" + string.Join(", ", dims) + "]";
}
