using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.Accelerators.Systolic;
using Knobs.Testing;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>
/// SCALE-Sim's CI golden rows (tests/data/anchors/scalesim/golden_reports.json). Floating columns are compared as the
/// text Python printed against this model's Python-repr text.
/// </summary>
public class ScaleSimGoldenTests
{
    private static JsonElement Golden(string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Anchors, "scalesim", "golden_reports.json")));
        return doc.RootElement.GetProperty("goldens").EnumerateArray().Single(g => g.GetProperty("id").GetString() == id).Clone();
    }

    internal static LayerResult Simulate(JsonElement golden, PythonSum sum)
    {
        JsonElement c = golden.GetProperty("config");
        int? bandwidth = c.GetProperty("InterfaceBandwidth").GetString() == "USER" ? c.GetProperty("Bandwidth").GetInt32() : null;
        Dataflow df = c.GetProperty("Dataflow").GetString() switch { "os" => Dataflow.OutputStationary, "ws" => Dataflow.WeightStationary, _ => Dataflow.InputStationary };
        var array = new SystolicArray(c.GetProperty("ArrayHeight").GetInt32(), c.GetProperty("ArrayWidth").GetInt32(), df,
            1024L * c.GetProperty("IfmapSramSzkB").GetInt32(), 1024L * c.GetProperty("FilterSramSzkB").GetInt32(), 1024L * c.GetProperty("OfmapSramSzkB").GetInt32(),
            bandwidth, c.GetProperty("IfmapOffset").GetInt64(), c.GetProperty("FilterOffset").GetInt64(), c.GetProperty("OfmapOffset").GetInt64());
        JsonElement w = golden.GetProperty("workload");
        ConvLayer layer = w.TryGetProperty("M", out JsonElement m)
            ? ConvLayer.Gemm(w.GetProperty("layer").GetString()!, m.GetInt32(), w.GetProperty("N").GetInt32(), w.GetProperty("K").GetInt32())
            : new ConvLayer(w.GetProperty("layer").GetString()!, w.GetProperty("ifmap_h").GetInt32(), w.GetProperty("ifmap_w").GetInt32(),
                w.GetProperty("filter_h").GetInt32(), w.GetProperty("filter_w").GetInt32(), w.GetProperty("channels").GetInt32(),
                w.GetProperty("num_filters").GetInt32(), w.GetProperty("stride").GetInt32(), w.GetProperty("stride").GetInt32());
        return SystolicSimulator.Simulate(array, layer, sum);
    }

    // Column name -> this model's printed value (SCALE-Sim v2's column set).
    internal static Dictionary<string, string> Printed(LayerResult r)
    {
        string F(double v) => PythonFloat.Repr(v);
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        var d = new Dictionary<string, string>
        {
            ["Total Cycles"] = I(r.TotalCycles), ["Stall Cycles"] = I(r.StallCycles),
            ["Overall Util %"] = F(r.OverallUtilization), ["Mapping Efficiency %"] = F(r.MappingEfficiency), ["Compute Util %"] = F(r.ComputeUtilization),
            ["Avg IFMAP SRAM BW"] = F(r.Ifmap.AverageSramBandwidth), ["Avg FILTER SRAM BW"] = F(r.Filter.AverageSramBandwidth), ["Avg OFMAP SRAM BW"] = F(r.Ofmap.AverageSramBandwidth),
            ["Avg IFMAP DRAM BW"] = F(r.Ifmap.AverageDramBandwidth), ["Avg FILTER DRAM BW"] = F(r.Filter.AverageDramBandwidth), ["Avg OFMAP DRAM BW"] = F(r.Ofmap.AverageDramBandwidth),
        };
        foreach (var (name, o, verb) in new[] { ("IFMAP", r.Ifmap, "Reads"), ("Filter", r.Filter, "Reads"), ("OFMAP", r.Ofmap, "Writes") })
        {
            d[$"SRAM {name} Start Cycle"] = F(o.SramStartCycle);
            d[$"SRAM {name} Stop Cycle"] = F(o.SramStopCycle);
            d[$"SRAM {name} {verb}"] = I(o.SramAccesses);
            d[$"DRAM {name} Start Cycle"] = F(o.DramStartCycle);
            d[$"DRAM {name} Stop Cycle"] = F(o.DramStopCycle);
            d[$"DRAM {name} {verb}"] = I(o.DramAccesses);
        }
        return d;
    }

    // Golden column name -> the text Python printed.
    internal static Dictionary<string, string> Expected(JsonElement golden)
    {
        var d = new Dictionary<string, string>();
        foreach (string report in new[] { "compute_report", "bandwidth_report", "detailed_access_report" })
        {
            foreach (JsonProperty p in golden.GetProperty(report).EnumerateObject())
            {
                if (p.Name == "LayerID") continue;
                d[p.Name] = p.Value.GetRawText();
            }
        }
        return d;
    }

    [Fact]
    public void SCALE_Sim_v2_CI_golden_AlexNet_conv1_ws_CALC_matches_every_column_with_Python_3_12_sums()
    {
        JsonElement golden = Golden("v2-alexnet-conv1-32x32-ws-calc");
        var actual = Printed(Simulate(golden, PythonSum.Compensated));
        var expected = Expected(golden);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (column, text) in expected) Assert.True(text == actual[column], $"{column}: SCALE-Sim {text}, model {actual[column]}");
    }

    [Fact]
    public void SCALE_Sim_v2_CI_golden_before_Python_3_12_differs_only_in_the_last_digits_of_compute_util()
    {
        // The golden of 2023 (Python before 3.12) printed 90.78000992063485; sequential sums give that text.
        LayerResult r = Simulate(Golden("v2-alexnet-conv1-32x32-ws-calc"), PythonSum.Sequential);
        Assert.Equal("90.78000992063485", PythonFloat.Repr(r.ComputeUtilization));
    }

    // v3.0.0 golden rows: v3 changed the OFMAP write buffer's drain (its DRAM OFMAP stop cycle and count move), so
    // those columns are v3's own; every other column is checked.
    [Theory]
    [InlineData("v3-alexnet-conv1-32x32-ws-calc", PythonSum.Sequential, new[] { "DRAM OFMAP Stop Cycle", "Avg OFMAP DRAM BW" })]
    [InlineData("v3-gemm-256x128x256-32x32-is-user", PythonSum.Sequential, new[] { "DRAM OFMAP Stop Cycle", "DRAM OFMAP Writes", "Avg OFMAP DRAM BW" })]
    public void SCALE_Sim_v3_golden_rows_match_except_v3_s_OFMAP_drain(string id, PythonSum sum, string[] v3Only)
    {
        JsonElement golden = Golden(id);
        var actual = Printed(Simulate(golden, sum));
        int compared = 0;
        foreach (var (column, text) in Expected(golden))
        {
            if (column == "Total Cycles (incl. prefetch)" || v3Only.Contains(column)) continue;   // v3-only column / v3's drain
            Assert.True(text == actual[column], $"{column}: SCALE-Sim {text}, model {actual[column]}");
            compared++;
        }
        Assert.Equal(actual.Count - v3Only.Length, compared);
    }

    /// <summary>Golden rows this model does not claim, and why (kept explicit so none is skipped silently).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotClaimed = new Dictionary<string, string>
    {
        ["v3-gemm-256x128x256-32x32-ws-user"] = "SCALE-Sim v3's USER-mode buffers stall differently from v2's (v3 reports 1928 more stall cycles)",
        ["v3-gemm-256x128x256-32x32-os-user"] = "SCALE-Sim v3's USER-mode buffers stall differently from v2's (v3 reports 2024 more stall cycles)",
        ["v3-sparsity-alexnet-conv1-128x128-ws-user"] = "sparsity (N:M filters, ellpack_block) is a v3 feature outside v2's model",
    };

    [Fact]
    public void Every_golden_row_is_either_checked_or_listed_as_not_claimed_with_a_reason()
    {
        var checkedIds = new[] { "v2-alexnet-conv1-32x32-ws-calc", "v3-alexnet-conv1-32x32-ws-calc", "v3-gemm-256x128x256-32x32-is-user" };
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Anchors, "scalesim", "golden_reports.json")));
        foreach (JsonElement g in doc.RootElement.GetProperty("goldens").EnumerateArray())
        {
            string id = g.GetProperty("id").GetString()!;
            Assert.True(checkedIds.Contains(id) || NotClaimed.ContainsKey(id), $"golden {id} is neither checked nor listed");
        }
    }

    [Theory]
    [InlineData("v3-gemm-256x128x256-32x32-ws-user")]
    [InlineData("v3-gemm-256x128x256-32x32-os-user")]
    public void Unclaimed_v3_USER_rows_still_agree_on_the_work_and_the_prefetch_start(string id)
    {
        JsonElement golden = Golden(id);
        var actual = Printed(Simulate(golden, PythonSum.Sequential));
        var expected = Expected(golden);
        foreach (string column in new[] { "Mapping Efficiency %", "SRAM IFMAP Reads", "SRAM Filter Reads", "SRAM OFMAP Writes", "SRAM IFMAP Start Cycle",
                     "DRAM IFMAP Start Cycle", "DRAM IFMAP Reads", "DRAM Filter Start Cycle", "DRAM Filter Stop Cycle", "DRAM Filter Reads" })
        {
            Assert.True(expected[column] == actual[column], $"{column}: SCALE-Sim {expected[column]}, model {actual[column]}");
        }
        Assert.NotEqual(expected["Stall Cycles"], actual["Stall Cycles"]);
    }
}
