using System;
using System.IO;
using System.Linq;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

/// <summary><c>knobs scalesim</c>: SCALE-Sim's command line, its three reports, and its errors.</summary>
public class ScaleSimCommandTests
{
    private static readonly string[] Reports = { "COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv" };

    private static string AnchorDir => Path.Combine(RepoPaths.Anchors, "scalesim", "reports");

    private static string ArrWsConfig => Path.Combine(AnchorDir, "arr32_ws.cfg");

    [Theory]
    [InlineData("arr32_os", "alexnet_cifar10")]
    [InlineData("arr32_os", "lenet_mnist")]
    [InlineData("arr32_ws", "alexnet_cifar10")]
    [InlineData("arr32_ws", "lenet_mnist")]
    [InlineData("arr32_is", "alexnet_cifar10")]
    [InlineData("arr32_is", "lenet_mnist")]
    public void ScaleSimWritesSCALESimsThreeReportsByteForByte(string config, string topology)
    {
        using var tmp = new TempFolder();
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", Path.Combine(AnchorDir, config + ".cfg"), "-t", Path.Combine(AnchorDir, topology + ".csv"), "-p", results);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        string written = Path.Combine(results, config);
        Assert.Equal(Reports.OrderBy(r => r, StringComparer.Ordinal), Directory.GetFiles(written).Select(Path.GetFileName).OrderBy(r => r, StringComparer.Ordinal));
        foreach (string report in Reports)
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(AnchorDir, config + "__" + topology, report));
            byte[] actual = File.ReadAllBytes(Path.Combine(written, report));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{config}__{topology}/{report} differs from SCALE-Sim's:\n--- SCALE-Sim\n{File.ReadAllText(Path.Combine(AnchorDir, config + "__" + topology, report))}\n--- knobs\n{File.ReadAllText(Path.Combine(written, report))}");
        }
    }

    [Fact]
    public void ScaleSimPrintsOneSummaryLinePerLayerUnlessQuiet()
    {
        using var tmp = new TempFolder();
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", tmp.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("arr32_ws: 32x32 weight stationary, 4 layer(s) of lenet_mnist.csv modelled in", run.Output);
        foreach (string layer in new[] { "conv1", "conv2", "dense1", "dense2" })
        {
            Assert.Matches($@"(?m)^{layer}\s+\d+\s+\d+\s+[0-9.]+\s+[0-9.]+$", run.Output);
        }

        ToolRun quiet = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", tmp.Path, "-q");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Equal("", quiet.Output);
    }

    [Fact]
    public void GemmInputTypeReadsNameMNKRowsAndWritesTheReports()
    {
        using var tmp = new TempFolder();
        // M×K times K×N: one GEMM row is the conv layer SCALE-Sim makes of it (a 1×K "filter" over M rows, N filters).
        string gemm = tmp.Write("gemm.csv", "Layer, M, N, K,\nfc1, 64, 32, 128,\nfc2, 8, 10, 32,\n");
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", gemm, "-p", results, "-i", "gemm");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 layer(s) of gemm.csv", run.Output);
        foreach (string report in Reports)
        {
            Assert.True(File.Exists(Path.Combine(results, "arr32_ws", report)), report + " missing");
        }
        string[] compute = File.ReadAllLines(Path.Combine(results, "arr32_ws", "COMPUTE_REPORT.csv"));
        Assert.Equal(3, compute.Length);
        Assert.StartsWith("0, ", compute[1], StringComparison.Ordinal);
        Assert.StartsWith("1, ", compute[2], StringComparison.Ordinal);
        Assert.All(compute.Skip(1), row => Assert.True(long.Parse(row.Split(',')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture) > 0, row));
    }

    [Fact]
    public void GemmTopologyReadAsConvIsRejected()
    {
        using var tmp = new TempFolder();
        string gemm = tmp.Write("gemm.csv", "Layer, M, N, K,\nfc1, 64, 32, 128,\n");
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", gemm, "-p", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(gemm + "(2): error KNB0506:", run.Error);
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public void FilterLargerThanTheIfmapIsAnInputErrorAtItsRowAndWritesNothing()
    {
        using var tmp = new TempFolder();
        string topology = tmp.Write("big_filter.csv",
            "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n" +
            "conv1, 32, 32, 5, 5, 1, 32, 1,\n" +
            "conv2, 4, 4, 5, 5, 32, 64, 1,\n");
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", topology, "-p", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(topology + "(3): error KNB0506: Filter Height 5 is larger than IFMAP Height 4", run.Error);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(results), "a report folder was created for a rejected topology");
    }

    [Fact]
    public void ARunNameThatWouldLeaveTheOutputFolderIsAnInputErrorAndWritesNothing()
    {
        using var tmp = new TempFolder();
        string[] lines = File.ReadAllLines(ArrWsConfig);
        int runNameLine = Array.FindIndex(lines, l => l.StartsWith("run_name", StringComparison.Ordinal)) + 1;
        Assert.True(runNameLine > 0);
        string config = tmp.Write("escape.cfg", string.Join("\n", lines.Select(l => l.StartsWith("run_name", StringComparison.Ordinal) ? "run_name = ../escaped" : l)) + "\n");
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", config, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{config}({runNameLine}): error KNB0506: run_name must be one folder name", run.Error);
        Assert.False(Directory.Exists(results));
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "escaped")), "a report folder was created outside -p");
    }

    [Fact]
    public void UnknownDataflowIsAnInputErrorAtItsLineAndWritesNothing()
    {
        using var tmp = new TempFolder();
        string[] lines = File.ReadAllLines(ArrWsConfig);
        int dataflowLine = Array.FindIndex(lines, l => l.StartsWith("Dataflow", StringComparison.Ordinal)) + 1;
        Assert.True(dataflowLine > 0);
        string config = tmp.Write("xy.cfg", string.Join("\n", lines.Select(l => l.StartsWith("Dataflow", StringComparison.Ordinal) ? "Dataflow : xy" : l)) + "\n");
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = ToolRun.Of("scalesim", "-c", config, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{config}({dataflowLine}): error KNB0506: unknown Dataflow 'xy'", run.Error);
        Assert.False(Directory.Exists(results), "a report folder was created for a rejected config");
    }

    [Theory]
    [InlineData("config")]
    [InlineData("topology")]
    public void MissingInputFileIsAnInputErrorAndWritesNothing(string which)
    {
        using var tmp = new TempFolder();
        string missing = Path.Combine(tmp.Path, "no-such-file." + (which == "config" ? "cfg" : "csv"));
        string results = Path.Combine(tmp.Path, "results");
        ToolRun run = which == "config"
            ? ToolRun.Of("scalesim", "-c", missing, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", results)
            : ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", missing, "-p", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(missing) + @"\(\d+\): error KNB0506: ", run.Error);
        Assert.False(Directory.Exists(results), "a report folder was created for a missing input");
    }

    [Fact]
    public void OutputFolderUnderARegularFileCannotBeWrittenAndExitsThree()
    {
        using var tmp = new TempFolder();
        string file = tmp.Write("not-a-folder", "x");
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", Path.Combine(file, "results"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error KNB0506: cannot write the reports under", run.Error);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void UnknownInputTypeIsAUsageError()
    {
        using var tmp = new TempFolder();
        ToolRun run = ToolRun.Of("scalesim", "-c", ArrWsConfig, "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"), "-p", tmp.Path, "-i", "fft");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error KNB0506: -i must be conv or gemm, got 'fft'", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path));
    }

    [Fact]
    public void ScaleSimWithoutItsRequiredConfigIsAUsageError()
    {
        ToolRun run = ToolRun.Of("scalesim", "-t", Path.Combine(AnchorDir, "lenet_mnist.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error KNB0506: ", run.Error, StringComparison.Ordinal);
    }
}
