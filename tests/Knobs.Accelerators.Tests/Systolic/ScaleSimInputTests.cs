using System;
using System.IO;
using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>Config and topology files: what SCALE-Sim accepts is read as it reads it; every mistake is a ScaleSimInputException naming file(line).</summary>
public sealed class ScaleSimInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-scalesim-input-" + Guid.NewGuid().ToString("N"));

    public ScaleSimInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string GoodConfig = "[general]\nrun_name = demo\n\n[architecture_presets]\nArrayHeight:    16\nArrayWidth:     8\nIfmapSramSzkB:   4\nFilterSramSzkB:  2\nOfmapSramSzkB:   1\nIfmapOffset:    0\nFilterOffset:   10000000\nOfmapOffset:    20000000\nBandwidth : 10\nDataflow : ws\nMemoryBanks:   1\n\n[run_presets]\nInterfaceBandwidth: CALC\n";

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private ScaleSimInputException ConfigError(string text, int line, string fragment)
    {
        string path = Write("bad.cfg", text);
        var e = Assert.Throws<ScaleSimInputException>(() => ScaleSimConfig.Load(path));
        Assert.StartsWith($"{path}({line}): ", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Equal(line, e.Line);
        Assert.IsAssignableFrom<FormatException>(e);
        return e;
    }

    [Fact]
    public void A_config_is_read_with_case_insensitive_keys_either_separator_and_comments()
    {
        string text = "# comment\n; another\n" + GoodConfig.Replace("ArrayHeight:    16", "arrayheight = 16").Replace("Dataflow : ws", "DATAFLOW=is");
        var cfg = ScaleSimConfig.Load(Write("ok.cfg", text));
        Assert.Equal("demo", cfg.RunName);
        Assert.Equal(16, cfg.Array.Rows);
        Assert.Equal(8, cfg.Array.Columns);
        Assert.Equal(Dataflow.InputStationary, cfg.Array.Dataflow);
        Assert.Equal(4096, cfg.Array.IfmapSramWords);
        Assert.Equal(2048, cfg.Array.FilterSramWords);
        Assert.Equal(1024, cfg.Array.OfmapSramWords);
        Assert.Null(cfg.Array.Bandwidth);
        Assert.Equal(10000000, cfg.Array.FilterOffset);
    }

    [Fact]
    public void USER_mode_takes_the_first_value_of_the_bandwidth_list()
    {
        var cfg = ScaleSimConfig.Load(Write("user.cfg", GoodConfig.Replace("Bandwidth : 10", "Bandwidth : 7, 3").Replace("CALC", "USER")));
        Assert.Equal(7, cfg.Array.Bandwidth);
    }

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("/tmp/absolute")]
    [InlineData("..")]
    [InlineData("a\\\\b")]
    public void A_run_name_that_is_not_one_folder_name_is_an_error_on_its_line(string runName) =>
        ConfigError(GoodConfig.Replace("run_name = demo", "run_name = " + runName), 2, "run_name must be one folder name");

    [Fact]
    public void The_reports_refuse_a_run_name_that_would_leave_their_folder() =>
        Assert.Throws<ArgumentException>(() => ScaleSimReports.Write(_dir, "../out", Array.Empty<LayerResult>()));

    [Fact]
    public void An_unknown_dataflow_is_an_error_on_its_line() => ConfigError(GoodConfig.Replace("Dataflow : ws", "Dataflow : rs"), 14, "use os, ws or is");

    [Fact]
    public void A_missing_key_is_an_error_at_its_section() => ConfigError(GoodConfig.Replace("ArrayWidth:     8\n", ""), 4, "key ArrayWidth is missing in [architecture_presets]");

    [Fact]
    public void A_missing_section_is_an_error() => ConfigError(GoodConfig.Replace("[run_presets]\nInterfaceBandwidth: CALC\n", ""), 16, "section [run_presets] is missing");

    [Fact]
    public void A_non_integer_size_is_an_error_on_its_line() => ConfigError(GoodConfig.Replace("IfmapSramSzkB:   4", "IfmapSramSzkB:   4.5"), 7, "is not an integer");

    [Fact]
    public void A_zero_array_size_is_an_error_on_its_line() => ConfigError(GoodConfig.Replace("ArrayHeight:    16", "ArrayHeight:    0"), 5, "must be at least 1");

    [Fact]
    public void An_unknown_bandwidth_mode_is_an_error() => ConfigError(GoodConfig.Replace("CALC", "FAST"), 18, "use CALC or USER");

    [Fact]
    public void A_non_integer_USER_bandwidth_is_an_error() => ConfigError(GoodConfig.Replace("Bandwidth : 10", "Bandwidth : lots").Replace("CALC", "USER"), 13, "not a list of integers");

    [Fact]
    public void A_duplicate_key_is_an_error_on_the_second_line() => ConfigError(GoodConfig.Replace("ArrayWidth:     8\n", "ArrayWidth:     8\narraywidth: 9\n"), 7, "appears twice");

    [Fact]
    public void A_key_before_any_section_is_an_error() => ConfigError("run_name = x\n" + GoodConfig, 1, "before any [section]");

    private const string Header = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";

    private ScaleSimInputException TopologyError(string text, bool gemm, int line, string fragment)
    {
        string path = Write("bad.csv", text);
        var e = Assert.Throws<ScaleSimInputException>(() => ScaleSimTopology.Load(path, gemm));
        Assert.StartsWith($"{path}({line}): ", e.Message);
        Assert.Contains(fragment, e.Message);
        return e;
    }

    [Fact]
    public void A_topology_skips_its_header_and_blank_lines_and_reads_an_optional_column_stride()
    {
        var layers = ScaleSimTopology.Load(Write("t.csv", Header + "\nconv1, 32, 30, 5, 3, 3, 16, 2,\n\nconv2, 16, 16, 3, 3, 16, 32, 1, 2,\n"), gemm: false);
        Assert.Equal(2, layers.Count);
        Assert.Equal(("conv1", 2, 2, 15, 15), (layers[0].Name, layers[0].StrideHeight, layers[0].StrideWidth, layers[0].OfmapHeight, layers[0].OfmapWidth));
        Assert.Equal((1, 2, 14, 8), (layers[1].StrideHeight, layers[1].StrideWidth, layers[1].OfmapHeight, layers[1].OfmapWidth));
    }

    [Fact]
    public void A_DP_layer_becomes_one_single_channel_layer_per_channel()
    {
        var layers = ScaleSimTopology.Load(Write("dp.csv", Header + "conv_DP1, 8, 8, 3, 3, 3, 1, 1,\n"), gemm: false);
        Assert.Equal(new[] { "conv_DP1Channel_0", "conv_DP1Channel_1", "conv_DP1Channel_2" }, new[] { layers[0].Name, layers[1].Name, layers[2].Name });
        Assert.All(layers, l => Assert.Equal(1, l.Channels));
    }

    [Fact]
    public void A_GEMM_row_maps_to_an_M_by_K_ifmap_with_a_1_by_K_filter()
    {
        var l = ScaleSimTopology.Load(Write("g.csv", "Layer, M, N, K,\nTest 1, 256, 128, 64,\n"), gemm: true)[0];
        Assert.Equal((256, 64, 1, 64, 1, 128, 1, 1), (l.IfmapHeight, l.IfmapWidth, l.FilterHeight, l.FilterWidth, l.Channels, l.Filters, l.StrideHeight, l.StrideWidth));
        Assert.Equal((256, 1, 64), (l.OfmapHeight, l.OfmapWidth, l.WindowSize));
    }

    [Fact]
    public void A_filter_larger_than_the_ifmap_is_an_error_on_its_line() => TopologyError(Header + "conv1, 4, 4, 5, 3, 1, 8, 1,\n", false, 2, "larger than IFMAP Height");

    [Fact]
    public void A_zero_size_is_an_error_on_its_line() => TopologyError(Header + "conv1, 8, 8, 3, 3, 0, 8, 1,\n", false, 2, "Channels is 0");

    [Fact]
    public void A_non_integer_field_is_an_error_on_its_line() => TopologyError(Header + "conv1, 8, 8, 3, x, 2, 8, 1,\n", false, 2, "Filter Width 'x' is not an integer");

    [Fact]
    public void A_row_without_its_trailing_comma_is_an_error_on_its_line() => TopologyError(Header + "conv1, 8, 8, 3, 3, 2, 8, 1,\nconv2, 8, 8, 3, 3, 2, 8, 1\n", false, 3, "trailing comma");

    [Fact]
    public void A_short_GEMM_row_is_an_error_on_its_line() => TopologyError("Layer, M, N, K,\nTest, 4, 4\n", true, 2, "'name, M, N, K,'");

    [Fact]
    public void A_GEMM_too_large_to_simulate_is_an_error_on_its_line() => TopologyError("Layer, M, N, K,\nok, 4, 4, 4,\nhuge, 100000, 100000, 100000,\n", true, 3, "exceed 2^31-1 words");

    [Fact]
    public void A_topology_without_layers_is_an_error() => TopologyError(Header, false, 1, "no layers");

    [Fact]
    public void A_missing_config_or_topology_is_an_error_at_its_line_1()
    {
        string config = Path.Combine(_dir, "absent.cfg");
        var e = Assert.Throws<ScaleSimInputException>(() => ScaleSimConfig.Load(config));
        Assert.StartsWith($"{config}(1): the SCALE-Sim config cannot be read", e.Message);
        Assert.Equal(1, e.Line);
        string topology = Path.Combine(_dir, "absent.csv");
        var t = Assert.Throws<ScaleSimInputException>(() => ScaleSimTopology.Load(topology, gemm: false));
        Assert.StartsWith($"{topology}(1): the SCALE-Sim topology cannot be read", t.Message);
        // A folder is no file either.
        Assert.Throws<ScaleSimInputException>(() => ScaleSimConfig.Load(_dir));
    }
}
