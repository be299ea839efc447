using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Profiles;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;

namespace Knobs.Core.Tests.Simulation;

public sealed class ValidationTests
{
    private const string Text =
        "15.1\n+++++\nconf1 1 1 98.7 0.0\n1 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n2 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n-----\n" +
        "+++++\nconf2 1 1 98.6 0.1\n1 gpu conv perf 121 add fp32 1 tanh fp32 1 pool_max fp32 1\n2 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
        "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n-----\n";

    internal static (SimulationResult, LookupTable) Simulate()
    {
        LookupTable table = SampleTables.Build();
        var simulator = new Simulator(table);
        return (simulator.Simulate(ConfigurationReader.Parse(Text, "c.txt", simulator.ReaderOptions()).File!, SimulatorTests.GpuOnCpu), table);
    }

    internal static (string, Profile) Measured(string name, int index, string knob, int id, double totalMs)
    {
        var nodes = Enumerable.Range(1, 5).Select(n => new ProfileConfigurationNode(n, n == 1 ? knob : "fp32", n == 1 ? id : 11)).ToList();
        var config = new ProfileConfiguration("c.txt", name, index, nodes);
        Profile p = SampleProfiles.Create(SampleTables.Benchmark, name, null,
            new[] { new SampleProfiles.Op(1, "conv", "Convolution", "fp32", 11, totalMs) }, configuration: config);
        return ($"{name}.profile.jsonl", p);
    }

    [Fact]
    public void PredictedAndMeasuredSpeedupsAreComparedPerConfiguration()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        double baselineMeasured = table.Knobs[0].Total!.Mean; // 15.1: the fp32 variant's whole run
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf2", 2, "perf", 121, 14.0), Measured("conf1", 1, "fp32", 11, 15.1) });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal(new[] { "conf1", "conf2" }, report.Rows.Select(r => r.Name));
        ValidationRow conf2 = report.Rows[1];
        Assert.Equal(15.1 / 14.2, conf2.PredictedSpeedup, 9);
        Assert.Equal(baselineMeasured / 14.0, conf2.MeasuredSpeedup, 9);
        Assert.Equal((15.1 / 14.2 - baselineMeasured / 14.0) / (baselineMeasured / 14.0), conf2.Error, 9);
        Assert.Equal(System.Math.Abs(conf2.Error), report.MaxAbsError, 12);
        Assert.Equal((System.Math.Abs(report.Rows[0].Error) + System.Math.Abs(conf2.Error)) / 2, report.MeanAbsError, 12);
        Assert.Contains("2 configurations measured; speedup error |mean|", report.ToText());
        Assert.Equal((14.2 - 14.0) / 14.0, conf2.TimeError, 9);
        Assert.Equal(System.Math.Max(System.Math.Abs(report.Rows[0].TimeError), System.Math.Abs(conf2.TimeError)), report.MaxAbsTimeError, 12);
        Assert.Equal(3, report.ToCsv().TrimEnd('\n').Split('\n').Length);
    }

    internal static (string, Profile) Baseline(string knob, int id, double totalMs) =>
        ($"{knob}_{id}.profile.jsonl", SampleProfiles.Create(SampleTables.Benchmark, $"{knob}_{id}", new ProfileKnob(knob, id),
            new[] { new SampleProfiles.Op(1, "conv", "Convolution", knob, id, totalMs) }));

    [Fact]
    public void MeasuredSpeedupUsesTheBaselineMeasuredInTheSamePass()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        double tableBaseline = table.Knobs[0].Total!.Mean;
        // The machine got 2x slower between profiling and validation: the configuration and the baseline runs both show it.
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf2", 2, "perf", 121, 28.0) },
            new[] { Baseline("fp32", 11, 30.0), Baseline("fp32", 11, 31.0) });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        ValidationRow conf2 = Assert.Single(report.Rows);
        Assert.Equal(30.5 / 28.0, conf2.MeasuredSpeedup, 9);
        Assert.Equal(tableBaseline / 28.0, conf2.TableBaselineSpeedup, 9);
        Assert.Equal((conf2.PredictedSpeedup - 30.5 / 28.0) / (30.5 / 28.0), conf2.Error, 9);
        Assert.Equal("validation pass", report.BaselineSource);
        Assert.Equal(30.5, report.BaselineTime!.Value, 9);
        Assert.Equal(tableBaseline, report.TableBaselineTime!.Value, 9);
        Assert.Contains("baseline: 30.5 ms measured in this pass (30, 31); 15.1 ms in the table (drift +102.0 %)", report.ToText());
        string[] csv = report.ToCsv().TrimEnd('\n').Split('\n');
        Assert.Equal(ValidationReport.CsvHeader, csv[0]);
        Assert.EndsWith(",30.5,validation pass," + tableBaseline.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "," + (tableBaseline / 28.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ","
            + conf2.TableBaselineError.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",,", csv[1]);
    }

    private static (string, Profile) At((string Path, Profile P) m, string startedUtc)
    {
        ProfileHeader h = m.P.Header;
        return (m.Path, new Profile(new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, startedUtc),
            m.P.Ops, m.P.Qos, m.P.Summary));
    }

    [Fact]
    public void EachConfigurationIsComparedWithTheBaselineRunsOnEitherSideOfIt()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        // Load rose during the pass: the baseline took 10, then 20, then 40 ms.
        ValidationReport report = ValidationReport.Create(sim, table,
            new[] { At(Measured("conf1", 1, "fp32", 11, 15.0), "2026-11-21T10:02:00Z"), At(Measured("conf2", 2, "perf", 121, 28.0), "2026-11-21T10:07:00Z") },
            new[] { At(Baseline("fp32", 11, 40.0), "2026-11-21T10:10:00Z"), At(Baseline("fp32", 11, 10.0), "2026-11-21T10:00:00Z"),
                    At(Baseline("fp32", 11, 20.0), "2026-11-21T10:05:00Z") });
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal(15.0, report.Rows[0].BaselineTime, 9);
        Assert.Equal(15.0 / 15.0, report.Rows[0].MeasuredSpeedup, 9);
        Assert.Equal(30.0, report.Rows[1].BaselineTime, 9);
        Assert.Equal(30.0 / 28.0, report.Rows[1].MeasuredSpeedup, 9);
        Assert.Equal(70.0 / 3, report.BaselineTime!.Value, 9);
    }

    [Fact]
    public void WithoutPassBaselineTheTableBaselineIsUsedAndSaid()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf2", 2, "perf", 121, 14.0) });
        ValidationRow conf2 = Assert.Single(report.Rows);
        Assert.Equal(conf2.TableBaselineSpeedup, conf2.MeasuredSpeedup, 12);
        Assert.Equal("table", report.BaselineSource);
        Assert.Contains("none measured in this pass", report.ToText());
    }

    [Fact]
    public void BaselineRunOfAnotherKnobIsAnErrorAndNotUsed()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf2", 2, "perf", 121, 14.0) },
            new[] { Baseline("perf", 121, 10.0) });
        ConfigurationDiagnostic d = Assert.Single(report.Diagnostics);
        Assert.Contains("the baseline run measured perf_121, not the fp32 variant", d.Message);
        Assert.Equal("table", report.BaselineSource);
        Assert.Equal(table.Knobs[0].Total!.Mean / 14.0, Assert.Single(report.Rows).MeasuredSpeedup, 9);
    }

    [Fact]
    public void MeasuredProfileOfADifferentConfigurationIsAnError()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        ValidationReport report = ValidationReport.Create(sim, table, new[] { Measured("conf2", 2, "perf", 122, 14.0) });
        ConfigurationDiagnostic d = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticIds.MeasuredMismatch, d.Id);
        Assert.Contains("node 1 was measured with perf 122 but conf2 gives it perf 121", d.Message);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public void MeasurementFromAnotherMachineIsRefused()
    {
        (SimulationResult sim, LookupTable table) = Simulate();
        (string path, Profile p) = Measured("conf1", 1, "fp32", 11, 15);
        var moved = new Profile(new ProfileHeader(p.Header.Benchmark, p.Header.Variant, null, p.Header.Configuration, p.Header.Settings,
            SampleProfiles.Environment(cpu: "Apple M2"), p.Header.StartedUtc), p.Ops, null, p.Summary);
        ValidationReport report = ValidationReport.Create(sim, table, new[] { (path, moved) });
        Assert.Contains("different environment", Assert.Single(report.Diagnostics).Message);
    }
}
