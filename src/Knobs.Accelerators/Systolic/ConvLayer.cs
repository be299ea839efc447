using System;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// A convolution (or a GEMM mapped onto one) as SCALE-Sim describes it: no padding (give the padded IFMAP size), output
/// size <c>ceil((ifmap − filter + stride) / stride)</c> per dimension. Two Knobs extensions, which leave every result
/// unchanged at their defaults: <see cref="Batch"/> and <see cref="KeptWork"/>.
/// </summary>
public sealed class ConvLayer
{
    /// <summary>Creates a layer; throws <see cref="ArgumentException"/> on sizes SCALE-Sim rejects or cannot simulate.</summary>
    /// <param name="name">Layer name (reports use the position, not the name).</param>
    /// <param name="ifmapHeight">IFMAP height (padding included).</param>
    /// <param name="ifmapWidth">IFMAP width (padding included).</param>
    /// <param name="filterHeight">Filter height, at most <paramref name="ifmapHeight"/>.</param>
    /// <param name="filterWidth">Filter width, at most <paramref name="ifmapWidth"/>.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="filters">Number of filters (output channels).</param>
    /// <param name="strideHeight">Row stride.</param>
    /// <param name="strideWidth">Column stride.</param>
    /// <param name="batch">
    /// Knobs extension: images per run (default 1). The IFMAP operand matrix stacks the windows of all images (image
    /// <c>b</c>'s IFMAP at <c>b · H·W·C</c> words after the first), the OFMAP operand matrix stacks their outputs
    /// (image <c>b</c> at <c>b · OH·OW·filters</c>); filters are shared. Batch 1 is SCALE-Sim's model exactly.
    /// </param>
    /// <param name="keptWork">Knobs extension: which outputs and window taps are computed (null: all, SCALE-Sim's model).</param>
    public ConvLayer(string name, int ifmapHeight, int ifmapWidth, int filterHeight, int filterWidth, int channels, int filters,
        int strideHeight, int strideWidth, int batch = 1, KeptWork? keptWork = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Positive(ifmapHeight, nameof(ifmapHeight));
        Positive(ifmapWidth, nameof(ifmapWidth));
        Positive(filterHeight, nameof(filterHeight));
        Positive(filterWidth, nameof(filterWidth));
        Positive(channels, nameof(channels));
        Positive(filters, nameof(filters));
        Positive(strideHeight, nameof(strideHeight));
        Positive(strideWidth, nameof(strideWidth));
        Positive(batch, nameof(batch));
        if (filterHeight > ifmapHeight) throw new ArgumentException($"Filter height {filterHeight} is larger than IFMAP height {ifmapHeight}; SCALE-Sim has no padding, so give the padded IFMAP.", nameof(filterHeight));
        if (filterWidth > ifmapWidth) throw new ArgumentException($"Filter width {filterWidth} is larger than IFMAP width {ifmapWidth}; SCALE-Sim has no padding, so give the padded IFMAP.", nameof(filterWidth));
        IfmapHeight = ifmapHeight;
        IfmapWidth = ifmapWidth;
        FilterHeight = filterHeight;
        FilterWidth = filterWidth;
        Channels = channels;
        Filters = filters;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        Batch = batch;
        OfmapHeight = (ifmapHeight - filterHeight + strideHeight + strideHeight - 1) / strideHeight;
        OfmapWidth = (ifmapWidth - filterWidth + strideWidth + strideWidth - 1) / strideWidth;
        long ifmapWords = (long)ifmapHeight * ifmapWidth * channels * batch;
        long filterWords = (long)WindowSize * filters;
        long ofmapWords = (long)OfmapHeight * OfmapWidth * filters * batch;
        if (ifmapWords > int.MaxValue || filterWords > int.MaxValue || ofmapWords > int.MaxValue || (long)OfmapHeight * OfmapWidth * batch * WindowSize > int.MaxValue)
        {
            throw new ArgumentException("The layer's operand matrices exceed 2^31-1 words.", nameof(batch));
        }
        if (keptWork is not null) keptWork.Validate(this);
        KeptWork = keptWork;
    }

    /// <summary>A GEMM <c>M×K · K×N</c> mapped as SCALE-Sim does: IFMAP <c>M × K</c>, filter <c>1 × K</c>, 1 channel, N filters, stride 1.</summary>
    public static ConvLayer Gemm(string name, int m, int n, int k) => new(name, m, k, 1, k, 1, n, 1, 1);

    /// <summary>Layer name.</summary>
    public string Name { get; }

    /// <summary>IFMAP height.</summary>
    public int IfmapHeight { get; }

    /// <summary>IFMAP width.</summary>
    public int IfmapWidth { get; }

    /// <summary>Filter height.</summary>
    public int FilterHeight { get; }

    /// <summary>Filter width.</summary>
    public int FilterWidth { get; }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Number of filters.</summary>
    public int Filters { get; }

    /// <summary>Row stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Column stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Images per run (Knobs extension; 1 is SCALE-Sim's model).</summary>
    public int Batch { get; }

    /// <summary>The computed subset of outputs and taps (Knobs extension; null computes everything).</summary>
    public KeptWork? KeptWork { get; }

    /// <summary>OFMAP height.</summary>
    public int OfmapHeight { get; }

    /// <summary>OFMAP width.</summary>
    public int OfmapWidth { get; }

    /// <summary>Filter window size <c>filterHeight · filterWidth · channels</c>.</summary>
    public int WindowSize => FilterHeight * FilterWidth * Channels;

    /// <summary>This layer with a different batch.</summary>
    public ConvLayer WithBatch(int batch) => new(Name, IfmapHeight, IfmapWidth, FilterHeight, FilterWidth, Channels, Filters, StrideHeight, StrideWidth, batch, KeptWork);

    /// <summary>This layer with a kept-work selection (null: all work).</summary>
    public ConvLayer WithKeptWork(KeptWork? keptWork) => new(Name, IfmapHeight, IfmapWidth, FilterHeight, FilterWidth, Channels, Filters, StrideHeight, StrideWidth, Batch, keptWork);

    /// <summary>The kept OFMAP pixels per image (<c>oh · OfmapWidth + ow</c>), ascending.</summary>
    internal int[] KeptPixels() => KeptWork?.PixelsArray ?? Range(OfmapHeight * OfmapWidth);

    /// <summary>The kept window taps (SCALE-Sim's column order <c>kh · FW·C + kw · C + c</c>), ascending.</summary>
    internal int[] KeptTaps() => KeptWork?.TapsArray ?? Range(WindowSize);

    private static int[] Range(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
    }
}
