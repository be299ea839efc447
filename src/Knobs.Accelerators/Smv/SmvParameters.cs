using System;

namespace Knobs.Accelerators.Smv;

/// <summary>
/// The SMV accelerator's parameters that the tiling optimisers and the cost model read. The defaults are SMAUG's
/// (<c>harvard-acc/smaug</c>): three 32 KiB scratchpads (<c>SmvBackend::initGlobals</c>), fp16 elements, so a tile
/// holds 32768 / 2 = 16384 elements; the innermost dimension is padded to a multiple of 8 (<c>SmvBackend::Alignment</c>);
/// 8 PEs (<c>kNumPEs</c>) of 32 MACs each (<c>kNumMaccsPerPE</c>); 8-wide vectors (<c>kVectorSize</c>, <c>VECTOR_SIZE</c>).
/// The minimum tile shapes of every optimiser are built from <see cref="NumPEs"/>, <see cref="MacsPerPE"/> and
/// <see cref="VectorWidth"/>, as SMAUG builds them from those constants.
/// </summary>
public sealed record SmvParameters
{
    /// <summary>SMAUG's SMV: 32 KiB scratchpads, 2-byte elements, alignment 8, 8 PEs × 32 MACs, vector width 8.</summary>
    public static SmvParameters Default { get; } = new();

    /// <summary>Creates parameters; every argument defaults to SMAUG's value.</summary>
    /// <param name="scratchpadBytes">Bytes in each of the three scratchpads (spad0, spad1, spad2).</param>
    /// <param name="elementBytes">Bytes per tensor element (2 for fp16, 4 for fp32).</param>
    /// <param name="alignment">The innermost dimension is padded up to a multiple of this for storage.</param>
    /// <param name="numPEs">Processing elements of the convolution / inner-product datapath.</param>
    /// <param name="macsPerPE">MACs per PE per cycle (the reduction width).</param>
    /// <param name="vectorWidth">Lanes of the vector unit used by pooling, batch norm and element-wise ops.</param>
    public SmvParameters(
        int scratchpadBytes = 32 * 1024,
        int elementBytes = 2,
        int alignment = 8,
        int numPEs = 8,
        int macsPerPE = 32,
        int vectorWidth = 8)
    {
        ScratchpadBytes = Positive(scratchpadBytes, nameof(scratchpadBytes));
        ElementBytes = Positive(elementBytes, nameof(elementBytes));
        Alignment = Positive(alignment, nameof(alignment));
        NumPEs = Positive(numPEs, nameof(numPEs));
        MacsPerPE = Positive(macsPerPE, nameof(macsPerPE));
        VectorWidth = Positive(vectorWidth, nameof(vectorWidth));
        if (ScratchpadBytes < ElementBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(scratchpadBytes), scratchpadBytes,
                $"A scratchpad of {scratchpadBytes} B cannot hold one {elementBytes}-byte element.");
        }
    }

    /// <summary>Bytes in each scratchpad (SMAUG: 32768).</summary>
    public int ScratchpadBytes { get; }

    /// <summary>Bytes per element (SMAUG's SMV stores fp16: 2).</summary>
    public int ElementBytes { get; }

    /// <summary>Alignment of the innermost dimension (SMAUG: 8).</summary>
    public int Alignment { get; }

    /// <summary>PEs of the convolution and inner-product datapath (SMAUG: 8).</summary>
    public int NumPEs { get; }

    /// <summary>MACs per PE (SMAUG: 32, four 8-wide vectors).</summary>
    public int MacsPerPE { get; }

    /// <summary>Vector lanes for pooling, batch norm, unary and element-wise ops (SMAUG: 8).</summary>
    public int VectorWidth { get; }

    /// <summary>The most elements one tile of one tensor may hold: scratchpad bytes / element bytes (SMAUG: 16384).</summary>
    public int MaxTileElements => ScratchpadBytes / ElementBytes;

    /// <summary>The same parameters with another element size (the scratchpads then hold a different element count).</summary>
    public SmvParameters WithElementBytes(int elementBytes) =>
        new(ScratchpadBytes, elementBytes, Alignment, NumPEs, MacsPerPE, VectorWidth);

    /// <summary>The same parameters with another scratchpad size.</summary>
    public SmvParameters WithScratchpadBytes(int scratchpadBytes) =>
        new(scratchpadBytes, ElementBytes, Alignment, NumPEs, MacsPerPE, VectorWidth);

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
}
