using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Simulation;

namespace Knobs.Samples.Tests;

public sealed class SimulationTests : IClassFixture<MeasuredTables>
{
    private readonly MeasuredTables _tables;

    public SimulationTests(MeasuredTables tables) => _tables = tables;

    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void SimulatorAcceptsTheHpvmTunerConfsUnchanged(string network)
    {
        string confs = MeasuredTables.ConfsPath(network);
        int configurations = File.ReadLines(confs).Count(l => l.StartsWith("+++++", System.StringComparison.Ordinal));

        SimulationResult result = new Simulator(_tables.For(network)).SimulateFile(confs, new SimulationOptions { GpuOnCpu = true });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => $"{d.Id} {d.Message}")));
        Assert.Equal(configurations, result.Predictions.Count);
        Assert.All(result.Predictions, p => Assert.True(p.Speedup > 0));
        // gpu lines run on the CPU backend, said once.
        var gpu = Assert.Single(result.Diagnostics, d => d.Id == DiagnosticIds.GpuMappedToCpu);
        Assert.Equal(ConfigurationSeverity.Warning, gpu.Severity);
        Assert.DoesNotContain('\n', gpu.Message);
    }

    [Theory]
    [InlineData("perf", 121)]
    [InlineData("samp", 231)]
    public void ConvOnlyKnobOnAGroupConvolutionIsAnErrorNamingNodeAndKnob(string approx, int id)
    {
        // mobilenet node 4 is a depthwise (group) convolution: HPVM perforates and samples plain convolutions only.
        string confs = MeasuredTables.ConfsPath("mobilenet_cifar10");
        string[] lines = File.ReadAllLines(confs);
        int nodeFour = System.Array.FindIndex(lines, l => l.StartsWith("4 gpu group_conv ", System.StringComparison.Ordinal));
        lines[nodeFour] = $"4 gpu group_conv {approx} {id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        string path = Path.Combine(Path.GetTempPath(), "knobs-samples-" + System.Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(path, lines);
        try
        {
            SimulationResult result = new Simulator(_tables.For("mobilenet_cifar10")).SimulateFile(path, new SimulationOptions { GpuOnCpu = true });

            var error = Assert.Single(result.Diagnostics, d => d.Id == DiagnosticIds.KnobNotApplicable);
            Assert.True(error.IsError);
            Assert.Contains("node 4", error.Message);
            Assert.Contains("group_conv", error.Message);
            Assert.Contains($"{approx} {id}", error.Message);
            Assert.Equal(nodeFour + 1, error.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
