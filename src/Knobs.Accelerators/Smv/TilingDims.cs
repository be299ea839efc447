namespace Knobs.Accelerators.Smv;

/// <summary>
/// The dimensions along which SMAUG's SMV tiling optimisers cut a tensor (<c>smv_tiling_common.h</c>). N is the batch
/// for activations, the output maps for convolution weights and the neurons for inner-product weights; C is the
/// channels (activations for inner-product weights); H and W are rows and columns. Every strategy but
/// <see cref="None"/> tiles N.
/// </summary>
public enum TilingDims
{
    /// <summary>The whole tensor is one tile.</summary>
    None,

    /// <summary>Tiles along N only.</summary>
    DimN,

    /// <summary>Tiles along N and C.</summary>
    DimNC,

    /// <summary>Tiles along N and H (rows).</summary>
    DimNH,

    /// <summary>Tiles along N and W (columns).</summary>
    DimNW,

    /// <summary>Tiles along N, H and W.</summary>
    DimNHW,

    /// <summary>Tiles along N, C and H.</summary>
    DimNCH,

    /// <summary>Tiles along N, C and W.</summary>
    DimNCW,
}

/// <summary>Which dimensions a <see cref="TilingDims"/> strategy cuts.</summary>
public static class TilingDimsExtensions
{
    /// <summary>True for every strategy except <see cref="TilingDims.None"/> (SMAUG's <c>needsNwiseTiling</c>).</summary>
    public static bool TilesN(this TilingDims dims) => dims != TilingDims.None;

    /// <summary>True when the strategy cuts channels: DimNC, DimNCH, DimNCW.</summary>
    public static bool TilesC(this TilingDims dims) =>
        dims is TilingDims.DimNC or TilingDims.DimNCH or TilingDims.DimNCW;

    /// <summary>True when the strategy cuts rows: DimNH, DimNHW, DimNCH.</summary>
    public static bool TilesH(this TilingDims dims) =>
        dims is TilingDims.DimNH or TilingDims.DimNHW or TilingDims.DimNCH;

    /// <summary>True when the strategy cuts columns: DimNW, DimNHW, DimNCW.</summary>
    public static bool TilesW(this TilingDims dims) =>
        dims is TilingDims.DimNW or TilingDims.DimNHW or TilingDims.DimNCW;
}
