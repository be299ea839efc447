using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Simulation;

public sealed class SimulatorTests
{
    private const string Fp32 = "1 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n2 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
                                "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n";
    private const string Fp16 = "1 gpu conv fp16 12 add fp16 1 tanh fp16 1 pool_max fp16 1\n2 gpu conv fp16 12 add fp16 1 tanh fp16 1 pool_max fp16 1\n" +
                                "3 gpu mul fp16 12 add fp16 1 tanh fp16 1\n4 gpu mul fp16 12 add fp16 1 tanh fp16 1\n5 gpu softmax fp32 1\n";

    private static string File(params (string Name, string Nodes)[] configs) =>
        "282.5\n" + string.Concat(configs.Select(c => "+++++\n" + c.Name + " 1 1 98.7 0.0\n" + c.Nodes + "-----\n"));

    // HPVM files write gpu on every line; these tests simulate them with the CPU table, as asked for explicitly.
    internal static readonly SimulationOptions GpuOnCpu = new() { GpuOnCpu = true };

    private static SimulationResult Simulate(string text, LookupTable? table = null, SimulationOptions? options = null)
    {
        options ??= GpuOnCpu;
        var simulator = new Simulator(table ?? SampleTables.Build());
        ConfigurationReadResult read = ConfigurationReader.Parse(text, "confs.txt", simulator.ReaderOptions());
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        return simulator.Simulate(read.File!, options);
    }

    [Fact]
    public void BaselineIsTheSumOfEveryOpsFp32Time()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32)));
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        Assert.Equal(15.1, r.Baseline!.Value.Time, 9);
        Assert.Equal(1.0, r.Predictions[0].Speedup, 12);
    }

    [Fact]
    public void AllFp16AddsTheMeasuredConversionsAtThePrecisionChanges()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", Fp16)));
        Prediction p = r.Predictions[1].Prediction;
        // 0.6 × (15.1 − 0.05 softmax) + 0.05 softmax + 0.05 f2h into node 1 + 0.002 h2f into softmax
        Assert.Equal(9.132, p.Time, 9);
        Assert.Equal(0, p.UnmeasuredConversions);
        Assert.Equal(15.1 / 9.132, r.Predictions[1].Speedup, 9);
    }

    [Fact]
    public void PerforatedConvUsesItsColumnAndTheRestOfTheNodeStaysFp32()
    {
        string perf = Fp32.Replace("1 gpu conv fp32 11", "1 gpu conv perf 121");
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", perf)));
        Assert.Equal(15.1 - 0.9, r.Predictions[1].Prediction.Time, 9);
    }

    [Fact]
    public void PrecisionChangeWithoutAMeasuredCostIsCountedAndWarned()
    {
        string mixed = Fp32.Replace("1 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1", "1 gpu conv fp16 12 add fp16 1 tanh fp16 1 pool_max fp16 1");
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", mixed)));
        Prediction p = r.Predictions[1].Prediction;
        Assert.Equal(1.47 + 0.05 + 4.9 + 3.3 + 4.4 + 0.05, p.Time, 9);
        Assert.Equal(1, p.UnmeasuredConversions);
        Assert.Contains(r.Diagnostics, d => d.Id == DiagnosticIds.ConversionNotMeasured && !d.IsError);
    }

    [Fact]
    public void EnergyReductionIsAgainstTheBaselineEnergy()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", Fp16)), SampleTables.Build(energy: true));
        Assert.Equal(15.1 * 0.03, r.Baseline!.Value.Energy!.Value, 9);
        double fp16Energy = 9.08 * 0.03 + 0.05e-3 + 0.002e-3;
        Assert.Equal(15.1 * 0.03 / fp16Energy, r.Predictions[1].EnergyReduction!.Value, 9);
        Assert.Null(Simulate(File(("conf1", Fp16))).Predictions[0].EnergyReduction);
    }

    [Fact]
    public void AnotherBaselineKnobCanBeChosen()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", Fp16)), options: new SimulationOptions { BaselineKnob = "fp16", GpuOnCpu = true });
        Assert.Equal(1.0, r.Predictions[1].Speedup, 12);
        Assert.Equal(9.132 / 15.1, r.Predictions[0].Speedup, 9);
    }

    [Fact]
    public void KnobMissingFromTheTableIsAnErrorNamingNodeAndKnob()
    {
        string samp = Fp16.Replace("2 gpu conv fp16 12", "2 gpu conv samp_fp16 263");
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", samp)));
        ConfigurationDiagnostic d = Assert.Single(r.Diagnostics, x => x.IsError);
        Assert.Equal((DiagnosticIds.KnobNotInTable, 13, 7), (d.Id, d.Line, d.Column));
        Assert.Contains("node 2 (conv) asks for knob samp_fp16_263", d.Message);
        Assert.Empty(r.Predictions);
    }

    [Fact]
    public void PerforationOnAGemmNodeIsAnErrorNamingBoth()
    {
        string bad = Fp32.Replace("3 gpu mul fp32 11", "3 gpu mul perf 121");
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", bad)));
        ConfigurationDiagnostic d = Assert.Single(r.Diagnostics, x => x.IsError);
        Assert.Equal(DiagnosticIds.KnobNotApplicable, d.Id);
        Assert.Contains("node 3 op mul cannot take perf 121: the perf_121 variant runs mul unchanged (mul, as in fp32)", d.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PredictionsDoNotDependOnHowProfilesRecordTheApproxOfUnchangedOps(bool recordPerOp)
    {
        string perf = Fp16.Replace("1 gpu conv fp16 12", "1 gpu conv perf_fp16 151");
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", perf)), SampleTables.Build(recordPerOp: recordPerOp));
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        // fp16 everywhere but node 1's conv perforated (0.55 of its fp16 time): 9.132 − 1.2 + 0.66
        Assert.Equal(9.132 - 1.2 + 0.66, r.Predictions[1].Prediction.Time, 9);
        Assert.Equal(0, r.Predictions[1].Prediction.UnmeasuredConversions);
    }

    [Fact]
    public void PerforationOnAGemmNodeIsRefusedAlsoWithATableReadFromHpvmText()
    {
        LookupTable fromText = HpvmTensorTableReader.Parse(HpvmTensorTableWriter.ToText(SampleTables.Build()), "t.tensors.txt", "LeNetMnist");
        string bad = Fp32.Replace("3 gpu mul fp32 11", "3 gpu mul perf 121");
        var simulator = new Simulator(fromText);
        SimulationResult r = simulator.Simulate(ConfigurationReader.Parse(File(("conf1", bad)), "c.txt").File!, GpuOnCpu);
        Assert.Contains("applies to convolutions only", Assert.Single(r.Diagnostics, x => x.IsError).Message);
    }

    [Fact]
    public void SimulationStopsAfterTooManyErrors()
    {
        string bad = Fp32.Replace("3 gpu mul fp32 11", "3 gpu mul perf 121");
        var configs = Enumerable.Range(1, 300).Select(i => ("conf" + i, bad)).ToArray();
        SimulationResult r = Simulate(File(configs));
        Assert.Equal(Simulator.MaxErrors + 1, r.Diagnostics.Count(d => d.IsError));
        Assert.Equal(DiagnosticIds.TooManyErrors, r.Diagnostics[^1].Id);
    }

    [Fact]
    public void GpuLinesGiveOneWarningPerFile()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", Fp16), ("conf3", Fp16)));
        Assert.Single(r.Diagnostics, d => d.Id == DiagnosticIds.GpuMappedToCpu);
        Assert.DoesNotContain(Simulate(File(("conf1", Fp32.Replace("gpu", "cpu")))).Diagnostics, d => d.Id == DiagnosticIds.GpuMappedToCpu);
    }

    [Fact]
    public void FirstConfigurationNotAllFp32IsAWarningAndDoesNotChangeTheBaseline()
    {
        SimulationResult r = Simulate(File(("conf1", Fp16), ("conf2", Fp32)));
        Assert.Contains(r.Diagnostics, d => d.Id == DiagnosticIds.FirstConfigNotBaseline && !d.IsError);
        Assert.Equal(1.0, r.Predictions[1].Speedup, 12);
    }

    [Fact]
    public void RewrittenFileKeepsOtherHeaderFieldsAndParsesAgain()
    {
        string text = "282.5\n+++++\nconf1 1 1 98.7 0.0 extra\n" + Fp32 + "-----\n+++++\nconf2 1.9 1.7 98.5 0.2\n" + Fp16 + "-----\n";
        var simulator = new Simulator(SampleTables.Build());
        ConfigurationFile file = ConfigurationReader.Parse(text, "c.txt", simulator.ReaderOptions()).File!;
        SimulationResult r = simulator.Simulate(file, GpuOnCpu);
        string written = ConfigurationWriter.ToText(SimulationWriter.Rewrite(file, r));
        string[] lines = written.Split('\n');
        Assert.Equal(15.1, double.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), 9);
        // Energy was not measured: the energy field stays as the file had it (HPVM parses it as a number).
        Assert.Equal("conf1 1 1 98.7 0.0 extra", lines[2]);
        Assert.StartsWith("conf2 1.6535", lines[10]);
        Assert.EndsWith(" 1.7 98.5 0.2", lines[10]);
        Assert.Equal(Fp16, string.Join("\n", lines.Skip(11).Take(5)) + "\n");
        Assert.False(ConfigurationReader.Parse(written, "again.txt").HasErrors);
    }

    [Fact]
    public void CsvHasOneRowPerConfiguration()
    {
        SimulationResult r = Simulate(File(("conf1", Fp32), ("conf2", Fp16)));
        string[] rows = SimulationWriter.ToCsv(r).TrimEnd('\n').Split('\n');
        Assert.Equal(SimulationWriter.CsvHeader, rows[0]);
        Assert.Equal(3, rows.Length);
        string[] fields = rows[2].Split(',');
        Assert.Equal(new[] { "conf2", "2", "", "", "98.7", "0.0", "0" }, new[] { fields[0], fields[1], fields[3], fields[5], fields[6], fields[7], fields[8] });
        Assert.Equal(9.132, double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(15.1 / 9.132, double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture), 9);
    }

    [Fact]
    public void AllFiftyOneLeNetConfigurationsSimulateInMilliseconds()
    {
        string path = Path.Combine(RepoPaths.HpvmData, "tuner_confs", "lenet_mnist.txt");
        ConfigurationFile file = ConfigurationReader.ReadFile(path).File!;
        var knobs = file.Configurations.SelectMany(c => c.Nodes).SelectMany(n => n.Ops).Select(o => (o.Approx, o.KnobId)).Distinct();
        var simulator = new Simulator(SampleTables.Build(knobs));
        simulator.Simulate(file, GpuOnCpu); // warm-up (JIT)
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SimulationResult r = simulator.Simulate(file, GpuOnCpu);
        watch.Stop();
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        Assert.Equal(51, r.Predictions.Count);
        Assert.True(watch.Elapsed.TotalMilliseconds < 50, $"51 configurations took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.All(r.Predictions.Skip(1), p => Assert.True(p.Speedup > 1));
    }
}
