using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Simulation;

/// <summary>The simulated configuration file of a real HPVM configuration file parses with HPVM's header grammar.</summary>
public sealed class HpvmReadableOutputTests
{
    private static readonly string LeNet = Path.Combine(RepoPaths.HpvmData, "tuner_confs", "lenet_mnist.txt");

    private static (ConfigurationFile File, SimulationResult Result, string Written) SimulateLeNet(bool energy, string? text = null)
    {
        ConfigurationFile file = text is null ? ConfigurationReader.ReadFile(LeNet).File! : ConfigurationReader.Parse(text, LeNet).File!;
        var knobs = file.Configurations.SelectMany(c => c.Nodes).SelectMany(n => n.Ops).Select(o => (o.Approx, o.KnobId)).Distinct();
        var simulator = new Simulator(SampleTables.Build(knobs, energy));
        SimulationResult result = simulator.Simulate(file, SimulatorTests.GpuOnCpu);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return (file, result, ConfigurationWriter.ToText(SimulationWriter.Rewrite(file, result)));
    }

    [Fact]
    public void WithoutMeasuredEnergyTheHeadersRepeatTheInputsEnergyAndParseAsHpvmNumbers()
    {
        var (_, result, written) = SimulateLeNet(energy: false);
        var input = HpvmConfigurationGrammar.Parse(File.ReadAllText(LeNet));
        var output = HpvmConfigurationGrammar.Parse(written);

        Assert.Equal(51, output.Configurations.Count);
        Assert.DoesNotContain(" NA ", written, StringComparison.Ordinal);
        Assert.Equal(result.Baseline!.Value.Time, output.Baseline);
        for (int i = 0; i < 51; i++)
        {
            HpvmConfigurationGrammar.Header before = input.Configurations[i], after = output.Configurations[i];
            Assert.Equal(before.Name, after.Name);
            Assert.Equal(result.Predictions[i].Speedup, after.Speedup);
            Assert.Equal(before.Energy, after.Energy);
            Assert.Equal(before.Accuracy, after.Accuracy);
            Assert.Equal(before.AccuracyLoss, after.AccuracyLoss);
            Assert.Equal(before.NodeLines, after.NodeLines);
        }
        // conf2's energy field exactly as lenet_mnist.txt has it.
        Assert.Contains(" 2.071721708828981 98.65 0.04999999999999716\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WithMeasuredEnergyTheHeadersHoldTheSimulatedEnergyReductionAndParseAsHpvmNumbers()
    {
        var (file, result, written) = SimulateLeNet(energy: true);
        var output = HpvmConfigurationGrammar.Parse(written);

        Assert.Equal(51, output.Configurations.Count);
        for (int i = 0; i < 51; i++)
        {
            Assert.Equal(result.Predictions[i].EnergyReduction!.Value, output.Configurations[i].Energy);
            Assert.Equal(result.Predictions[i].Speedup, output.Configurations[i].Speedup);
        }
        Assert.Null(SimulationWriter.RepeatedEnergyWarning(file, result));
    }

    [Fact]
    public void UnmeasuredEnergyIsOneWarningThatNamesTheRepeatedFieldAndTheCsvSaysNotMeasured()
    {
        var (file, result, _) = SimulateLeNet(energy: false);

        ConfigurationDiagnostic d = SimulationWriter.RepeatedEnergyWarning(file, result)!;
        Assert.Equal(DiagnosticIds.EnergyFieldRepeated, d.Id);
        Assert.False(d.IsError);
        Assert.Equal(LeNet, d.File);
        // The simulation itself does not warn: the report says "not measured" on its own; the warning is the written file's.
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == DiagnosticIds.EnergyFieldRepeated);
        Assert.Contains("energy was not measured for 51 configuration(s)", d.Message, StringComparison.Ordinal);
        Assert.Contains("repeats this file's value", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not numbers", d.Message, StringComparison.Ordinal);
        string[] conf2 = SimulationWriter.ToCsv(result).Split('\n')[2].Split(',');
        Assert.Equal(("", ""), (conf2[3], conf2[5]));
    }

    [Fact]
    public void AnInputEnergyFieldThatIsNotANumberIsRepeatedAndTheWarningSaysHpvmCannotReadIt()
    {
        string text = File.ReadAllText(LeNet).Replace("conf2 1.828613181003043 2.071721708828981 ", "conf2 1.828613181003043 NA ", StringComparison.Ordinal);
        var (file, result, written) = SimulateLeNet(energy: false, text);

        Assert.Contains(" NA 98.65 ", written, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => HpvmConfigurationGrammar.Parse(written));
        ConfigurationDiagnostic d = SimulationWriter.RepeatedEnergyWarning(file, result)!;
        Assert.Contains("1 of those fields are not numbers here", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGrammarRejectsNAInAnyHeaderNumberAsHpvmsFloatParsingDoes()
    {
        const string nodes = "1 gpu conv fp32 11 add fp32 1\n";
        Assert.Single(HpvmConfigurationGrammar.Parse("282.5\n+++++\nconf1 1 1 98.7 0.0\n" + nodes + "-----\n").Configurations);
        foreach (string header in new[] { "conf1 NA 1 98.7 0.0", "conf1 1 NA 98.7 0.0", "conf1 1 1 NA 0.0", "conf1 1 1 98.7 NA" })
        {
            var e = Assert.Throws<FormatException>(() => HpvmConfigurationGrammar.Parse("282.5\n+++++\n" + header + "\n" + nodes + "-----\n"));
            Assert.Contains("'NA' is not a number", e.Message, StringComparison.Ordinal);
        }
        Assert.Throws<FormatException>(() => HpvmConfigurationGrammar.Parse("NA\n+++++\nconf1 1 1 98.7 0.0\n" + nodes + "-----\n"));
    }

    [Fact]
    public void EveryRealHpvmConfigurationFileParsesWithTheGrammar()
    {
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.HpvmData, "tuner_confs"), "*.txt"))
        {
            var parsed = HpvmConfigurationGrammar.Parse(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal));
            Assert.True(parsed.Baseline > 0, path);
        }
    }
}
