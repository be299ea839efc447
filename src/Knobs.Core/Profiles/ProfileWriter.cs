using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Knobs.Profiles;

/// <summary>
/// Writes profiles as JSON Lines (docs/formats.md): fixed field order, invariant numbers (shortest round-trip),
/// <c>\n</c> line ends, no BOM. <see cref="Write(string, Profile)"/> is atomic (temp file + rename).
/// </summary>
public static class ProfileWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Writes <paramref name="profile"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (profiles hold finite numbers only).</exception>
    public static void Write(string path, Profile profile)
    {
        byte[] bytes = ToBytes(profile);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The profile's file content as text.</summary>
    public static string ToText(Profile profile) => new System.Text.UTF8Encoding(false).GetString(ToBytes(profile));

    /// <summary>The profile's file content as UTF-8 bytes.</summary>
    public static byte[] ToBytes(Profile profile)
    {
        if (profile is null) throw new ArgumentNullException(nameof(profile));
        using var buffer = new MemoryStream();
        WriteLine(buffer, w => WriteHeader(w, profile.Header));
        foreach (OpRecord op in profile.Ops)
        {
            WriteLine(buffer, w => WriteOp(w, op));
        }
        if (profile.Qos is { } qos)
        {
            WriteLine(buffer, w => WriteQos(w, qos));
        }
        WriteLine(buffer, w => WriteSummary(w, profile.Summary));
        return buffer.ToArray();
    }

    private static void WriteLine(MemoryStream buffer, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        buffer.WriteByte((byte)'\n');
    }

    private static void WriteHeader(Utf8JsonWriter w, ProfileHeader h)
    {
        w.WriteStartObject();
        w.WriteString("type", "header");
        w.WriteString("format", ProfileHeader.FormatName);
        w.WriteNumber("version", ProfileHeader.CurrentVersion);
        w.WriteString("benchmark", h.Benchmark);
        w.WriteString("variant", h.Variant);
        if (h.Knob is { } knob)
        {
            w.WriteStartObject("knob");
            w.WriteString("name", knob.Name);
            w.WriteNumber("id", knob.Id);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("knob");
        }
        if (h.Configuration is { } config)
        {
            WriteConfiguration(w, config);
        }
        else
        {
            w.WriteNull("configuration");
        }
        WriteSettings(w, h.Settings);
        WriteEnvironment(w, h.Environment);
        WriteDevice(w, h.Device);
        w.WriteString("startedUtc", h.StartedUtc);
        w.WriteEndObject();
    }

    private static void WriteConfiguration(Utf8JsonWriter w, ProfileConfiguration c)
    {
        w.WriteStartObject("configuration");
        w.WriteString("file", c.File);
        w.WriteString("name", c.Name);
        w.WriteNumber("index", c.Index);
        w.WriteStartArray("nodes");
        foreach (ProfileConfigurationNode n in c.Nodes)
        {
            w.WriteStartObject();
            w.WriteNumber("node", n.Node);
            w.WriteString("knob", n.Knob);
            w.WriteNumber("id", n.Id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteSettings(Utf8JsonWriter w, ProfileSettings s)
    {
        w.WriteStartObject("settings");
        w.WriteString("profiling", s.Profiling);
        WriteNullable(w, "iterations", s.Iterations);
        WriteNullable(w, "targetError", s.TargetError, "settings");
        WriteNullable(w, "warmup", s.Warmup);
        WriteNullable(w, "maxTimeS", s.MaxTimeS, "settings");
        w.WriteNumber("batch", s.Batch);
        w.WriteNumber("threads", s.Threads);
        w.WriteString("backend", s.Backend);
        w.WriteEndObject();
    }

    internal static void WriteEnvironment(Utf8JsonWriter w, ProfileEnvironment e)
    {
        w.WriteStartObject("environment");
        w.WriteString("cpuModel", e.CpuModel);
        w.WriteNumber("cores", e.Cores);
        w.WriteString("os", e.Os);
        w.WriteString("dotnet", e.Dotnet);
        w.WriteString("jit", e.Jit);
        w.WriteString("gc", e.Gc);
        w.WriteNumber("threads", e.Threads);
        w.WriteString("backend", e.Backend);
        w.WriteString("knobsVersion", e.KnobsVersion);
        w.WriteString("meter", e.Meter);
        w.WriteString("governor", e.Governor);
        w.WriteString("appHash", e.AppHash);
        w.WriteEndObject();
    }

    internal static void WriteDevice(Utf8JsonWriter w, ProfileDevice d)
    {
        w.WriteStartObject("device");
        w.WriteString("kind", d.Kind);
        w.WriteString("name", d.Name);
        w.WriteStartObject("properties");
        foreach (System.Collections.Generic.KeyValuePair<string, string> p in d.Properties) w.WriteString(p.Key, p.Value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void WriteFeatures(Utf8JsonWriter w, OpFeatureRecord f)
    {
        w.WriteStartObject("features");
        w.WriteString("precision", f.Precision);
        w.WriteStartArray("inputs");
        foreach (int[] shape in f.Inputs) WriteInts(w, null, shape);
        w.WriteEndArray();
        WriteInts(w, "output", f.Output);
        WriteInts(w, "window", f.Window);
        WriteInts(w, "stride", f.Stride);
        WriteInts(w, "padding", f.Padding);
        w.WriteNumber("groups", f.Groups);
        WriteInts(w, "approximation", f.Approximation);
        w.WriteNumber("flops", f.NominalFlops);
        w.WriteNumber("effectiveFlops", f.EffectiveFlops);
        w.WriteNumber("bytesRead", f.BytesRead);
        w.WriteNumber("bytesWritten", f.BytesWritten);
        w.WriteNumber("batch", f.Batch);
        w.WriteNumber("threads", f.Threads);
        w.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter w, string? name, int[]? values)
    {
        if (values is null)
        {
            if (name is not null) w.WriteNull(name);
            return;
        }
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        foreach (int v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void WriteOp(Utf8JsonWriter w, OpRecord op)
    {
        string where = "op " + op.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString("type", "op");
        w.WriteNumber("node", op.Node);
        w.WriteString("nodeName", op.NodeName);
        w.WriteNumber("index", op.Index);
        w.WriteString("kind", op.Kind);
        w.WriteString("op", op.Op);
        w.WriteString("approx", op.Approx);
        w.WriteNumber("knobId", op.KnobId);
        WriteStatistics(w, "time", op.Time, where);
        WriteNullable(w, "energy", op.Energy, where);
        WriteConversion(w, "f2h", op.F2h, where);
        WriteConversion(w, "h2f", op.H2f, where);
        WriteConversion(w, "h2d", op.H2d, where);
        WriteConversion(w, "d2h", op.D2h, where);
        w.WriteString("provenance", op.Provenance);
        if (op.Features is { } features) WriteFeatures(w, features);
        else w.WriteNull("features");
        w.WriteEndObject();
    }

    private static void WriteConversion(Utf8JsonWriter w, string name, ConversionCost c, string where)
    {
        w.WriteStartObject(name);
        WriteFinite(w, "time", c.Time, where + "." + name);
        WriteNullable(w, "energy", c.Energy, where + "." + name);
        w.WriteEndObject();
    }

    private static void WriteQos(Utf8JsonWriter w, QosRecord q)
    {
        w.WriteStartObject();
        w.WriteString("type", "qos");
        WriteQosFields(w, q);
        w.WriteEndObject();
    }

    internal static void WriteQosFields(Utf8JsonWriter w, QosRecord q)
    {
        w.WriteString("reference", q.Reference);
        WriteFinite(w, "relL2", q.RelL2, "qos");
        WriteFinite(w, "maxAbs", q.MaxAbs, "qos");
        WriteNullable(w, "psnr", q.Psnr, "qos");
        WriteNullable(w, "top1", q.Top1, "qos");
    }

    private static void WriteSummary(Utf8JsonWriter w, SummaryRecord s)
    {
        w.WriteStartObject();
        w.WriteString("type", "summary");
        WriteStatistics(w, "time", s.Time, "summary");
        WriteNullable(w, "energy", s.Energy, "summary");
        w.WriteNumber("iterations", s.Iterations);
        w.WriteBoolean("failed", s.Failed);
        w.WriteString("error", s.Error);
        w.WriteEndObject();
    }

    internal static void WriteStatistics(Utf8JsonWriter w, string name, ProfileStatistics s, string where)
    {
        string at = where + "." + name;
        w.WriteStartObject(name);
        w.WriteNumber("n", s.N);
        WriteFinite(w, "mean", s.Mean, at);
        WriteFinite(w, "median", s.Median, at);
        WriteFinite(w, "stdev", s.Stdev, at);
        WriteFinite(w, "min", s.Min, at);
        WriteFinite(w, "max", s.Max, at);
        WriteFinite(w, "ciLow", s.CiLow, at);
        WriteFinite(w, "ciHigh", s.CiHigh, at);
        w.WriteNumber("outliers", s.Outliers);
        w.WriteBoolean("noisy", s.Noisy);
        w.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, double? value, string where)
    {
        if (value is { } v) WriteFinite(w, name, v, where);
        else w.WriteNull(name);
    }

    internal static void WriteFinite(Utf8JsonWriter w, string name, double value, string where)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentException(
                $"Cannot write profile: {where}.{name} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; " +
                "profiles hold finite numbers only (use null for a value that was not measured).");
        }
        w.WriteNumber(name, value);
    }
}
