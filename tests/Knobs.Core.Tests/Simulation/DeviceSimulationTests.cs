using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Profiles;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

/// <summary>
/// A configuration's <c>cpu</c> and <c>gpu</c> words select each node's device table; wherever consecutive nodes run on
/// different devices the simulator adds the measured copy (<c>h2d</c>, <c>d2h</c>); a device without a table is an
/// error naming node and device, unless gpu lines are explicitly mapped to the CPU.
/// </summary>
public sealed class DeviceSimulationTests
{
    private const double GpuSpeed = 0.25, H2d = 0.03, D2h = 0.05;

    private static readonly ProfileDevice Gpu = new(ProfileDevice.Gpu, "NVIDIA H100 80GB HBM3");

    // The LeNet sample measured on a GPU: every op 4× faster, and each op's input copy to and from the device measured.
    private static Profile OnGpu(string approx, int id)
    {
        Profile p = SampleTables.Profile(approx, id, environment: SampleProfiles.Environment(meter: "nvml"));
        ProfileHeader h = p.Header;
        var header = new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, h.StartedUtc, Gpu);
        var ops = p.Ops.Select(o => new OpRecord(o.Node, o.NodeName, o.Index, o.Kind, o.Op, o.Approx, o.KnobId, Scaled(o.Time), o.Energy, o.F2h, o.H2f,
            null, Provenance.Measured, new ConversionCost(H2d * o.Node, null), new ConversionCost(D2h * o.Node, null))).ToList();
        return new Profile(header, ops, p.Qos, p.Summary);
    }

    private static ProfileStatistics Scaled(ProfileStatistics s) =>
        new(s.N, s.Mean * GpuSpeed, s.Median * GpuSpeed, s.Stdev * GpuSpeed, s.Min * GpuSpeed, s.Max * GpuSpeed, s.CiLow * GpuSpeed, s.CiHigh * GpuSpeed, s.Outliers, s.Noisy);

    private static IReadOnlyList<LookupTable> BothDevices()
    {
        var profiles = new List<(string, Profile)>();
        foreach ((string approx, int id) in SampleTables.Knobs)
        {
            profiles.Add(($"cpu/{approx}_{id}", SampleTables.Profile(approx, id)));
            profiles.Add(($"gpu/{approx}_{id}", OnGpu(approx, id)));
        }
        TableBuildResult built = TableBuilder.Build(profiles);
        Assert.False(built.HasErrors, string.Join("\n", built.Diagnostics));
        return built.Tables;
    }

    private const string Mixed =
        "10.0\n+++++\nconf1 1 1 90 0.0\n" +
        "1 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        "2 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        "3 cpu mul fp32 11 add fp32 1 tanh fp32 1\n" +
        "4 cpu mul fp32 11 add fp32 1 tanh fp32 1\n" +
        "5 gpu softmax fp32 1\n-----\n";

    private static double Sum(LookupTable table, IEnumerable<int> nodes) =>
        nodes.Sum(n => table.Nodes[n - 1].Ops.Sum(o => o.Cells[table.KnobIndex("fp32")]!.Mean));

    [Fact]
    public void CpuAndGpuLinesUseTheirDevicesTablesAndAddTheCopiesBetweenThem()
    {
        IReadOnlyList<LookupTable> tables = BothDevices();
        var simulator = new Simulator(tables);
        ConfigurationFile file = ConfigurationReader.Parse(Mixed, "mixed.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file);

        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        LookupTable cpu = tables.Single(t => t.DeviceKind == "cpu"), gpu = tables.Single(t => t.DeviceKind == "gpu");
        // Onto the GPU at node 1's first op, back to the host at node 3's, onto the GPU again at node 5's.
        double copies = H2d * 1 + D2h * 3 + H2d * 5;
        double expected = Sum(gpu, new[] { 1, 2, 5 }) + Sum(cpu, new[] { 3, 4 }) + copies;
        Prediction p = Assert.Single(r.Predictions).Prediction;
        Assert.Equal(expected, p.Time, 9);
        Assert.Equal(0, p.UnmeasuredConversions);
        // The baseline is every op at fp32 on the CPU.
        Assert.Equal(Sum(cpu, Enumerable.Range(1, 5)), r.Baseline!.Value.Time, 9);
    }

    [Fact]
    public void AGpuLineWithoutAGpuTableIsAnErrorNamingNodeAndDevice()
    {
        var simulator = new Simulator(SampleTables.Build());
        ConfigurationFile file = ConfigurationReader.Parse(Mixed, "mixed.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file);

        ConfigurationDiagnostic d = Assert.Single(r.Diagnostics, x => x.IsError);
        Assert.Equal(DiagnosticIds.DeviceNotInTable, d.Id);
        Assert.Equal(4, d.Line);
        Assert.Contains("node 1 runs on gpu", d.Message);
        Assert.Contains("KnobsSimulateGpuOnCpu", d.Message);
        Assert.Empty(r.Predictions);
    }

    [Fact]
    public void MappingGpuLinesToTheCpuIsExplicitAndWarned()
    {
        var simulator = new Simulator(SampleTables.Build());
        ConfigurationFile file = ConfigurationReader.Parse(Mixed, "mixed.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file, new SimulationOptions { GpuOnCpu = true });

        Assert.False(r.HasErrors);
        Assert.Single(r.Diagnostics, x => x.Id == DiagnosticIds.GpuMappedToCpu);
        Assert.Equal(r.Baseline!.Value.Time, Assert.Single(r.Predictions).Prediction.Time, 9);
    }

    [Fact]
    public void ACopyNoProfileMeasuredIsCountedNotInvented()
    {
        var profiles = new List<(string, Profile)>();
        foreach ((string approx, int id) in SampleTables.Knobs)
        {
            profiles.Add(($"cpu/{approx}_{id}", SampleTables.Profile(approx, id)));
            Profile gpu = OnGpu(approx, id);
            // A GPU profile without copies: the h2d/d2h costs are unknown.
            var ops = gpu.Ops.Select(o => new OpRecord(o.Node, o.NodeName, o.Index, o.Kind, o.Op, o.Approx, o.KnobId, o.Time, o.Energy, o.F2h, o.H2f)).ToList();
            profiles.Add(($"gpu/{approx}_{id}", new Profile(gpu.Header, ops, gpu.Qos, gpu.Summary)));
        }
        var simulator = new Simulator(TableBuilder.Build(profiles).Tables);
        ConfigurationFile file = ConfigurationReader.Parse(Mixed, "mixed.txt", simulator.ReaderOptions()).File!;

        SimulationResult r = simulator.Simulate(file);

        Assert.Equal(3, Assert.Single(r.Predictions).Prediction.UnmeasuredConversions);
        Assert.Contains(r.Diagnostics, d => d.Id == DiagnosticIds.ConversionNotMeasured);
    }
}
