namespace Knobs.Generators.Parsing;

/// <summary>The HPVM pooling kind for a <c>PoolKind</c> member name.</summary>
internal static class PoolKinds
{
    public static string? FromMember(string? member) => member?.ToLowerInvariant() switch
    {
        "max" => "pool_max",
        "mean" or "avg" or "average" => "pool_mean",
        "min" => "pool_min",
        _ => null,
    };
}
