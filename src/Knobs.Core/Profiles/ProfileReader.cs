using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Knobs.Profiles;

/// <summary>
/// Reads profiles (docs/formats.md). Rejects, with <see cref="ProfileFormatException"/> naming file and line:
/// a foreign file (first line is not a Knobs header), a truncated file (no summary line), a newer format
/// version, records out of order, and malformed or missing fields.
/// </summary>
public static class ProfileReader
{
    private const string ForeignProblem =
        "not a Knobs profile: the first line must be a header {\"type\":\"header\",\"format\":\"" + ProfileHeader.FormatName + "\",…}";

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    public static Profile Read(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads a profile from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static Profile Read(TextReader reader, string file)
    {
        ProfileHeader? header = null;
        var ops = new List<OpRecord>();
        QosRecord? qos = null;
        SummaryRecord? summary = null;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (summary is not null)
            {
                throw new ProfileFormatException(file, lineNumber, "content after the summary line; the summary must be the last line");
            }
            if (line.Trim().Length == 0)
            {
                throw new ProfileFormatException(file, lineNumber, "blank line; every line of a profile is one JSON record");
            }
            using JsonDocument doc = Parse(line, file, lineNumber, header is null);
            if (header is null && doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ProfileFormatException(file, lineNumber, ForeignProblem);
            }
            var fields = new JsonFields(doc.RootElement, file, lineNumber, "");
            string? type = header is null ? ForeignCheck(fields, file, lineNumber) : fields.OptString("type");
            switch (type)
            {
                case "header" when header is null:
                    header = ReadHeader(fields);
                    break;
                case "header":
                    throw fields.Fail("a second header line; a profile has exactly one header, on the first line");
                case "op" when qos is null:
                    ops.Add(ReadOp(fields));
                    break;
                case "op":
                    throw fields.Fail("an op record after the qos record; op records come before qos and summary");
                case "qos" when qos is null:
                    qos = ReadQos(fields);
                    break;
                case "qos":
                    throw fields.Fail("a second qos record");
                case "summary":
                    summary = ReadSummary(fields);
                    break;
                case null:
                    throw fields.Fail("record has no \"type\" field");
                default:
                    throw fields.Fail($"unknown record type '{type}' (expected header, op, qos or summary)");
            }
        }
        if (header is null)
        {
            throw new ProfileFormatException(file, 0, "the file is empty; expected a Knobs profile (JSON lines starting with a header)");
        }
        if (summary is null)
        {
            throw new ProfileFormatException(file, lineNumber,
                "truncated profile: the last line is not a summary record, so the run did not finish writing it. Re-run the profile.");
        }
        return new Profile(header, ops, qos, summary);
    }

    private static JsonDocument Parse(string line, string file, int lineNumber, bool first)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            string problem = first
                ? ForeignProblem
                : "malformed JSON" + (e.BytePositionInLine is { } p ? " at byte " + p.ToString(CultureInfo.InvariantCulture) : "") +
                  ": " + e.Message;
            throw new ProfileFormatException(file, lineNumber, problem);
        }
    }

    private static string ForeignCheck(JsonFields fields, string file, int line)
    {
        string? format;
        string? type;
        try
        {
            type = fields.OptString("type");
            format = fields.OptString("format");
        }
        catch (ProfileFormatException)
        {
            type = null;
            format = null;
        }
        if (type != "header" || format != ProfileHeader.FormatName)
        {
            throw new ProfileFormatException(file, line, ForeignProblem);
        }
        int version = fields.Int("version");
        if (version < ProfileHeader.OldestVersion || version > ProfileHeader.CurrentVersion)
        {
            throw new ProfileFormatException(file, line, FormattableString.Invariant(
                $"profile format version {version} is not supported (this Knobs reads versions {ProfileHeader.OldestVersion} to {ProfileHeader.CurrentVersion}); use a matching Knobs version"));
        }
        return type;
    }

    private static ProfileHeader ReadHeader(JsonFields f)
    {
        ProfileKnob? knob = f.OptObject("knob") is { } k ? new ProfileKnob(k.String("name"), k.Int("id")) : null;
        ProfileConfiguration? configuration = f.OptObject("configuration") is { } c ? ReadConfiguration(c) : null;
        ProfileSettings settings = ReadSettings(f.Object("settings"));
        ProfileEnvironment environment = ReadEnvironment(f.Object("environment"));
        int version = f.Int("version");
        // Version 1 named no device: every such profile was measured on the CPU its environment describes.
        ProfileDevice? device = version >= 2 ? ReadDevice(f.Object("device")) : null;
        return new ProfileHeader(f.String("benchmark"), f.String("variant"), knob, configuration, settings, environment,
            f.String("startedUtc"), device, version);
    }

    internal static ProfileDevice ReadDevice(JsonFields d)
    {
        string kind = d.String("kind");
        if (!ProfileDevice.IsKind(kind)) throw d.Fail($"device kind '{kind}' is none of cpu, gpu, accel:<name>");
        JsonFields bag = d.Object("properties");
        var properties = new List<KeyValuePair<string, string>>();
        foreach (string key in bag.PropertyNames()) properties.Add(new KeyValuePair<string, string>(key, bag.String(key)));
        return new ProfileDevice(kind, d.String("name"), properties);
    }

    internal static OpFeatureRecord ReadFeatures(JsonFields f)
    {
        var inputs = new List<int[]>();
        int i = 0;
        foreach (JsonElement element in f.Array("inputs")) inputs.Add(Ints(element, f, "inputs", i++));
        return new OpFeatureRecord(f.String("precision"), inputs, f.Ints("output") ?? throw f.Fail("field 'output' is missing or null"),
            f.Ints("window"), f.Ints("stride"), f.Ints("padding"), f.Int("groups"), f.Ints("approximation"),
            f.Count("flops"), f.Count("effectiveFlops"), f.Count("bytesRead"), f.Count("bytesWritten"), f.Int("batch"), f.Int("threads"));
    }

    private static int[] Ints(JsonElement element, JsonFields parent, string name, int index)
    {
        if (element.ValueKind != JsonValueKind.Array) throw parent.Fail($"'{name}[{index}]' must be an array of integers");
        var values = new List<int>();
        foreach (JsonElement v in element.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int x) || x < 0) throw parent.Fail($"'{name}[{index}]' must hold non-negative integers");
            values.Add(x);
        }
        return values.ToArray();
    }

    internal static ProfileSettings ReadSettings(JsonFields s) => new(s.String("profiling"), s.OptInt("iterations"),
        s.OptDouble("targetError"), s.OptInt("warmup"), s.OptDouble("maxTimeS"), s.Int("batch"), s.Int("threads"), s.String("backend"));

    internal static ProfileEnvironment ReadEnvironment(JsonFields e) => new(e.String("cpuModel"), e.Int("cores"), e.String("os"),
        e.String("dotnet"), e.String("jit"), e.String("gc"), e.Int("threads"), e.String("backend"), e.String("knobsVersion"),
        e.String("meter"), e.OptString("governor"), e.OptString("appHash"));

    private static ProfileConfiguration ReadConfiguration(JsonFields c)
    {
        var nodes = new List<ProfileConfigurationNode>();
        int i = 0;
        foreach (JsonElement element in c.Array("nodes"))
        {
            JsonFields n = c.Element(element, "nodes", i++);
            nodes.Add(new ProfileConfigurationNode(n.Int("node"), n.String("knob"), n.Int("id")));
        }
        return new ProfileConfiguration(c.String("file"), c.String("name"), c.Int("index"), nodes);
    }

    private static OpRecord ReadOp(JsonFields f)
    {
        string provenance = f.OptString("provenance") ?? Provenance.Measured;
        if (!Provenance.IsKnown(provenance)) throw f.Fail($"provenance '{provenance}' is none of measured, modelled, predicted");
        return new OpRecord(
            f.Int("node"), f.String("nodeName"), f.Int("index"), f.String("kind"), f.String("op"), f.String("approx"),
            f.Int("knobId"), ReadStatistics(f.Object("time")), f.OptMeasure("energy"),
            ReadConversion(f.OptObject("f2h")), ReadConversion(f.OptObject("h2f")),
            f.OptObject("features") is { } features ? ReadFeatures(features) : null, provenance,
            ReadConversion(f.OptObject("h2d")), ReadConversion(f.OptObject("d2h")));
    }

    private static ConversionCost ReadConversion(JsonFields? c) =>
        c is { } v ? new ConversionCost(v.Measure("time"), v.OptMeasure("energy")) : ConversionCost.None;

    internal static QosRecord ReadQos(JsonFields f) => new(
        f.String("reference"), f.Double("relL2"), f.Double("maxAbs"), f.OptDouble("psnr"), f.OptDouble("top1"));

    private static SummaryRecord ReadSummary(JsonFields f) => new(
        ReadStatistics(f.Object("time")), f.OptMeasure("energy"), f.Int("iterations"), f.Bool("failed"), f.OptString("error"));

    internal static ProfileStatistics ReadStatistics(JsonFields s) => new(
        s.Int("n"), s.Measure("mean"), s.Measure("median"), s.Measure("stdev"), s.Measure("min"), s.Measure("max"),
        s.Double("ciLow"), s.Double("ciHigh"), s.Int("outliers"), s.Bool("noisy"));
}
