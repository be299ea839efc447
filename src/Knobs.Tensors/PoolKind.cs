namespace Knobs.Tensors;

/// <summary>The reduction a pooling op applies over its window (HPVM kinds <c>pool_max</c>, <c>pool_mean</c>, <c>pool_min</c>).</summary>
public enum PoolKind
{
    /// <summary>Maximum over the window; padded positions are ignored.</summary>
    Max = 0,
    /// <summary>Sum over the window divided by the full window area (padded positions count as zeros).</summary>
    Mean = 1,
    /// <summary>Minimum over the window; padded positions are ignored.</summary>
    Min = 2,
}
