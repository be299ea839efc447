using System;
using System.Threading;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// Switches for measuring <see cref="GemmEngine"/>'s choices against their alternatives (A/B runs of the kernels
/// benchmark): each is on by default, and off selects the simpler path it replaced. The engine reads
/// <see cref="Current"/> once per GEMM and carries the values in its context, so a switch costs nothing per tile.
/// Set a copy (<c>GemmOptions.Current = GemmOptions.Default with { InPlace = false }</c>), never from two threads while GEMMs run.
/// </summary>
internal sealed record GemmOptions
{
    private static GemmOptions s_current = new();

    /// <summary>Every switch on: what the engine does.</summary>
    public static GemmOptions Default { get; } = new();

    /// <summary>The options GEMMs started from now on use.</summary>
    public static GemmOptions Current
    {
        get => Volatile.Read(ref s_current);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            // The kernels read their own flag (a field with no initializer: see MicroKernels.APrefetchOff).
            MicroKernels.APrefetchOff = !value.APrefetch;
            Volatile.Write(ref s_current, value);
        }
    }

    /// <summary>Small column counts are split into even blocks per worker (see <see cref="GemmEngine.BlockWidth(int, int, int)"/>).</summary>
    public bool EvenBlocks { get; init; } = true;

    /// <summary>
    /// GEMMs with more than <see cref="GemmEngine.SmallRows"/> rows are split into even column blocks too. With fixed-width
    /// blocks a GEMM of many rows and about a thousand columns (alexnet's 8×8 layers at batch 16) splits into a few uneven
    /// units, so one worker idles while the other finishes; even blocks give every worker the same share.
    /// </summary>
    public bool WideEvenBlocks { get; init; } = true;

    /// <summary>A split of few rows has each worker pack its own B.</summary>
    public bool OwnPacking { get; init; } = true;

    /// <summary>Column blocks copy their own padded rows.</summary>
    public bool UnitPadding { get; init; } = true;

    /// <summary>Each worker runs its own range of units first (false: all take them from one counter).</summary>
    public bool OwnRanges { get; init; } = true;

    /// <summary>Gathered panels are packed by the first A panel's kernel (false: in a pass of their own).</summary>
    public bool FusedPack { get; init; } = true;

    /// <summary>16 valid columns of one leftover A panel run the 8×16 kernel (false: 8×32 into a tile).</summary>
    public bool NarrowRows8 { get; init; } = true;

    /// <summary>AVX-512 kernels apply the epilogue in registers (false: a pass over each finished block does).</summary>
    public bool RegisterEpilogue { get; init; } = true;

    /// <summary>A kernel-packed panel's other A panels prefetch the next panel's source.</summary>
    public bool Prefetch { get; init; } = true;

    /// <summary>The AVX-512 kernels prefetch packed A <see cref="MicroKernels.APrefetchDistance"/> floats ahead.</summary>
    public bool APrefetch { get; init; } = true;

    /// <summary>Contiguous panels are read in place (false: packed).</summary>
    public bool InPlace { get; init; } = true;

    /// <summary>Row blocks share one packing of B (false: each packs its own).</summary>
    public bool SharedPacking { get; init; } = true;
}
