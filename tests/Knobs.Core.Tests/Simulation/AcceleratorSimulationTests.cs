using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

/// <summary>
/// A modelled accelerator is a device like any other: <c>accel:&lt;name&gt;</c> lines select its table, the DMA copies are
/// added where a configuration moves between it and the host, <c>gpu</c> lines can be mapped onto it explicitly, and its
/// modelled detail (cycles, utilisation, traffic) survives profiles and tables.
/// </summary>
public sealed class AcceleratorSimulationTests
{
    private const double Speed = 0.5, Dma = 0.02;

    private static readonly ProfileDevice Accel = new("accel:arr32_ws", "arr32_ws", new[] { new KeyValuePair<string, string>("engine", "systolic") });

    private static ModelledDetail Detail(OpRecord o) => new("systolic", 1000 * o.Node, 10 * o.Node, 5000, 0, 0.5,
        new[] { new ModelledTraffic("dram", 4096, 1024), new ModelledTraffic("ifmap", 8192, 4096) });

    private static Profile OnAccelerator(string approx, int id)
    {
        Profile p = SampleTables.Profile(approx, id);
        ProfileHeader h = p.Header;
        var header = new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, h.StartedUtc, Accel);
        var ops = p.Ops.Select(o => new OpRecord(o.Node, o.NodeName, o.Index, o.Kind, o.Op, o.Approx, o.KnobId, Scaled(o.Time), 1e-6, o.F2h, o.H2f,
            null, Provenance.Modelled, new ConversionCost(Dma, 1e-7), new ConversionCost(Dma, 1e-7), Detail(o))).ToList();
        return new Profile(header, ops, p.Qos, p.Summary);
    }

    private static ProfileStatistics Scaled(ProfileStatistics s) => new(1, s.Mean * Speed, s.Mean * Speed, 0, s.Mean * Speed, s.Mean * Speed, s.Mean * Speed, s.Mean * Speed, 0, false);

    private static IReadOnlyList<LookupTable> Tables(bool cpu)
    {
        var profiles = new List<(string, Profile)>();
        foreach ((string approx, int id) in SampleTables.Knobs)
        {
            if (cpu) profiles.Add(($"cpu/{approx}_{id}", SampleTables.Profile(approx, id)));
            profiles.Add(($"accel/{approx}_{id}", OnAccelerator(approx, id)));
        }
        TableBuildResult built = TableBuilder.Build(profiles);
        Assert.False(built.HasErrors, string.Join("\n", built.Diagnostics));
        return built.Tables;
    }

    /// <summary>The sample benchmark's table on a modelled accelerator (for other tests).</summary>
    internal static LookupTable AcceleratorTable() => Tables(cpu: false).Single();

    private static string File(string device1, string device3) =>
        "10.0\n+++++\nconf1 1 1 90 0.0\n" +
        $"1 {device1} conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        $"2 {device1} conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        $"3 {device3} mul fp32 11 add fp32 1 tanh fp32 1\n" +
        $"4 {device3} mul fp32 11 add fp32 1 tanh fp32 1\n" +
        $"5 {device3} softmax fp32 1\n-----\n";

    private static double Sum(LookupTable table, IEnumerable<int> nodes) =>
        nodes.Sum(n => table.Nodes[n - 1].Ops.Sum(o => o.Cells[table.KnobIndex("fp32")]!.Mean));

    [Fact]
    public void Accel_lines_use_the_accelerators_table_and_pay_its_DMA_in_and_out()
    {
        IReadOnlyList<LookupTable> tables = Tables(cpu: true);
        var simulator = new Simulator(tables);
        ConfigurationFile file = ConfigurationReader.Parse(File("accel:arr32_ws", "cpu"), "mixed.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file);

        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        LookupTable cpu = tables.Single(t => t.DeviceKind == "cpu"), accel = tables.Single(t => t.DeviceKind == "accel:arr32_ws");
        double expected = Sum(accel, new[] { 1, 2 }) + Sum(cpu, new[] { 3, 4, 5 }) + 2 * Dma;
        Assert.Equal(expected, Assert.Single(r.Predictions).Prediction.Time, 9);
    }

    [Fact]
    public void Gpu_lines_are_simulated_on_the_accelerator_when_asked_and_the_file_says_so_once()
    {
        var simulator = new Simulator(Tables(cpu: false));
        ConfigurationFile file = ConfigurationReader.Parse(File("gpu", "gpu"), "hpvm.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file, new SimulationOptions { GpuDevice = "accel:arr32_ws" });

        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        ConfigurationDiagnostic warning = Assert.Single(r.Diagnostics, d => d.Id == DiagnosticIds.GpuMappedToDevice);
        Assert.Contains("accel:arr32_ws", warning.Message);
        Assert.Contains("modelled", warning.Message);
        // The baseline runs on the accelerator too; both start with the input's DMA onto it.
        Assert.Equal(r.Baseline!.Value.Time, Assert.Single(r.Predictions).Prediction.Time, 9);
    }

    [Fact]
    public void Mapping_gpu_lines_onto_an_accelerator_without_a_table_is_an_error_that_says_how_to_make_one()
    {
        var simulator = new Simulator(Tables(cpu: true));
        ConfigurationFile file = ConfigurationReader.Parse(File("gpu", "gpu"), "hpvm.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file, new SimulationOptions { GpuDevice = "accel:smv" });

        ConfigurationDiagnostic error = Assert.Single(r.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticIds.DeviceNotInTable, error.Id);
        Assert.Contains("KnobsSimulateGpuOn=accel:smv", error.Message);
        Assert.Contains("KnobsAccelerator", error.Message);
    }

    [Theory]
    [InlineData("accel:")]
    [InlineData("accel:a/b")]
    [InlineData("tpu")]
    public void A_device_word_that_is_no_device_is_KNB0214(string device)
    {
        ConfigurationReadResult read = ConfigurationReader.Parse(File(device, "cpu"), "bad.txt");
        Assert.Contains(read.Diagnostics, d => d.Id == DiagnosticIds.UnknownDevice && d.Line == 4 && d.Message.Contains("accel:<name>"));
    }

    [Fact]
    public void The_modelled_detail_survives_the_profile_and_the_table_and_measured_ops_write_none()
    {
        Profile modelled = OnAccelerator("fp32", 11);
        string text = ProfileWriter.ToText(modelled);
        Profile read = ProfileReader.Read(new StringReader(text), "p.jsonl");
        OpRecord op = read.Ops[0];
        Assert.Equal(Provenance.Modelled, op.Provenance);
        Assert.Equal(("systolic", 1000L, 10L, 5000L, 0.5), (op.Modelled!.Engine, op.Modelled.Cycles, op.Modelled.StallCycles, op.Modelled.Macs, op.Modelled.Utilisation));
        Assert.Equal(new[] { ("dram", 4096L, 1024L), ("ifmap", 8192L, 4096L) }, op.Modelled.Traffic.Select(t => (t.Memory, t.BytesRead, t.BytesWritten)));
        Assert.Equal(text, ProfileWriter.ToText(read));
        Assert.DoesNotContain("\"model\"", ProfileWriter.ToText(SampleTables.Profile("fp32", 11)));

        LookupTable accel = Tables(cpu: false).Single();
        LookupTable again = TableJsonReader.Parse(TableJsonWriter.ToText(accel), "t.json");
        Assert.Equal(2000L, again.Nodes[1].Ops[0].Cells[0]!.Modelled!.Cycles);
        Assert.Equal(TableJsonWriter.ToText(accel), TableJsonWriter.ToText(again));
    }

    [Fact]
    public void A_stall_count_above_the_cycles_is_refused_when_read()
    {
        string text = ProfileWriter.ToText(OnAccelerator("fp32", 11)).Replace("\"stallCycles\":10,", "\"stallCycles\":999999,");
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(text), "p.jsonl"));
        Assert.Contains("stallCycles", e.Message);
    }
}
