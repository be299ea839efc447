using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Knobs.Profiles.Json;

// The profile lines (docs/formats.md) as the serializer sees them: one DTO per JSON object, properties in file order
// (camel case), every property nullable so that the validation pass (ToModel) names a missing field. From(model) is the
// writing side. A new field: one property here, its value in From, its check in ToModel.

/// <summary>Just the record kind of a line (and the format of a header), read before the whole record.</summary>
internal sealed class RecordKindDto
{
    public string? Type { get; set; }
    public string? Format { get; set; }
}

/// <summary>Just the format version of a header or table, checked before the rest is read.</summary>
internal sealed class VersionDto
{
    public int? Version { get; set; }
}

/// <summary>The <c>header</c> line.</summary>
internal sealed class HeaderLine
{
    public string? Type { get; set; }
    public string? Format { get; set; }
    public int? Version { get; set; }
    public string? Benchmark { get; set; }
    public string? Variant { get; set; }
    public KnobDto? Knob { get; set; }
    public ConfigurationDto? Configuration { get; set; }
    public SettingsDto? Settings { get; set; }
    public EnvironmentDto? Environment { get; set; }
    public DeviceDto? Device { get; set; }
    public string? StartedUtc { get; set; }

    public static HeaderLine From(ProfileHeader h) => new()
    {
        Type = "header", Format = ProfileHeader.FormatName, Version = ProfileHeader.CurrentVersion, Benchmark = h.Benchmark,
        Variant = h.Variant, Knob = h.Knob is { } k ? new KnobDto { Name = k.Name, Id = k.Id } : null,
        Configuration = h.Configuration is { } c ? ConfigurationDto.From(c) : null, Settings = SettingsDto.From(h.Settings),
        Environment = EnvironmentDto.From(h.Environment), Device = DeviceDto.From(h.Device), StartedUtc = h.StartedUtc,
    };

    /// <summary>The header of format <paramref name="version"/> (checked, see <see cref="VersionDto"/>).</summary>
    public ProfileHeader ToModel(DtoFields f, int version)
    {
        ProfileKnob? knob = Knob is { } k ? new ProfileKnob(f.In("knob").Required(k.Name, "name"), f.In("knob").Required(k.Id, "id")) : null;
        ProfileConfiguration? configuration = Configuration?.ToModel(f.In("configuration"));
        ProfileSettings settings = f.Required(Settings, "settings").ToModel(f.In("settings"));
        ProfileEnvironment environment = f.Required(Environment, "environment").ToModel(f.In("environment"));
        // Version 1 named no device: every such profile was measured on the CPU its environment describes.
        ProfileDevice? device = version >= 2 ? f.Required(Device, "device").ToModel(f.In("device")) : null;
        return new ProfileHeader(f.Required(Benchmark, "benchmark"), f.Required(Variant, "variant"), knob, configuration, settings,
            environment, f.Required(StartedUtc, "startedUtc"), device, version);
    }
}

internal sealed class KnobDto
{
    public string? Name { get; set; }
    public int? Id { get; set; }
}

internal sealed class ConfigurationDto
{
    public string? File { get; set; }
    public string? Name { get; set; }
    public int? Index { get; set; }
    public List<ConfigurationNodeDto?>? Nodes { get; set; }

    public static ConfigurationDto From(ProfileConfiguration c) => new()
    {
        File = c.File, Name = c.Name, Index = c.Index,
        Nodes = c.Nodes.Select(n => (ConfigurationNodeDto?)new ConfigurationNodeDto { Node = n.Node, Knob = n.Knob, Id = n.Id }).ToList(),
    };

    public ProfileConfiguration ToModel(DtoFields f)
    {
        var nodes = new List<ProfileConfigurationNode>();
        List<ConfigurationNodeDto?> list = f.Required(Nodes, "nodes");
        for (int i = 0; i < list.Count; i++)
        {
            DtoFields n = f.In("nodes", i);
            ConfigurationNodeDto node = list[i] ?? throw f.Fail($"field '{f.Item("nodes", i)}' is missing or null");
            nodes.Add(new ProfileConfigurationNode(n.Required(node.Node, "node"), n.Required(node.Knob, "knob"), n.Required(node.Id, "id")));
        }
        return new ProfileConfiguration(f.Required(File, "file"), f.Required(Name, "name"), f.Required(Index, "index"), nodes);
    }
}

internal sealed class ConfigurationNodeDto
{
    public int? Node { get; set; }
    public string? Knob { get; set; }
    public int? Id { get; set; }
}

internal sealed class SettingsDto
{
    public string? Profiling { get; set; }
    public int? Iterations { get; set; }
    public double? TargetError { get; set; }
    public int? Warmup { get; set; }
    public double? MaxTimeS { get; set; }
    public int? Batch { get; set; }
    public int? Threads { get; set; }
    public string? Backend { get; set; }

    public static SettingsDto From(ProfileSettings s) => new()
    {
        Profiling = s.Profiling, Iterations = s.Iterations, TargetError = Finite.Check(s.TargetError, "settings.targetError"),
        Warmup = s.Warmup, MaxTimeS = Finite.Check(s.MaxTimeS, "settings.maxTimeS"), Batch = s.Batch, Threads = s.Threads, Backend = s.Backend,
    };

    public ProfileSettings ToModel(DtoFields f) => new(f.Required(Profiling, "profiling"), Iterations, f.OptNumber(TargetError, "targetError"),
        Warmup, f.OptNumber(MaxTimeS, "maxTimeS"), f.Required(Batch, "batch"), f.Required(Threads, "threads"), f.Required(Backend, "backend"));
}

internal sealed class EnvironmentDto
{
    public string? CpuModel { get; set; }
    public int? Cores { get; set; }
    public string? Os { get; set; }
    public string? Dotnet { get; set; }
    public string? Jit { get; set; }
    public string? Gc { get; set; }
    public int? Threads { get; set; }
    public string? Backend { get; set; }
    public string? KnobsVersion { get; set; }
    public string? Meter { get; set; }
    public string? Governor { get; set; }
    public string? AppHash { get; set; }
    public string? Host { get; set; }

    public static EnvironmentDto From(ProfileEnvironment e) => new()
    {
        CpuModel = e.CpuModel, Cores = e.Cores, Os = e.Os, Dotnet = e.Dotnet, Jit = e.Jit, Gc = e.Gc, Threads = e.Threads,
        Backend = e.Backend, KnobsVersion = e.KnobsVersion, Meter = e.Meter, Governor = e.Governor, AppHash = e.AppHash, Host = e.Host,
    };

    public ProfileEnvironment ToModel(DtoFields f) => new(f.Required(CpuModel, "cpuModel"), f.Required(Cores, "cores"), f.Required(Os, "os"),
        f.Required(Dotnet, "dotnet"), f.Required(Jit, "jit"), f.Required(Gc, "gc"), f.Required(Threads, "threads"), f.Required(Backend, "backend"),
        f.Required(KnobsVersion, "knobsVersion"), f.Required(Meter, "meter"), Governor, AppHash, Host);
}

internal sealed class DeviceDto
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    /// <summary>Written in the model's order (sorted by key).</summary>
    public Dictionary<string, string?>? Properties { get; set; }

    public static DeviceDto From(ProfileDevice d)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> p in d.Properties) properties[p.Key] = p.Value;
        return new DeviceDto { Kind = d.Kind, Name = d.Name, Properties = properties };
    }

    public ProfileDevice ToModel(DtoFields f)
    {
        string kind = f.Required(Kind, "kind");
        if (!ProfileDevice.IsKind(kind)) throw f.Fail($"device kind '{kind}' is none of cpu, gpu, accel:<name>");
        DtoFields bag = f.In("properties");
        var properties = f.Required(Properties, "properties").Select(p => new KeyValuePair<string, string>(p.Key, bag.Required(p.Value, p.Key))).ToList();
        return new ProfileDevice(kind, f.Required(Name, "name"), properties);
    }
}

/// <summary>The statistics of one measured quantity (an op's or summary's <c>time</c>, a table knob's <c>total</c>).</summary>
internal sealed class StatisticsDto
{
    public int? N { get; set; }
    public double? Mean { get; set; }
    public double? Median { get; set; }
    public double? Stdev { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? CiLow { get; set; }
    public double? CiHigh { get; set; }
    public int? Outliers { get; set; }
    public bool? Noisy { get; set; }

    public static StatisticsDto From(ProfileStatistics s, string at) => new()
    {
        N = s.N, Mean = Finite.Check(s.Mean, at + ".mean"), Median = Finite.Check(s.Median, at + ".median"),
        Stdev = Finite.Check(s.Stdev, at + ".stdev"), Min = Finite.Check(s.Min, at + ".min"), Max = Finite.Check(s.Max, at + ".max"),
        CiLow = Finite.Check(s.CiLow, at + ".ciLow"), CiHigh = Finite.Check(s.CiHigh, at + ".ciHigh"), Outliers = s.Outliers, Noisy = s.Noisy,
    };

    public ProfileStatistics ToModel(DtoFields f) => new(f.Required(N, "n"), f.Measure(Mean, "mean"), f.Measure(Median, "median"),
        f.Measure(Stdev, "stdev"), f.Measure(Min, "min"), f.Measure(Max, "max"), f.Number(CiLow, "ciLow"), f.Number(CiHigh, "ciHigh"),
        f.Required(Outliers, "outliers"), f.Required(Noisy, "noisy"));
}

/// <summary>A conversion or transfer cost (<c>f2h</c>, <c>h2f</c>, <c>h2d</c>, <c>d2h</c>).</summary>
internal sealed class ConversionDto
{
    public double? Time { get; set; }
    public double? Energy { get; set; }

    public static ConversionDto From(ConversionCost c, string at) =>
        new() { Time = Finite.Check(c.Time, at + ".time"), Energy = Finite.Check(c.Energy, at + ".energy") };

    public ConversionCost ToModel(DtoFields f) => new(f.Measure(Time, "time"), f.OptMeasure(Energy, "energy"));
}

/// <summary>An <c>op</c> line.</summary>
internal sealed class OpLine
{
    public string? Type { get; set; }
    public int? Node { get; set; }
    public string? NodeName { get; set; }
    public int? Index { get; set; }
    public string? Kind { get; set; }
    public string? Op { get; set; }
    public string? Approx { get; set; }
    public int? KnobId { get; set; }
    public StatisticsDto? Time { get; set; }
    public double? Energy { get; set; }
    public ConversionDto? F2h { get; set; }
    public ConversionDto? H2f { get; set; }
    public ConversionDto? H2d { get; set; }
    public ConversionDto? D2h { get; set; }
    public string? Provenance { get; set; }
    public FeaturesDto? Features { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ModelDto? Model { get; set; }

    public static OpLine From(OpRecord op)
    {
        string at = "op " + op.Index.ToString(CultureInfo.InvariantCulture);
        return new OpLine
        {
            Type = "op", Node = op.Node, NodeName = op.NodeName, Index = op.Index, Kind = op.Kind, Op = op.Op, Approx = op.Approx,
            KnobId = op.KnobId, Time = StatisticsDto.From(op.Time, at + ".time"), Energy = Finite.Check(op.Energy, at + ".energy"),
            F2h = ConversionDto.From(op.F2h, at + ".f2h"), H2f = ConversionDto.From(op.H2f, at + ".h2f"),
            H2d = ConversionDto.From(op.H2d, at + ".h2d"), D2h = ConversionDto.From(op.D2h, at + ".d2h"),
            Provenance = op.Provenance, Features = op.Features is { } features ? FeaturesDto.From(features) : null,
            Model = op.Modelled is { } modelled ? ModelDto.From(modelled, at + ".model") : null,
        };
    }

    public OpRecord ToModel(DtoFields f)
    {
        string provenance = Checks.Provenance(Provenance, f);
        return new OpRecord(f.Required(Node, "node"), f.Required(NodeName, "nodeName"), f.Required(Index, "index"), f.Required(Kind, "kind"),
            f.Required(Op, "op"), f.Required(Approx, "approx"), f.Required(KnobId, "knobId"),
            f.Required(Time, "time").ToModel(f.In("time")), f.OptMeasure(Energy, "energy"),
            F2h?.ToModel(f.In("f2h")) ?? ConversionCost.None, H2f?.ToModel(f.In("h2f")) ?? ConversionCost.None,
            Features?.ToModel(f.In("features")), provenance,
            H2d?.ToModel(f.In("h2d")) ?? ConversionCost.None, D2h?.ToModel(f.In("d2h")) ?? ConversionCost.None,
            Model?.ToModel(f.In("model")));
    }
}

/// <summary>A modelled op's <c>model</c> object: engine, cycles, stalls, MACs, vector operations, utilisation, traffic.</summary>
internal sealed class ModelDto
{
    public string? Engine { get; set; }
    public long? Cycles { get; set; }
    public long? StallCycles { get; set; }
    public long? Macs { get; set; }
    public long? VectorOps { get; set; }
    public double? Utilisation { get; set; }
    public List<TrafficDto?>? Traffic { get; set; }

    public static ModelDto From(ModelledDetail m, string at) => new()
    {
        Engine = m.Engine, Cycles = m.Cycles, StallCycles = m.StallCycles, Macs = m.Macs, VectorOps = m.VectorOps,
        Utilisation = Finite.Check(m.Utilisation, at + ".utilisation"),
        Traffic = m.Traffic.Select(t => (TrafficDto?)new TrafficDto { Memory = t.Memory, Read = t.BytesRead, Written = t.BytesWritten }).ToList(),
    };

    public ModelledDetail ToModel(DtoFields f)
    {
        List<TrafficDto?> list = f.Required(Traffic, "traffic");
        var traffic = new List<ModelledTraffic>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            DtoFields at = f.In("traffic", i);
            TrafficDto t = list[i] ?? throw f.Fail("traffic[" + i.ToString(CultureInfo.InvariantCulture) + "] is null");
            traffic.Add(new ModelledTraffic(at.Required(t.Memory, "memory"), at.Count(t.Read, "read"), at.Count(t.Written, "written")));
        }
        long cycles = f.Count(Cycles, "cycles"), stalls = f.Count(StallCycles, "stallCycles");
        if (stalls > cycles) throw f.Fail("stallCycles is more than cycles");
        double utilisation = f.OptRange(f.Number(Utilisation, "utilisation"), "utilisation", 0, 1, "a utilisation")!.Value;
        return new ModelledDetail(f.Required(Engine, "engine"), cycles, stalls, f.Count(Macs, "macs"), f.Count(VectorOps, "vectorOps"), utilisation, traffic);
    }
}

/// <summary>One memory's bytes in a <c>model</c> object.</summary>
internal sealed class TrafficDto
{
    public string? Memory { get; set; }
    public long? Read { get; set; }
    public long? Written { get; set; }
}

/// <summary>What an op computes (an op's or table cell's <c>features</c>).</summary>
internal sealed class FeaturesDto
{
    public string? Precision { get; set; }
    public List<int[]?>? Inputs { get; set; }
    public int[]? Output { get; set; }
    public int[]? Window { get; set; }
    public int[]? Stride { get; set; }
    public int[]? Padding { get; set; }
    public int? Groups { get; set; }
    public int[]? Approximation { get; set; }
    public long? Flops { get; set; }
    public long? EffectiveFlops { get; set; }
    public long? BytesRead { get; set; }
    public long? BytesWritten { get; set; }
    public int? Batch { get; set; }
    public int? Threads { get; set; }

    public static FeaturesDto From(OpFeatureRecord f) => new()
    {
        Precision = f.Precision, Inputs = f.Inputs.Select(i => (int[]?)i).ToList(), Output = f.Output, Window = f.Window, Stride = f.Stride,
        Padding = f.Padding, Groups = f.Groups, Approximation = f.Approximation, Flops = f.NominalFlops, EffectiveFlops = f.EffectiveFlops,
        BytesRead = f.BytesRead, BytesWritten = f.BytesWritten, Batch = f.Batch, Threads = f.Threads,
    };

    public OpFeatureRecord ToModel(DtoFields f)
    {
        List<int[]?> list = f.Required(Inputs, "inputs");
        var inputs = new List<int[]>(list.Count);
        for (int i = 0; i < list.Count; i++) inputs.Add(f.Ints(list[i], "inputs[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        return new OpFeatureRecord(f.Required(Precision, "precision"), inputs, f.Ints(Output, "output"), f.OptInts(Window, "window"),
            f.OptInts(Stride, "stride"), f.OptInts(Padding, "padding"), f.Required(Groups, "groups"), f.OptInts(Approximation, "approximation"),
            f.Count(Flops, "flops"), f.Count(EffectiveFlops, "effectiveFlops"), f.Count(BytesRead, "bytesRead"),
            f.Count(BytesWritten, "bytesWritten"), f.Required(Batch, "batch"), f.Required(Threads, "threads"));
    }
}

/// <summary>The <c>qos</c> line; in a table, a knob's <c>qos</c> object (without <c>type</c>).</summary>
internal sealed class QosDto
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }
    public string? Reference { get; set; }
    public double? RelL2 { get; set; }
    public double? MaxAbs { get; set; }
    public double? Psnr { get; set; }
    public double? Top1 { get; set; }
    // Absent, not null, when not measured: a profile of a benchmark without labelled data reads as it did before.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Accuracy { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? AccuracyLoss { get; set; }
    // Absent when not measured, like accuracy.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<NodeAccuracyDto?>? Nodes { get; set; }
    // Only in the reference variant's record, with labelled inputs.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LabelledDto? Labelled { get; set; }

    public static QosDto From(QosRecord q, string? type) => new()
    {
        Type = type, Reference = q.Reference, RelL2 = Finite.Check(q.RelL2, "qos.relL2"), MaxAbs = Finite.Check(q.MaxAbs, "qos.maxAbs"),
        Psnr = Finite.Check(q.Psnr, "qos.psnr"), Top1 = Finite.Check(q.Top1, "qos.top1"),
        Accuracy = Finite.Check(q.Accuracy, "qos.accuracy"), AccuracyLoss = Finite.Check(q.AccuracyLoss, "qos.accuracyLoss"),
        Nodes = q.Nodes?.Select(n => (NodeAccuracyDto?)new NodeAccuracyDto
        {
            Node = n.Node, Accuracy = Finite.Check(n.Accuracy, "qos.nodes.accuracy"), AccuracyLoss = Finite.Check(n.AccuracyLoss, "qos.nodes.accuracyLoss"),
            Scores = n.Scores is { } scores ? Base64Numbers.FromFloats(scores, "qos.nodes.scores") : null,
        }).ToList(),
        Labelled = q.Labelled is { } l ? new LabelledDto
        {
            Classes = l.Classes, Labels = Base64Numbers.FromInts(l.Labels), Scores = Base64Numbers.FromFloats(l.Scores, "qos.labelled.scores"),
        } : null,
    };

    public QosRecord ToModel(DtoFields f) => new(f.Required(Reference, "reference"), f.Number(RelL2, "relL2"), f.Number(MaxAbs, "maxAbs"),
        f.OptNumber(Psnr, "psnr"), f.OptNumber(Top1, "top1"),
        f.OptRange(Accuracy, "accuracy", 0, 100, "a percentage"), f.OptRange(AccuracyLoss, "accuracyLoss", -100, 100, "a difference of two percentages"))
    {
        Nodes = Nodes is null ? null : ReadNodes(f),
        Labelled = Labelled?.ToModel(f.In("labelled")),
    };

    private List<NodeAccuracy> ReadNodes(DtoFields f)
    {
        var nodes = new List<NodeAccuracy>(Nodes!.Count);
        var seen = new HashSet<int>();
        for (int i = 0; i < Nodes.Count; i++)
        {
            DtoFields e = f.In("nodes", i);
            NodeAccuracyDto item = Nodes[i] ?? throw f.Fail(FormattableString.Invariant($"qos.nodes[{i}] is null; each entry is {{ \"node\", \"accuracy\", \"accuracyLoss\" }}"));
            int node = (int)e.Number(e.OptRange(item.Node, "node", 1, int.MaxValue, "a node id"), "node");
            if (!seen.Add(node)) throw f.Fail(FormattableString.Invariant($"qos.nodes[{i}]: node {node} appears twice; each node has one entry"));
            nodes.Add(new NodeAccuracy(node, e.Number(e.OptRange(item.Accuracy, "accuracy", 0, 100, "a percentage"), "accuracy"),
                e.Number(e.OptRange(item.AccuracyLoss, "accuracyLoss", -100, 100, "a difference of two percentages"), "accuracyLoss"),
                item.Scores is null ? null : Base64Numbers.ToFloats(item.Scores, e, "scores")));
        }
        return nodes;
    }
}

/// <summary>One entry of a <c>qos</c> record's <c>nodes</c>.</summary>
internal sealed class NodeAccuracyDto
{
    public int? Node { get; set; }
    public double? Accuracy { get; set; }
    public double? AccuracyLoss { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Scores { get; set; }
}

/// <summary>A <c>qos</c> record's <c>labelled</c> object: the reference's scores on the labelled inputs and their labels.</summary>
internal sealed class LabelledDto
{
    public int? Classes { get; set; }
    public string? Labels { get; set; }
    public string? Scores { get; set; }

    public LabelledOutputs ToModel(DtoFields f)
    {
        int classes = (int)f.Number(f.OptRange(Classes, "classes", 1, int.MaxValue, "a count of classes"), "classes");
        int[] labels = Base64Numbers.ToInts(f.Required(Labels, "labels"), f, "labels");
        if (labels.Length == 0) throw f.Fail($"field '{f.Path("labels")}' is empty; it holds one label per labelled image");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw f.Fail(FormattableString.Invariant($"field '{f.Path("labels")}': label {labels[i]} of image {i} is not a class 0–{classes - 1}"));
            }
        }
        float[] scores = Base64Numbers.ToFloats(f.Required(Scores, "scores"), f, "scores");
        if ((long)labels.Length * classes != scores.Length)
        {
            throw f.Fail(FormattableString.Invariant($"field '{f.Path("scores")}' holds {scores.Length} scores, not {labels.Length} images × {classes} classes"));
        }
        return new LabelledOutputs(classes, labels, scores);
    }
}

/// <summary>
/// Arrays of numbers stored as base64 text of their little-endian 4-byte values (float32 or int32): a class score per
/// image and class takes 8 characters instead of a decimal's 10–20.
/// </summary>
internal static class Base64Numbers
{
    public static string FromFloats(IReadOnlyList<float> values, string field)
    {
        var copy = new float[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            float v = values[i];
            if (float.IsNaN(v) || float.IsInfinity(v)) throw new ArgumentException(FormattableString.Invariant($"{field}[{i}] is {v}; only finite numbers are written"));
            copy[i] = v;
        }
        return Encode(copy, copy.Length);
    }

    public static string FromInts(IReadOnlyList<int> values) => Encode(values.ToArray(), values.Count);

    public static float[] ToFloats(string text, DtoFields f, string name)
    {
        byte[] bytes = Decode(text, f, name);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]) || float.IsInfinity(values[i])) throw f.Fail(FormattableString.Invariant($"field '{f.Path(name)}': value {i} is {values[i]}; scores are finite numbers"));
        }
        return values;
    }

    public static int[] ToInts(string text, DtoFields f, string name)
    {
        byte[] bytes = Decode(text, f, name);
        var values = new int[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    // The values' bytes, little-endian whatever the machine's order, as base64.
    private static string Encode(Array values, int count)
    {
        var bytes = new byte[count * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        SwapOnBigEndian(bytes);
        return Convert.ToBase64String(bytes);
    }

    private static byte[] Decode(string text, DtoFields f, string name)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw f.Fail($"field '{f.Path(name)}' is not base64 text; it holds little-endian 4-byte numbers as base64");
        }
        if (bytes.Length % 4 != 0) throw f.Fail(FormattableString.Invariant($"field '{f.Path(name)}' decodes to {bytes.Length} bytes, not a whole number of 4-byte values"));
        SwapOnBigEndian(bytes);
        return bytes;
    }

    private static void SwapOnBigEndian(byte[] bytes)
    {
        if (BitConverter.IsLittleEndian) return;
        for (int i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
    }
}

/// <summary>The <c>summary</c> line.</summary>
internal sealed class SummaryLine
{
    public string? Type { get; set; }
    public StatisticsDto? Time { get; set; }
    public double? Energy { get; set; }
    public int? Iterations { get; set; }
    public bool? Failed { get; set; }
    public string? Error { get; set; }
    // Left out when not paired, so unpaired profiles are written as before.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PairedDto? Paired { get; set; }

    public static SummaryLine From(SummaryRecord s) => new()
    {
        Type = "summary", Time = StatisticsDto.From(s.Time, "summary.time"), Energy = Finite.Check(s.Energy, "summary.energy"),
        Iterations = s.Iterations, Failed = s.Failed, Error = s.Error, Paired = s.Paired is { } p ? PairedDto.From(p) : null,
    };

    public SummaryRecord ToModel(DtoFields f) => new(f.Required(Time, "time").ToModel(f.In("time")), f.OptMeasure(Energy, "energy"),
        f.Required(Iterations, "iterations"), f.Required(Failed, "failed"), Error, Paired?.ToModel(f.In("paired")));
}

/// <summary>The summary's <c>paired</c> object: the baseline measured interleaved with the run.</summary>
internal sealed class PairedDto
{
    public string? Baseline { get; set; }
    public string? Order { get; set; }
    public StatisticsDto? Time { get; set; }
    public StatisticsDto? Speedup { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Spell { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<string?>? Discarded { get; set; }

    public static PairedDto From(PairedBaseline p) => new()
    {
        Baseline = p.Baseline, Order = p.Order, Time = StatisticsDto.From(p.Time, "summary.paired.time"),
        Speedup = StatisticsDto.From(p.Speedup, "summary.paired.speedup"), Spell = p.Spell,
        Discarded = p.Discarded.Count == 0 ? null : p.Discarded.Select(d => (string?)d).ToList(),
    };

    public PairedBaseline ToModel(DtoFields f)
    {
        string baseline = f.Required(Baseline, "baseline");
        if (baseline.Length == 0) throw f.Fail($"field '{f.Path("baseline")}' is empty; it names the baseline variant");
        if (Spell is { Length: 0 }) throw f.Fail($"field '{f.Path("spell")}' is empty; it says why the measurement ran in a spell, or is left out");
        var discarded = new List<string>(Discarded?.Count ?? 0);
        for (int i = 0; i < (Discarded?.Count ?? 0); i++)
        {
            discarded.Add(Discarded![i] is { Length: > 0 } note ? note : throw f.Fail($"'{f.Item("discarded", i)}' is null or empty; each entry says why a measurement was discarded"));
        }
        return new PairedBaseline(baseline, f.Required(Order, "order"), f.Required(Time, "time").ToModel(f.In("time")),
            f.Required(Speedup, "speedup").ToModel(f.In("speedup")), Spell, discarded);
    }
}

/// <summary>Checks shared by the profile and table validation passes.</summary>
internal static class Checks
{
    /// <summary>The provenance, <c>measured</c> when absent (version 1).</summary>
    public static string Provenance(string? value, DtoFields f)
    {
        string provenance = value ?? Knobs.Profiles.Provenance.Measured;
        if (!Knobs.Profiles.Provenance.IsKnown(provenance)) throw f.Fail($"provenance '{provenance}' is none of measured, modelled, predicted");
        return provenance;
    }
}

/// <summary>The writing side's refusal of NaN and infinities, naming the field.</summary>
internal static class Finite
{
    public static double Check(double value, string at)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentException(
                $"Cannot write profile: {at} is {value.ToString(CultureInfo.InvariantCulture)}; " +
                "profiles hold finite numbers only (use null for a value that was not measured).");
        }
        return value;
    }

    public static double? Check(double? value, string at) => value is double v ? Check(v, at) : null;
}
