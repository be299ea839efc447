using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Knobs.Accelerators.Smv;

namespace Knobs.Accelerators.Tests.Smv;

public class SmvTilingTests
{
    public static IEnumerable<object[]> ConvolutionCases => SmaugTilingCases.Ids("convolution");
    public static IEnumerable<object[]> InnerProductCases => SmaugTilingCases.Ids("inner_product");
    public static IEnumerable<object[]> PoolingCases => SmaugTilingCases.Ids("max_pooling");
    public static IEnumerable<object[]> BatchNormCases => SmaugTilingCases.Ids("batch_norm");
    public static IEnumerable<object[]> UnaryCases => SmaugTilingCases.Ids("unary");

    [Fact]
    public void The_reference_holds_43_cases_in_five_operator_families()
    {
        var byOperator = SmaugTilingCases.All.GroupBy(c => c.GetProperty("operator").GetString()!.Split(' ')[0])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(43, byOperator.Values.Sum());
        Assert.Equal(15, byOperator["convolution"]);
        Assert.Equal(4, byOperator["inner_product"]);
        Assert.Equal(9, byOperator["max_pooling"]);
        Assert.Equal(9, byOperator["batch_norm"]);
        Assert.Equal(6, byOperator["unary"]);
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void Convolution_tiling_reproduces_SMAUG(string id) => Reproduces(id);

    [Theory]
    [MemberData(nameof(InnerProductCases))]
    public void Inner_product_tiling_reproduces_SMAUG(string id) => Reproduces(id);

    [Theory]
    [MemberData(nameof(PoolingCases))]
    public void Pooling_tiling_reproduces_SMAUG(string id) => Reproduces(id);

    [Theory]
    [MemberData(nameof(BatchNormCases))]
    public void Batch_norm_tiling_reproduces_SMAUG(string id) => Reproduces(id);

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_tiling_reproduces_SMAUG(string id) => Reproduces(id);

    private static void Reproduces(string id)
    {
        JsonElement c = SmaugTilingCases.Get(id);
        SmvOpTiling tiling = SmaugTilingCases.Tile(c);
        AssertAsserted(c.GetProperty("asserted"), tiling);
        AssertDerived(c.GetProperty("derived"), tiling);
    }

    // Everything SMAUG's own test REQUIREs.
    private static void AssertAsserted(JsonElement asserted, SmvOpTiling tiling)
    {
        if (asserted.TryGetProperty("basic_tile_shapes", out var basic))
        {
            foreach (var tensor in basic.EnumerateObject())
            {
                var actual = SmaugTilingCases.Tensor(tiling, tensor.Name);
                Assert.NotNull(actual);
                Assert.Equal(SmaugTilingCases.Ints(tensor.Value), actual!.BasicTileShape.ToArray());
            }
        }
        if (!asserted.TryGetProperty("tiles", out var tiles)) return;
        foreach (var tensor in tiles.EnumerateObject())
        {
            var actual = SmaugTilingCases.Tensor(tiling, tensor.Name)!.Tiles;
            var expected = tensor.Value;
            Assert.Equal(expected.GetProperty("count").GetInt32(), actual.Count);
            if (expected.TryGetProperty("runs", out var runs))
            {
                Assert.Equal(SmaugTilingCases.Expand(runs), actual.Tiles.Select(t => t.Shape.ToArray()).ToList());
            }
            if (expected.TryGetProperty("data_channel_offset", out var channelOffset))
            {
                foreach (var tile in actual.Tiles)
                {
                    int? offset = SmaugTilingCases.Offset(channelOffset.GetString()!, tile.Index);
                    if (offset is int o) Assert.Equal(o, tile.Origin[tile.Shape.ChannelIndex]);
                }
            }
            if (expected.TryGetProperty("data_value_offset", out var valueOffset))
            {
                foreach (var tile in actual.Tiles)
                {
                    Assert.Equal(SmaugTilingCases.Offset(valueOffset.GetString()!, tile.Index), tile.Origin[1]);
                }
            }
            if (expected.TryGetProperty("row_ranges", out var rowRanges))
            {
                var ranges = rowRanges.EnumerateArray().Select(SmaugTilingCases.Ints).ToList();
                Assert.Equal(ranges.Count, actual.Count);
                for (int i = 0; i < ranges.Count; i++)
                {
                    var tile = actual.Tiles[i];
                    Assert.Equal(ranges[i], new[] { tile.Origin[1], tile.Origin[1] + tile.Shape[1] - 1 });
                }
            }
        }
    }

    // The strategy names, grids, counts and tile shapes of the independent re-implementation.
    private static void AssertDerived(JsonElement derived, SmvOpTiling tiling)
    {
        var dims = derived.GetProperty("tiling_dims");
        foreach (var tensor in derived.GetProperty("tiles").EnumerateObject())
        {
            var actual = SmaugTilingCases.Tensor(tiling, tensor.Name)!;
            if (dims.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(actual.Strategy);
            }
            else
            {
                Assert.Equal(dims.GetProperty(tensor.Name).GetString(), actual.Strategy.ToString());
            }
            Assert.Equal(SmaugTilingCases.Ints(tensor.Value.GetProperty("grid")), actual.Tiles.Grid.ToArray());
            Assert.Equal(tensor.Value.GetProperty("count").GetInt32(), actual.Tiles.Count);
            Assert.Equal(SmaugTilingCases.Expand(tensor.Value.GetProperty("runs")), actual.Tiles.Tiles.Select(t => t.Shape.ToArray()).ToList());
        }
        if (derived.TryGetProperty("basic_tile_shapes", out var basic))
        {
            foreach (var tensor in basic.EnumerateObject())
            {
                Assert.Equal(SmaugTilingCases.Ints(tensor.Value), SmaugTilingCases.Tensor(tiling, tensor.Name)!.BasicTileShape.ToArray());
            }
        }
        if (derived.TryGetProperty("num_candidate_configs", out var candidates) && candidates.ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(candidates.GetInt32(), tiling.CandidateCount);
        }
    }
}
