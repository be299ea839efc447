using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Knobs.Profiles;

namespace Knobs.Accelerators.Systolic;

/// <summary>Writes SCALE-Sim v2's three report files, byte for byte as SCALE-Sim writes them.</summary>
public static class ScaleSimReports
{
    /// <summary>COMPUTE_REPORT.csv's header line.</summary>
    public const string ComputeHeader = "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,";

    /// <summary>BANDWIDTH_REPORT.csv's header line.</summary>
    public const string BandwidthHeader = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,";

    /// <summary>DETAILED_ACCESS_REPORT.csv's header line.</summary>
    public const string DetailedHeader = "LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,";

    /// <summary>
    /// Writes <c>&lt;folder&gt;/&lt;runName&gt;/{COMPUTE,BANDWIDTH,DETAILED_ACCESS}_REPORT.csv</c>, one line per layer
    /// (LayerID = position), each file written atomically (temporary file in the same folder, then renamed).
    /// </summary>
    public static void Write(string folder, string runName, IReadOnlyList<LayerResult> results)
    {
        if (folder is null) throw new ArgumentNullException(nameof(folder));
        if (string.IsNullOrEmpty(runName)) throw new ArgumentException("The run name is empty.", nameof(runName));
        if (ScaleSimConfig.RunNameProblem(runName) is { } problem) throw new ArgumentException(problem, nameof(runName));
        if (results is null) throw new ArgumentNullException(nameof(results));
        string dir = Path.Combine(folder, runName);
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, "COMPUTE_REPORT.csv"), ComputeReport(results));
        AtomicFile.WriteAllText(Path.Combine(dir, "BANDWIDTH_REPORT.csv"), BandwidthReport(results));
        AtomicFile.WriteAllText(Path.Combine(dir, "DETAILED_ACCESS_REPORT.csv"), DetailedAccessReport(results));
    }

    /// <summary>The text of COMPUTE_REPORT.csv.</summary>
    public static string ComputeReport(IReadOnlyList<LayerResult> results)
    {
        var sb = new StringBuilder(ComputeHeader).Append('\n');
        for (int i = 0; i < results.Count; i++)
        {
            LayerResult r = results[i];
            Line(sb, i, Int(r.TotalCycles), Int(r.StallCycles), PythonFloat.Repr(r.OverallUtilization), PythonFloat.Repr(r.MappingEfficiency), PythonFloat.Repr(r.ComputeUtilization));
        }
        return sb.ToString();
    }

    /// <summary>The text of BANDWIDTH_REPORT.csv.</summary>
    public static string BandwidthReport(IReadOnlyList<LayerResult> results)
    {
        var sb = new StringBuilder(BandwidthHeader).Append('\n');
        for (int i = 0; i < results.Count; i++)
        {
            LayerResult r = results[i];
            Line(sb, i,
                PythonFloat.Repr(r.Ifmap.AverageSramBandwidth), PythonFloat.Repr(r.Filter.AverageSramBandwidth), PythonFloat.Repr(r.Ofmap.AverageSramBandwidth),
                PythonFloat.Repr(r.Ifmap.AverageDramBandwidth), PythonFloat.Repr(r.Filter.AverageDramBandwidth), PythonFloat.Repr(r.Ofmap.AverageDramBandwidth));
        }
        return sb.ToString();
    }

    /// <summary>The text of DETAILED_ACCESS_REPORT.csv (cycles printed as floats, as SCALE-Sim's traces hold them).</summary>
    public static string DetailedAccessReport(IReadOnlyList<LayerResult> results)
    {
        var sb = new StringBuilder(DetailedHeader).Append('\n');
        for (int i = 0; i < results.Count; i++)
        {
            LayerResult r = results[i];
            var items = new List<string>();
            foreach (OperandTraffic o in new[] { r.Ifmap, r.Filter, r.Ofmap })
            {
                items.Add(Cycle(o.SramStartCycle));
                items.Add(Cycle(o.SramStopCycle));
                items.Add(Int(o.SramAccesses));
            }
            foreach (OperandTraffic o in new[] { r.Ifmap, r.Filter, r.Ofmap })
            {
                items.Add(Cycle(o.DramStartCycle));
                items.Add(Cycle(o.DramStopCycle));
                items.Add(Int(o.DramAccesses));
            }
            Line(sb, i, items.ToArray());
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, int layer, params string[] items)
    {
        sb.Append(layer.ToString(CultureInfo.InvariantCulture));
        foreach (string item in items) sb.Append(", ").Append(item);
        sb.Append(",\n");
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cycle(long value) => PythonFloat.Repr(value);
}
