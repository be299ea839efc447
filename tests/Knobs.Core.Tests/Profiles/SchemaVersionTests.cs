using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Profiles;

/// <summary>
/// Profiles and tables of format version 2 carry the device, each op's features and each number's provenance;
/// version-1 files (profiled by the previous release, kept under Data/profiles-v1) still load and still build a table.
/// </summary>
public sealed class SchemaVersionTests : IDisposable
{
    private static readonly string V1 = RepoPaths.Combine("tests", "Knobs.Core.Tests", "Data", "profiles-v1");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AVersion1ProfileLoadsAsMeasuredOnTheCpuItsEnvironmentNames()
    {
        Profile p = ProfileReader.Read(Path.Combine(V1, "AlexNetCifar10.perf_121.profile.jsonl"));

        Assert.Equal(1, p.Header.Version);
        Assert.Equal(ProfileDevice.Cpu, p.Header.Device.Kind);
        Assert.Equal(p.Header.Environment.CpuModel, p.Header.Device.Name);
        Assert.NotEmpty(p.Ops);
        Assert.All(p.Ops, o => Assert.Null(o.Features));
        Assert.All(p.Ops, o => Assert.Equal(Provenance.Measured, o.Provenance));
    }

    [Fact]
    public void ATableBuildsFromVersion1Profiles()
    {
        TableBuildResult result = TableBuilder.Build(Directory.GetFiles(V1, "*.profile.jsonl"));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        LookupTable table = Assert.Single(result.Tables);
        Assert.Equal("AlexNetCifar10", table.Benchmark);
        Assert.Equal(ProfileDevice.Cpu, table.DeviceKind);
        Assert.Equal(new[] { "fp32", "fp16", "perf_121", "samp_231" }, table.Knobs.Select(k => k.Key));
        string csv = TableCsvWriter.ToText(table);
        Assert.StartsWith(TableCsvWriter.Header + "\n", csv);
        Assert.All(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), row => Assert.StartsWith("cpu,AlexNetCifar10,", row));
        // Version 1 had no features: their columns are empty, never invented.
        Assert.All(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), row => Assert.EndsWith(",,,,,,,,", row));
    }

    private static OpFeatureRecord Features => new("fp32", new[] { new[] { 1, 3, 32, 32 }, new[] { 64, 3, 11, 11 } }, new[] { 1, 64, 32, 32 },
        new[] { 11, 11 }, new[] { 1, 1 }, new[] { 5, 5 }, 1, new[] { 1, 2, 1, 0 }, 2L * 64 * 32 * 32 * 363, 2L * 64 * 32 * 16 * 363,
        4L * (3 * 32 * 32 + 64 * 363), 4L * 64 * 32 * 32, 16, 2);

    private static Profile WithDeviceAndFeatures(Profile p, ProfileDevice device, string provenance = Provenance.Measured)
    {
        ProfileHeader h = p.Header;
        var header = new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, h.StartedUtc, device);
        var ops = p.Ops.Select(o => new OpRecord(o.Node, o.NodeName, o.Index, o.Kind, o.Op, o.Approx, o.KnobId, o.Time, o.Energy, o.F2h, o.H2f,
            o.Kind == "conv" ? Features : null, provenance)).ToList();
        return new Profile(header, ops, p.Qos, p.Summary);
    }

    private static readonly ProfileDevice Gpu = new(ProfileDevice.Gpu, "NVIDIA H100 80GB HBM3", new Dictionary<string, string> { ["sms"] = "132", ["memoryMiB"] = "81559" });

    [Fact]
    public void AVersion2ProfileRoundTripsDeviceFeaturesAndProvenance()
    {
        Profile original = WithDeviceAndFeatures(SampleTables.Profile("perf", 121), Gpu, Provenance.Modelled);
        string text = ProfileWriter.ToText(original);
        Profile read = ProfileReader.Read(new StringReader(text), "p.jsonl");

        Assert.Equal(ProfileHeader.CurrentVersion, read.Header.Version);
        Assert.Equal("gpu", read.Header.Device.Kind);
        Assert.Equal("NVIDIA H100 80GB HBM3", read.Header.Device.Name);
        Assert.Equal("132", read.Header.Device.Property("sms"));
        OpRecord conv = read.Ops.First(o => o.Kind == "conv");
        Assert.Equal(Provenance.Modelled, conv.Provenance);
        Assert.Equal(Features.EffectiveFlops, conv.Features!.EffectiveFlops);
        Assert.Equal(new[] { 1, 2, 1, 0 }, conv.Features.Approximation);
        Assert.Equal(new[] { 64, 3, 11, 11 }, conv.Features.Inputs[1]);
        Assert.Null(read.Ops.First(o => o.Kind == "add").Features);
        Assert.Equal(text, ProfileWriter.ToText(read));
    }

    [Fact]
    public void ProfilesOfTwoDevicesBuildOneTablePerDeviceInsteadOfAMixedEnvironmentError()
    {
        var profiles = new List<(string, Profile)>();
        foreach ((string approx, int id) in SampleTables.Knobs)
        {
            profiles.Add(($"cpu/{approx}_{id}", SampleTables.Profile(approx, id)));
            Profile gpu = SampleTables.Profile(approx, id, environment: SampleProfiles.Environment(meter: "nvml"));
            profiles.Add(($"gpu/{approx}_{id}", WithDeviceAndFeatures(gpu, Gpu)));
        }
        TableBuildResult result = TableBuilder.Build(profiles);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(new[] { "cpu", "gpu" }, result.Tables.Select(t => t.DeviceKind));
        LookupTable gpuTable = result.Tables[1];
        string json = TableJsonWriter.ToText(gpuTable);
        LookupTable back = TableJsonReader.Parse(json, "t.json");
        Assert.Equal("gpu", back.DeviceKind);
        Assert.Equal(Features.NominalFlops, back.Nodes[0].Ops[0].Cells[0]!.Features!.NominalFlops);
        Assert.Contains("\ngpu,LeNetMnist,1,conv,fp32,measured,", TableCsvWriter.ToText(gpuTable));
    }

    [Theory]
    [InlineData("\"kind\":\"gpu\"", "\"kind\":\"tpu\"", "device kind 'tpu'")]
    [InlineData("\"provenance\":\"measured\"", "\"provenance\":\"guessed\"", "provenance 'guessed'")]
    [InlineData("\"effectiveFlops\":", "\"effectiveFlops\":-", "effectiveFlops")]
    public void ABadDeviceProvenanceOrFeatureIsAFormatErrorWithItsLine(string from, string to, string expected)
    {
        string text = ProfileWriter.ToText(WithDeviceAndFeatures(SampleTables.Profile("perf", 121), Gpu));
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        string bad = text.Substring(0, at) + to + text.Substring(at + from.Length);
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(bad), "p.jsonl"));
        Assert.Contains(expected, e.Problem);
        Assert.True(e.Line >= 1);
    }
}
