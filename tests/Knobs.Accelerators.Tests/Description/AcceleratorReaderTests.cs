using System.Linq;
using Knobs.Accelerators.Description;

namespace Knobs.Accelerators.Tests.Description;

public class AcceleratorReaderTests
{
    private const string Systolic = """
        name: arr32_ws
        clock_mhz: 1000
        systolic:
          rows: 32
          columns: 32
          dataflow: ws
        scratchpads_kib:
          ifmap: 64
          filter: 64
          ofmap: 64
        dram_bytes_per_cycle: 10
        """;

    private static AcceleratorInputException Refused(string text) =>
        Assert.Throws<AcceleratorInputException>(() => AcceleratorReader.Parse("accel.yaml", text));

    [Fact]
    public void A_systolic_description_gives_the_array_the_scratchpads_and_the_defaults_marked_assumed()
    {
        AcceleratorDescription d = AcceleratorReader.Parse("accel.yaml", Systolic);
        Assert.Equal("accel:arr32_ws", d.DeviceKind);
        Assert.Equal(1e9, d.ClockHz);
        Assert.Equal(ArrayDataflow.WeightStationary, d.Systolic!.Dataflow);
        Assert.Equal((32, 32), (d.Systolic.Rows, d.Systolic.Columns));
        Assert.Equal(new[] { "ifmap", "filter", "ofmap" }, d.Scratchpads.Select(s => s.Name));
        Assert.All(d.Scratchpads, s => Assert.Equal(65536, s.Bytes));
        Assert.Equal(10, d.DramBytesPerCycle);
        Assert.Equal(32, d.VectorLanes);
        Assert.True(d.HostLink.Assumed);
        Assert.All(d.Energy.Values, v => Assert.True(v.Assumed));
        Assert.All(d.Energy.Values, v => Assert.StartsWith("default: Horowitz", v.Source));
    }

    [Fact]
    public void Given_energies_replace_their_defaults_and_say_where_they_come_from()
    {
        AcceleratorDescription d = AcceleratorReader.Parse("accel.yaml", Systolic + "\nenergy_pj:\n  mac_fp32: 2.5\n");
        EnergyValue mac = d.Energy.Values.Single(v => v.Name == "mac_fp32");
        Assert.False(mac.Assumed);
        Assert.Equal(2.5, d.Energy.MacFp32);
        Assert.Equal("given: accel.yaml line 13", mac.Source);
        Assert.True(d.Energy.Values.Single(v => v.Name == "dram_byte").Assumed);
    }

    [Fact]
    public void Calc_bandwidth_is_null_for_a_systolic_array()
    {
        AcceleratorDescription d = AcceleratorReader.Parse("accel.yaml", Systolic.Replace("dram_bytes_per_cycle: 10", "dram_bytes_per_cycle: calc"));
        Assert.Null(d.DramBytesPerCycle);
    }

    [Fact]
    public void An_smv_description_names_its_three_scratchpads()
    {
        AcceleratorDescription d = AcceleratorReader.Parse("smv.yaml", """
            name: smv
            clock_mhz: 1000
            smv: { pes: 8, macs_per_pe: 32, vector_width: 8, pipelined_dma: true }
            scratchpads_kib: { spad0: 32, spad1: 32, spad2: 32 }
            dram_bytes_per_cycle: 16
            host_link: { bytes_per_cycle: 8, latency_cycles: 200 }
            """);
        Assert.True(d.Smv!.PipelinedDma);
        Assert.Equal(new[] { "spad0", "spad1", "spad2" }, d.Scratchpads.Select(s => s.Name));
        Assert.Equal(8, d.VectorLanes);
        Assert.False(d.HostLink.Assumed);
        Assert.Equal(200, d.HostLink.LatencyCycles);
    }

    [Fact]
    public void An_unknown_dataflow_is_KNB0503_at_its_line_and_column()
    {
        AcceleratorDiagnostic d = Refused(Systolic.Replace("dataflow: ws", "dataflow: rs")).Diagnostics.Single();
        Assert.Equal(("KNB0503", 6, 13), (d.Id, d.Line, d.Column));
        Assert.Contains("none of os", d.Message);
        Assert.StartsWith("accel.yaml(6,13): error KNB0503: ", d.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        string text = Systolic.Replace("rows: 32", "rows: 0").Replace("ofmap: 64", "ofmap: lots").Replace("clock_mhz: 1000", "clock_mhz: -1");
        var ids = Refused(text).Diagnostics.Select(d => (d.Id, d.Line)).ToList();
        Assert.Equal(new[] { ("KNB0503", 2), ("KNB0503", 4), ("KNB0503", 10) }, ids.OrderBy(i => i.Line));
    }

    [Fact]
    public void Unknown_missing_and_repeated_keys_are_KNB0502()
    {
        Assert.Contains(Refused(Systolic + "\nbanks: 4").Diagnostics, d => d.Id == "KNB0502" && d.Message.Contains("unknown key 'banks'"));
        Assert.Contains(Refused(Systolic.Replace("name: arr32_ws\n", "")).Diagnostics, d => d.Id == "KNB0502" && d.Message.Contains("no 'name'"));
        Assert.Contains(Refused(Systolic + "\nclock_mhz: 500").Diagnostics, d => d.Id == "KNB0502" && d.Message.Contains("given twice"));
        Assert.Contains(Refused(Systolic + "\nsmv: { pes: 8, macs_per_pe: 32, vector_width: 8 }").Diagnostics, d => d.Message.Contains("not both"));
    }

    [Fact]
    public void A_name_that_is_not_a_device_identifier_is_refused()
    {
        Assert.Contains(Refused(Systolic.Replace("name: arr32_ws", "name: ../x")).Diagnostics, d => d.Id == "KNB0503" && d.Message.Contains("accel:<name>"));
    }

    [Fact]
    public void Aliases_anchors_and_mapping_keys_are_refused_as_they_stream_in()
    {
        Assert.Equal("KNB0501", Refused("name: &a arr\nclock_mhz: *a").Diagnostics.Single().Id);
        Assert.Equal("KNB0501", Refused("? [a, b]\n: 1").Diagnostics.Single().Id);
        Assert.Equal("KNB0501", Refused(new string('[', 100)).Diagnostics.Single().Id);
        Assert.Equal("KNB0501", Refused(Systolic + "\n---\nname: other").Diagnostics.Single().Id);
    }

    [Fact]
    public void Calc_is_refused_for_an_smv_datapath()
    {
        var e = Refused("name: s\nclock_mhz: 1\nsmv: { pes: 8, macs_per_pe: 32, vector_width: 8 }\nscratchpads_kib: { spad0: 32, spad1: 32, spad2: 32 }\ndram_bytes_per_cycle: calc");
        Assert.Contains(e.Diagnostics, d => d.Id == "KNB0503" && d.Line == 5);
    }

    [Fact]
    public void A_file_of_many_problems_lists_a_hundred_and_says_there_are_more()
    {
        string text = Systolic + "\n" + string.Concat(System.Linq.Enumerable.Range(0, 5000).Select(i => $"unknown{i}: 1\n"));
        var e = Refused(text);
        Assert.Equal(AcceleratorReader.MaxDiagnostics + 1, e.Diagnostics.Count);
        Assert.Contains("more than 100 problems", e.Diagnostics[^1].Message);
    }

    [Fact]
    public void Comments_flow_mappings_quotes_and_a_document_marker_read_as_YAML_does()
    {
        AcceleratorDescription d = AcceleratorReader.Parse("a.yaml", """
            ---
            # an accelerator
            name: 'arr_8'   # quoted
            clock_mhz: 250.5
            systolic: { rows: 8, columns: 16, dataflow: os }
            scratchpads_kib: {ifmap: 0.5, filter: 1, ofmap: 2}
            dram_bytes_per_cycle: 8
            """);
        Assert.Equal("arr_8", d.Name);
        Assert.Equal(250.5e6, d.ClockHz);
        Assert.Equal((8, 16, ArrayDataflow.OutputStationary), (d.Systolic!.Rows, d.Systolic.Columns, d.Systolic.Dataflow));
        Assert.Equal(new[] { 512L, 1024L, 2048L }, d.Scratchpads.Select(s => s.Bytes));
    }

    [Theory]
    [InlineData("name: [a, b]", "a list")]
    [InlineData("name: |\n  x", "multi-line")]
    [InlineData("name: !tag x", "tags")]
    [InlineData("- a", "a list item")]
    [InlineData("name:\tx\n\tclock_mhz: 1", "tab")]
    public void What_the_subset_leaves_out_is_refused_at_its_place(string text, string why)
    {
        AcceleratorDiagnostic d = Refused(text).Diagnostics.Single();
        Assert.Equal("KNB0501", d.Id);
        Assert.Contains(why, d.Message);
    }

    [Fact]
    public void A_missing_file_is_KNB0501()
    {
        var e = Assert.Throws<AcceleratorInputException>(() => AcceleratorReader.Load("/nonexistent/accel.yaml"));
        Assert.Equal("KNB0501", e.Diagnostics.Single().Id);
        Assert.Contains("does not exist", e.Message);
    }
}
