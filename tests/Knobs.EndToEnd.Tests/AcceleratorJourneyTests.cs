using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// A modelled accelerator on a project that references the packed Knobs package: ProfileTable for the CPU, then for
/// an accelerator description (KnobsAccelerator), Simulate with gpu lines mapped onto it, a configuration mixing the
/// accelerator and the CPU, and the errors (a missing or wrong description, an unknown KnobsSimulateGpuOn device).
/// The journey runs once (the first test to need it); each test asserts one behaviour of it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class AcceleratorJourneyTests
{
    private const string Name = "tiny_ws";
    private const string Device = "accel:" + Name;
    // Tables and the report are named after the device (name: tiny_ws); profiles and simulations after the description
    // file (accel.yaml).
    private const string TableKey = "accel-" + Name;
    private const string FileKey = "accel-accel";

    private static readonly object Gate = new();
    private static Journey? s_journey;

    private static readonly string[] TableFiles = { ".tensors.txt", ".table.csv", ".table.json", ".table.md" };

    private readonly LocalFeed _feed;

    public AcceleratorJourneyTests(LocalFeed feed) => _feed = feed;

    private const string Description = """
        # An 8x8 weight-stationary systolic array with 8 KiB scratchpads and 8 bytes per cycle of DRAM.
        name: tiny_ws
        clock_mhz: 500
        systolic:
          rows: 8
          columns: 8
          dataflow: ws
        scratchpads_kib:
          ifmap: 8
          filter: 8
          ofmap: 8
        dram_bytes_per_cycle: 8
        """;

    // Line 7 (dataflow) has a value that is none of os, ws, is.
    private const string BrokenDescription = """
        # A description with a wrong dataflow.
        name: broken
        clock_mhz: 500
        systolic:
          rows: 8
          columns: 8
          dataflow: wx
        scratchpads_kib:
          ifmap: 8
          filter: 8
          ofmap: 8
        dram_bytes_per_cycle: 8
        """;

    private static string Configurations(string device1, string device2) => $"""
        0.0
        +++++
        conf1 1.0 0 100.0 0.0
        1 {device1} conv fp32 11 add fp32 1 relu fp32 1
        2 {device2} mul fp32 11
        3 {device2} softmax fp32 1
        -----
        +++++
        conf2 1.0 0 100.0 0.0
        1 {device1} conv perf 121 add fp32 1 relu fp32 1
        2 {device2} mul fp32 11
        3 {device2} softmax fp32 1
        -----
        """;

    private sealed class Journey
    {
        public string Folder = "";
        public string TableDir = "";
        public string ProfileRoot = "";
        public CommandResult Cpu = null!, Accel = null!, SimulateGpu = null!, MixedCpu = null!, MixedAccel = null!, Missing = null!, Broken = null!, Tpu = null!;
        public Dictionary<string, DateTime> TablesAfterCpu = new(), TablesAfterAccel = new();
        public Dictionary<string, string> CpuTextAfterCpu = new(), CpuTextAfterAccel = new();
        public string[] AccelProfiles = Array.Empty<string>();
        public string? AccelReport, SimulatedCsv, MixedAccelCsv, MixedCpuCsv;
        public bool MissingProfileDir, BrokenProfileDir;
    }

    private Journey Run()
    {
        lock (Gate)
        {
            return s_journey ??= Walk(_feed);
        }
    }

    private static Journey Walk(LocalFeed feed)
    {
        var j = new Journey { Folder = feed.NewFolder("accel") };
        ProjectFiles.Write(j.Folder, "accel.csproj", ProjectFiles.Project("Microsoft.NET.Sdk", feed.Version, "<KnobTable Include=\"knobs.yaml\" />",
            properties: "<KnobsIterations>2</KnobsIterations><KnobsVariants>perf_121</KnobsVariants>"));
        ProjectFiles.Write(j.Folder, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(j.Folder, "Alpha.cs", ProjectFiles.Template("Alpha"));
        ProjectFiles.Write(j.Folder, "accel.yaml", Description);
        ProjectFiles.Write(j.Folder, "broken.yaml", BrokenDescription);
        ProjectFiles.Write(j.Folder, "gpu.txt", Configurations("gpu", "gpu"));
        ProjectFiles.Write(j.Folder, "mixed.txt", Configurations(Device, "cpu"));
        j.TableDir = Path.Combine(j.Folder, "bin", "Debug", "net10.0", "knobs");
        j.ProfileRoot = Path.Combine(j.Folder, "obj", "knobs", "profiles", "Debug");

        j.Cpu = feed.Run(j.Folder, "msbuild", "-restore", "-t:ProfileTable").ShouldSucceed();
        j.TablesAfterCpu = Stamps(j.TableDir);
        j.CpuTextAfterCpu = CpuTables(j.TableDir);

        j.Accel = feed.Run(j.Folder, "msbuild", "-t:ProfileTable", "-p:KnobsAccelerator=accel.yaml");
        j.TablesAfterAccel = Stamps(j.TableDir);
        j.CpuTextAfterAccel = CpuTables(j.TableDir);
        string accelProfiles = Path.Combine(j.ProfileRoot, FileKey);
        j.AccelProfiles = Directory.Exists(accelProfiles)
            ? Directory.GetFiles(accelProfiles, "*.profile.jsonl", SearchOption.AllDirectories).Where(f => !f.Contains("/.runs/", StringComparison.Ordinal)).ToArray()
            : Array.Empty<string>();
        j.AccelReport = ReadIfExists(Path.Combine(j.TableDir, $"report.{TableKey}.html"));

        j.SimulateGpu = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=gpu.txt", "-p:KnobsAccelerator=accel.yaml",
            "-p:KnobsSimulateGpuOn=" + Device);
        j.SimulatedCsv = ReadIfExists(Path.Combine(j.TableDir, $"gpu.{FileKey}.simulated.csv"));

        j.MixedCpu = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=mixed.txt");
        j.MixedCpuCsv = ReadIfExists(Path.Combine(j.TableDir, "mixed.simulated.csv"));
        j.MixedAccel = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=mixed.txt", "-p:KnobsAccelerator=accel.yaml");
        j.MixedAccelCsv = ReadIfExists(Path.Combine(j.TableDir, $"mixed.{FileKey}.simulated.csv"));

        j.Missing = feed.Run(j.Folder, "msbuild", "-t:ProfileTable", "-p:KnobsAccelerator=missing.yaml");
        j.MissingProfileDir = Directory.Exists(Path.Combine(j.ProfileRoot, "accel-missing"));

        j.Broken = feed.Run(j.Folder, "msbuild", "-t:ProfileTable", "-p:KnobsAccelerator=broken.yaml");
        j.BrokenProfileDir = Directory.Exists(Path.Combine(j.ProfileRoot, "accel-broken"))
            && Directory.GetFiles(Path.Combine(j.ProfileRoot, "accel-broken"), "*.profile.jsonl", SearchOption.AllDirectories).Length > 0;

        j.Tpu = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=gpu.txt", "-p:KnobsSimulateGpuOn=tpu");
        return j;
    }

    private static Dictionary<string, DateTime> Stamps(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.GetLastWriteTimeUtc) : new();

    // The CPU's tables and report: every file in the table folder that is not an accelerator's or a simulation's.
    private static Dictionary<string, string> CpuTables(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).Contains(".accel-", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetFileName(f), File.ReadAllText)
            : new();

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    [Fact]
    public void AcceleratorProfileTableWritesTheAcceleratorsTablesAndReportBesideTheCpus()
    {
        Journey j = Run();
        j.Accel.ShouldSucceed();
        foreach (string suffix in TableFiles)
        {
            Assert.True(j.TablesAfterAccel.ContainsKey($"Alpha.{TableKey}{suffix}"), $"Alpha.{TableKey}{suffix} missing: {string.Join(", ", j.TablesAfterAccel.Keys)}");
            Assert.True(j.TablesAfterCpu.ContainsKey("Alpha" + suffix), $"Alpha{suffix} (CPU) missing");
        }
        Assert.True(j.TablesAfterAccel.ContainsKey($"report.{TableKey}.html"), $"report.{TableKey}.html missing: {string.Join(", ", j.TablesAfterAccel.Keys)}");
        // KnobsVariants=perf_121 plus the fp32 baseline, modelled in one run of the app.
        Assert.Contains("Knobs: Alpha: 2 variant(s) modelled in ", j.Accel.Output);
        Assert.Contains("Knobs: profiled 2 variant(s), reused 0, failed 0", j.Accel.Output);
    }

    [Fact]
    public void AcceleratorProfileTableLeavesTheCpuTablesAndReportAsTheyWere()
    {
        Journey j = Run();
        Assert.Contains("report.html", j.CpuTextAfterCpu.Keys);
        Assert.Contains("Alpha.table.json", j.CpuTextAfterCpu.Keys);
        Assert.Equal(j.CpuTextAfterCpu.Keys.OrderBy(k => k, StringComparer.Ordinal), j.CpuTextAfterAccel.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var pair in j.CpuTextAfterCpu)
        {
            Assert.True(pair.Value == j.CpuTextAfterAccel[pair.Key], $"{pair.Key} changed when profiling for the accelerator");
            Assert.Equal(j.TablesAfterCpu[pair.Key], j.TablesAfterAccel[pair.Key]);
        }
    }

    [Fact]
    public void AcceleratorTableRowsAreTheAcceleratorsModelledCells()
    {
        Journey j = Run();
        string[] rows = File.ReadAllText(Path.Combine(j.TableDir, $"Alpha.{TableKey}.table.csv")).TrimEnd('\n').Split('\n');
        Assert.True(rows.Length > 1, "the accelerator's table has no rows");
        Assert.All(rows.Skip(1), r => Assert.Equal(new[] { Device, "Alpha" }, r.Split(',').Take(2)));
        Assert.All(rows.Skip(1), r => Assert.Equal("modelled", r.Split(',')[5]));
        using JsonDocument table = JsonDocument.Parse(File.ReadAllText(Path.Combine(j.TableDir, $"Alpha.{TableKey}.table.json")));
        Assert.Contains(Device, table.RootElement.GetRawText());
    }

    [Fact]
    public void AcceleratorProfilesSayTheDeviceAndModelledOpsWithTheirCycles()
    {
        Journey j = Run();
        string accelProfiles = Path.Combine(j.ProfileRoot, FileKey);
        Assert.Equal(new[] { "Alpha/fp32_11.profile.jsonl", "Alpha/perf_121.profile.jsonl" },
            j.AccelProfiles.Select(f => Path.GetRelativePath(accelProfiles, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal));
        foreach (string profile in j.AccelProfiles)
        {
            var records = File.ReadAllLines(profile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            JsonElement header = records.Single(r => r.GetProperty("type").GetString() == "header");
            Assert.Equal(Device, header.GetProperty("device").GetProperty("kind").GetString());
            var ops = records.Where(r => r.GetProperty("type").GetString() == "op").ToList();
            Assert.NotEmpty(ops);
            foreach (JsonElement op in ops)
            {
                Assert.Equal("modelled", op.GetProperty("provenance").GetString());
                Assert.True(op.TryGetProperty("model", out JsonElement model) && model.ValueKind == JsonValueKind.Object, $"op without a model object in {profile}: {op}");
                Assert.True(model.GetProperty("cycles").GetInt64() > 0, $"op with no modelled cycles: {op}");
            }
            Assert.Contains(ops, o => o.GetProperty("kind").GetString() == "conv" && o.GetProperty("model").GetProperty("engine").GetString() == "systolic");
        }
    }

    [Fact]
    public void AcceleratorReportShowsTheModelledCostPerOp()
    {
        Journey j = Run();
        Assert.NotNull(j.AccelReport);
        Assert.Contains("Modelled cost per op", j.AccelReport);
        Assert.Contains("modelled", j.AccelReport);
        Assert.Contains(Device, j.AccelReport);
    }

    [Fact]
    public void SimulateMapsGpuLinesOntoTheAcceleratorAndSaysSo()
    {
        Journey j = Run();
        j.SimulateGpu.ShouldSucceed();
        Assert.Contains("KNB0221", j.SimulateGpu.Output);
        Assert.NotNull(j.SimulatedCsv);
        string[] rows = j.SimulatedCsv!.TrimEnd('\n').Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.Equal(new[] { "conf1", "conf2" }, rows.Skip(1).Select(r => r.Split(',')[0]));
        // Provenance, then an empty predicted accuracy loss: the benchmark has no labelled inputs.
        Assert.All(rows.Skip(1), r => Assert.EndsWith(",modelled,", r, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(j.TableDir, $"gpu.{FileKey}.simulated.txt")), $"gpu.{FileKey}.simulated.txt missing");
        Assert.True(File.Exists(Path.Combine(j.TableDir, $"gpu.{FileKey}.report.html")), $"gpu.{FileKey}.report.html missing");
    }

    // Simulate reads the tables of its own ProfileTable run only (the CPU's without KnobsAccelerator, the accelerator's
    // with it), so a configuration that puts some nodes on the accelerator and others on the CPU finds one device's table
    // missing either way, although both tables are in the table folder. This pins that behaviour (a clear error at the
    // line, nothing written) until Simulate combines the device tables.
    [Fact]
    public void AConfigurationMixingAcceleratorAndCpuNodesUsesBothTablesWhicheverProfileTableRanLast()
    {
        Journey j = Run();
        Assert.True(File.Exists(Path.Combine(j.TableDir, "Alpha.table.json")) && File.Exists(Path.Combine(j.TableDir, $"Alpha.{TableKey}.table.json")),
            "both device tables should be in the table folder");
        foreach ((CommandResult run, string? csv) in new[] { (j.MixedCpu, j.MixedCpuCsv), (j.MixedAccel, j.MixedAccelCsv) })
        {
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.DoesNotContain("KNB0255", run.Output);
            string[] rows = csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(rows.Length > 1, csv);
            // Node 1 on the accelerator (modelled), node 2 on the CPU (measured): the prediction says both.
            Assert.All(rows.Skip(1), row => Assert.EndsWith(",measured+modelled,", row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void MissingDescriptionIsKNB0501AndProfilesNothing()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.Missing.ExitCode);
        Assert.Contains("error KNB0501", j.Missing.Output);
        Assert.Contains("missing.yaml", j.Missing.Output);
        Assert.DoesNotContain("variant(s) to profile", j.Missing.Output);
        Assert.False(j.MissingProfileDir, "a profile folder was made for a missing description");
    }

    [Fact]
    public void DescriptionWithAWrongValueFailsTheBuildAtItsLineAndColumn()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.Broken.ExitCode);
        // An MSBuild error at the description's line and column (not a failed run's warning, nor a missing-profiles error).
        Assert.Matches(@"(?m)^\S*broken\.yaml\(7,13\): error KNB0503: dataflow 'wx' is none of os", j.Broken.Output);
        Assert.DoesNotContain("warning KNB0421", j.Broken.Output);
        Assert.DoesNotContain("KNB0236", j.Broken.Output);
        Assert.False(j.BrokenProfileDir, "profiles were written for a wrong description");
    }

    [Fact]
    public void UnknownSimulateGpuOnDeviceIsKNB0434()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.Tpu.ExitCode);
        Assert.Contains("error KNB0434", j.Tpu.Output);
        Assert.Contains("KnobsSimulateGpuOn='tpu'", j.Tpu.Output);
    }
}
