using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.Accelerators.Smv;
using Knobs.Testing;

namespace Knobs.Accelerators.Tests.Smv;

/// <summary>The 43 cases of tests/data/anchors/smaug/tiling_cases.json, read at test time.</summary>
internal static class SmaugTilingCases
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Anchors, "smaug", "tiling_cases.json"))));

    public static IEnumerable<JsonElement> All => Document.Value.RootElement.GetProperty("cases").EnumerateArray();

    public static JsonElement Get(string id) => All.Single(c => c.GetProperty("id").GetString() == id);

    public static IEnumerable<object[]> Ids(string operatorPrefix) =>
        All.Where(c => c.GetProperty("operator").GetString()!.StartsWith(operatorPrefix, StringComparison.Ordinal))
           .Select(c => new object[] { c.GetProperty("id").GetString()! });

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Runs the SMV optimiser the case names, with SMAUG's default parameters.</summary>
    public static SmvOpTiling Tile(JsonElement c)
    {
        string op = c.GetProperty("operator").GetString()!;
        int[] input = Ints(c.GetProperty("input_shape"));
        var p = c.GetProperty("params");
        var parameters = new SmvParameters(scratchpadBytes: c.GetProperty("scratchpad_bytes_each").GetInt32(),
            alignment: c.GetProperty("alignment").GetInt32());
        Assert.Equal(c.GetProperty("max_tile_elements").GetInt32(), parameters.MaxTileElements);
        switch (op)
        {
            case "convolution":
                int[] stride = Ints(p.GetProperty("stride"));
                var padding = p.GetProperty("padding").GetString() == "same" ? SmvPadding.Same : SmvPadding.Valid;
                return SmvTiling.Convolution(new SmvConvolution(input[0], input[1], input[2], input[3],
                    p.GetProperty("kernel_rows").GetInt32(), p.GetProperty("kernel_cols").GetInt32(),
                    p.GetProperty("num_ofmaps").GetInt32(), stride[0], stride[1], padding), parameters);
            case "inner_product":
                return SmvTiling.InnerProduct(new SmvInnerProduct(input[0], input[1], p.GetProperty("num_outputs").GetInt32()), parameters);
            case "max_pooling":
                int[] size = Ints(p.GetProperty("pool_size"));
                int[] poolStride = Ints(p.GetProperty("pool_stride"));
                return SmvTiling.Pooling(new SmvPooling(input[0], input[1], input[2], input[3], size[0], size[1], poolStride[0], poolStride[1]), parameters);
            case "batch_norm":
                return SmvTiling.BatchNorm(input, parameters);
            default:
                Assert.StartsWith("unary", op);
                return SmvTiling.Unary(input, parameters);
        }
    }

    public static SmvTensorTiling? Tensor(SmvOpTiling tiling, string name) => name switch
    {
        "inputs" => tiling.Inputs,
        "weights" => tiling.Weights,
        "outputs" => tiling.Outputs,
        _ => throw new ArgumentException(name),
    };

    /// <summary>Expands [[count, shape], …] runs into one shape per tile.</summary>
    public static List<int[]> Expand(JsonElement runs)
    {
        var shapes = new List<int[]>();
        foreach (var run in runs.EnumerateArray())
        {
            int count = run[0].GetInt32();
            int[] shape = Ints(run[1]);
            for (int i = 0; i < count; i++) shapes.Add(shape);
        }
        return shapes;
    }

    /// <summary>
    /// The expected offset of tile <paramref name="i"/> from the case's expression ("0", "64*i", "32*(i%6)",
    /// "0 if i even else 40", "0 (tile 0 only checked)"); null when the tile is not checked.
    /// </summary>
    public static int? Offset(string expression, int i)
    {
        expression = expression.Trim();
        if (expression == "0 (tile 0 only checked)") return i == 0 ? 0 : null;
        if (expression.StartsWith("0 if i even else ", StringComparison.Ordinal))
        {
            return i % 2 == 0 ? 0 : int.Parse(expression.Substring("0 if i even else ".Length));
        }
        if (int.TryParse(expression, out int constant)) return constant;
        var parts = expression.Split('*');
        Assert.Equal(2, parts.Length);
        int factor = int.Parse(parts[0]);
        string rest = parts[1];
        if (rest == "i") return factor * i;
        Assert.StartsWith("(i%", rest);
        int modulus = int.Parse(rest.Substring(3, rest.Length - 4));
        return factor * (i % modulus);
    }
}
