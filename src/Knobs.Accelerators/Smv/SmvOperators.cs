using System;

namespace Knobs.Accelerators.Smv;

/// <summary>Convolution padding: SAME keeps ⌈in/stride⌉ outputs (total pad k−1, the top/left gets the ceiling half); VALID pads nothing.</summary>
public enum SmvPadding
{
    /// <summary>Total padding k − 1 per axis; top/left ⌈(k−1)/2⌉, bottom/right the rest.</summary>
    Same,

    /// <summary>No padding.</summary>
    Valid,
}

/// <summary>A convolution layer on SMV: NHWC inputs, weights [ofmaps, kernel rows, kernel cols, input channels].</summary>
public sealed class SmvConvolution
{
    /// <summary>Describes a convolution.</summary>
    public SmvConvolution(int batch, int rows, int cols, int channels, int kernelRows, int kernelCols, int ofmaps,
        int rowStride = 1, int colStride = 1, SmvPadding padding = SmvPadding.Same)
    {
        Batch = Check(batch, nameof(batch));
        Rows = Check(rows, nameof(rows));
        Cols = Check(cols, nameof(cols));
        Channels = Check(channels, nameof(channels));
        KernelRows = Check(kernelRows, nameof(kernelRows));
        KernelCols = Check(kernelCols, nameof(kernelCols));
        Ofmaps = Check(ofmaps, nameof(ofmaps));
        RowStride = Check(rowStride, nameof(rowStride));
        ColStride = Check(colStride, nameof(colStride));
        Padding = padding;
        if (padding == SmvPadding.Valid && (kernelRows > rows || kernelCols > cols))
        {
            throw new ArgumentException($"A {kernelRows}×{kernelCols} kernel with VALID padding does not fit a {rows}×{cols} input.");
        }
    }

    /// <summary>Input batch N.</summary>
    public int Batch { get; }

    /// <summary>Input rows H.</summary>
    public int Rows { get; }

    /// <summary>Input columns W.</summary>
    public int Cols { get; }

    /// <summary>Input channels C.</summary>
    public int Channels { get; }

    /// <summary>Kernel rows.</summary>
    public int KernelRows { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelCols { get; }

    /// <summary>Output feature maps (output channels).</summary>
    public int Ofmaps { get; }

    /// <summary>Row stride.</summary>
    public int RowStride { get; }

    /// <summary>Column stride.</summary>
    public int ColStride { get; }

    /// <summary>Padding.</summary>
    public SmvPadding Padding { get; }

    /// <summary>Output rows: (H − k + pad)/stride + 1 with pad = k − 1 for SAME and 0 for VALID.</summary>
    public int OutputRows => (Rows - KernelRows + TotalPad(KernelRows)) / RowStride + 1;

    /// <summary>Output columns, as <see cref="OutputRows"/>.</summary>
    public int OutputCols => (Cols - KernelCols + TotalPad(KernelCols)) / ColStride + 1;

    /// <summary>Rows of zero padding above the input (⌈(k−1)/2⌉ for SAME).</summary>
    public int TopPad => Padding == SmvPadding.Same ? (KernelRows - 1 + 1) / 2 : 0;

    /// <summary>Rows of zero padding below the input.</summary>
    public int BottomPad => TotalPad(KernelRows) - TopPad;

    /// <summary>Columns of zero padding left of the input.</summary>
    public int LeftPad => Padding == SmvPadding.Same ? (KernelCols - 1 + 1) / 2 : 0;

    /// <summary>Columns of zero padding right of the input.</summary>
    public int RightPad => TotalPad(KernelCols) - LeftPad;

    /// <summary>The input shape [N, H, W, C].</summary>
    public SmvShape InputShape(int alignment) => SmvShape.Nhwc(Batch, Rows, Cols, Channels, alignment);

    /// <summary>The weight shape [ofmaps, kernel rows, kernel cols, C].</summary>
    public SmvShape WeightShape(int alignment) => SmvShape.Nhwc(Ofmaps, KernelRows, KernelCols, Channels, alignment);

    /// <summary>The output shape [N, output rows, output cols, ofmaps].</summary>
    public SmvShape OutputShape(int alignment) => SmvShape.Nhwc(Batch, OutputRows, OutputCols, Ofmaps, alignment);

    private int TotalPad(int kernel) => Padding == SmvPadding.Same ? kernel - 1 : 0;

    internal static int Check(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
}

/// <summary>An inner-product (fully connected) layer on SMV: inputs [N, C], weights stored transposed as [outputs, C].</summary>
public sealed class SmvInnerProduct
{
    /// <summary>Describes an inner product.</summary>
    public SmvInnerProduct(int batch, int inputActivations, int outputs)
    {
        Batch = SmvConvolution.Check(batch, nameof(batch));
        InputActivations = SmvConvolution.Check(inputActivations, nameof(inputActivations));
        Outputs = SmvConvolution.Check(outputs, nameof(outputs));
    }

    /// <summary>Batch N.</summary>
    public int Batch { get; }

    /// <summary>Input activations C (the reduction).</summary>
    public int InputActivations { get; }

    /// <summary>Output neurons.</summary>
    public int Outputs { get; }

    /// <summary>[N, C].</summary>
    public SmvShape InputShape(int alignment) => SmvShape.Nc(Batch, InputActivations, alignment);

    /// <summary>[outputs, C] (SMAUG's <c>TransposeFCWeights</c>).</summary>
    public SmvShape WeightShape(int alignment) => SmvShape.Nc(Outputs, InputActivations, alignment);

    /// <summary>[N, outputs].</summary>
    public SmvShape OutputShape(int alignment) => SmvShape.Nc(Batch, Outputs, alignment);
}

/// <summary>A max- or average-pooling layer on SMV (both tile the same way): NHWC, VALID windows.</summary>
public sealed class SmvPooling
{
    /// <summary>Describes a pooling layer.</summary>
    public SmvPooling(int batch, int rows, int cols, int channels, int poolRows, int poolCols, int rowStride, int colStride)
    {
        Batch = SmvConvolution.Check(batch, nameof(batch));
        Rows = SmvConvolution.Check(rows, nameof(rows));
        Cols = SmvConvolution.Check(cols, nameof(cols));
        Channels = SmvConvolution.Check(channels, nameof(channels));
        PoolRows = SmvConvolution.Check(poolRows, nameof(poolRows));
        PoolCols = SmvConvolution.Check(poolCols, nameof(poolCols));
        RowStride = SmvConvolution.Check(rowStride, nameof(rowStride));
        ColStride = SmvConvolution.Check(colStride, nameof(colStride));
        if (poolRows > rows || poolCols > cols)
        {
            throw new ArgumentException($"A {poolRows}×{poolCols} window does not fit a {rows}×{cols} input.");
        }
    }

    /// <summary>Batch N.</summary>
    public int Batch { get; }

    /// <summary>Input rows.</summary>
    public int Rows { get; }

    /// <summary>Input columns.</summary>
    public int Cols { get; }

    /// <summary>Channels.</summary>
    public int Channels { get; }

    /// <summary>Window rows.</summary>
    public int PoolRows { get; }

    /// <summary>Window columns.</summary>
    public int PoolCols { get; }

    /// <summary>Row stride.</summary>
    public int RowStride { get; }

    /// <summary>Column stride.</summary>
    public int ColStride { get; }

    /// <summary>(rows − pool rows)/stride + 1.</summary>
    public int OutputRows => OutputRowsFor(Rows);

    /// <summary>(cols − pool cols)/stride + 1.</summary>
    public int OutputCols => OutputColsFor(Cols);

    /// <summary>[N, H, W, C].</summary>
    public SmvShape InputShape(int alignment) => SmvShape.Nhwc(Batch, Rows, Cols, Channels, alignment);

    /// <summary>[N, output rows, output cols, C].</summary>
    public SmvShape OutputShape(int alignment) => SmvShape.Nhwc(Batch, OutputRows, OutputCols, Channels, alignment);

    internal int OutputRowsFor(int rows) => (rows - PoolRows) / RowStride + 1;

    internal int OutputColsFor(int cols) => (cols - PoolCols) / ColStride + 1;
}
