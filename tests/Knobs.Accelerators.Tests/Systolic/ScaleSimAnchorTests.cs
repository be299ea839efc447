using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Accelerators.Systolic;
using Knobs.Testing;

namespace Knobs.Accelerators.Tests.Systolic;

/// <summary>
/// The six SCALE-Sim v2 runs in tests/data/anchors/scalesim/reports (32×32 arrays, CALC bandwidth): every column of every
/// layer must come out identical. Floating columns are compared as the text SCALE-Sim printed (Python repr) against the
/// text this model prints, so equal text means the same double.
/// </summary>
public class ScaleSimAnchorTests
{
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (string config in new[] { "arr32_os", "arr32_ws", "arr32_is" })
            foreach (string topology in new[] { "alexnet_cifar10", "lenet_mnist" })
                data.Add(config, topology);
        return data;
    }

    internal static string Reports => Path.Combine(RepoPaths.Anchors, "scalesim", "reports");

    internal static (ScaleSimConfig Config, List<LayerResult> Results) Run(string config, string topology)
    {
        var cfg = ScaleSimConfig.Load(Path.Combine(Reports, config + ".cfg"));
        var layers = ScaleSimTopology.Load(Path.Combine(Reports, topology + ".csv"), gemm: false);
        return (cfg, layers.Select(l => SystolicSimulator.Simulate(cfg.Array, l)).ToList());
    }

    private static List<string[]> Rows(string config, string topology, string report)
        => File.ReadAllLines(Path.Combine(Reports, config + "__" + topology, report + ".csv")).Skip(1)
            .Select(l => l.TrimEnd(',').Split(',').Select(s => s.Trim()).ToArray()).ToList();

    [Theory]
    [MemberData(nameof(Runs))]
    public void Compute_report_columns_match_SCALE_Sim_per_layer(string config, string topology)
    {
        var (_, results) = Run(config, topology);
        var rows = Rows(config, topology, "COMPUTE_REPORT");
        Assert.Equal(rows.Count, results.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            LayerResult r = results[i];
            string[] e = rows[i];
            Assert.Equal(long.Parse(e[1], CultureInfo.InvariantCulture), r.TotalCycles);
            Assert.Equal(long.Parse(e[2], CultureInfo.InvariantCulture), r.StallCycles);
            Assert.Equal(e[3], PythonText(r.OverallUtilization));
            Assert.Equal(e[4], PythonText(r.MappingEfficiency));
            Assert.Equal(e[5], PythonText(r.ComputeUtilization));
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Detailed_access_columns_match_SCALE_Sim_per_layer(string config, string topology)
    {
        var (_, results) = Run(config, topology);
        var rows = Rows(config, topology, "DETAILED_ACCESS_REPORT");
        Assert.Equal(rows.Count, results.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            LayerResult r = results[i];
            var actual = new List<double>();
            foreach (var o in new[] { r.Ifmap, r.Filter, r.Ofmap }) actual.AddRange(new double[] { o.SramStartCycle, o.SramStopCycle, o.SramAccesses });
            foreach (var o in new[] { r.Ifmap, r.Filter, r.Ofmap }) actual.AddRange(new double[] { o.DramStartCycle, o.DramStopCycle, o.DramAccesses });
            double[] expected = rows[i].Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected, actual.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Bandwidth_columns_match_SCALE_Sim_per_layer(string config, string topology)
    {
        var (_, results) = Run(config, topology);
        var rows = Rows(config, topology, "BANDWIDTH_REPORT");
        Assert.Equal(rows.Count, results.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            LayerResult r = results[i];
            string[] actual =
            {
                PythonText(r.Ifmap.AverageSramBandwidth), PythonText(r.Filter.AverageSramBandwidth), PythonText(r.Ofmap.AverageSramBandwidth),
                PythonText(r.Ifmap.AverageDramBandwidth), PythonText(r.Filter.AverageDramBandwidth), PythonText(r.Ofmap.AverageDramBandwidth),
            };
            Assert.Equal(rows[i].Skip(1).ToArray(), actual);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Written_reports_are_byte_identical_to_SCALE_Sim_s(string config, string topology)
    {
        var (cfg, results) = Run(config, topology);
        string folder = Path.Combine(Path.GetTempPath(), "knobs-scalesim-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            ScaleSimReports.Write(folder, cfg.RunName, results);
            foreach (string report in new[] { "COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv" })
            {
                byte[] expected = File.ReadAllBytes(Path.Combine(Reports, config + "__" + topology, report));
                byte[] actual = File.ReadAllBytes(Path.Combine(folder, cfg.RunName, report));
                Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
                Assert.Equal(expected, actual);
            }
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, cfg.RunName), "*.tmp"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    // The report text of a float: Python's repr, as ScaleSimReports prints it.
    internal static string PythonText(double value) => PythonFloat.Repr(value);
}
