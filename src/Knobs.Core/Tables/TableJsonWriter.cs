using System.IO;
using System.Text;
using System.Text.Json;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>Writes <c>&lt;bench&gt;.table.json</c>: the whole table, lossless (docs/formats.md); read back by <see cref="TableJsonReader"/>.</summary>
public static class TableJsonWriter
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "knobs-table";

    /// <summary>The table format version this code writes (version 1, without device, provenance and features, still reads).</summary>
    public const int Version = 2;

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = ProfileWriter.Options.Encoder,
    };

    /// <summary>The file's text (indented, <c>\n</c> line ends).</summary>
    public static string ToText(LookupTable table)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            Write(w, table);
        }
        // Utf8JsonWriter indents with Environment.NewLine; strings escape line breaks, so this only touches layout.
        return new UTF8Encoding(false).GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => AtomicFile.WriteAllText(path, ToText(table));

    private static void Write(Utf8JsonWriter w, LookupTable table)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", Version);
        w.WriteString("benchmark", table.Benchmark);
        if (table.Device is { } device) ProfileWriter.WriteDevice(w, device);
        else w.WriteNull("device");
        if (table.Environment is { } env) ProfileWriter.WriteEnvironment(w, env);
        else w.WriteNull("environment");
        if (table.Settings is { } settings) ProfileWriter.WriteSettings(w, settings);
        else w.WriteNull("settings");
        w.WriteStartArray("knobs");
        foreach (TableKnob knob in table.Knobs)
        {
            WriteKnob(w, knob);
        }
        w.WriteEndArray();
        w.WriteStartArray("nodes");
        foreach (TableNode node in table.Nodes)
        {
            WriteNode(w, table, node);
        }
        w.WriteEndArray();
        w.WriteStartArray("sources");
        foreach (string source in table.Sources) w.WriteStringValue(source);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteKnob(Utf8JsonWriter w, TableKnob knob)
    {
        w.WriteStartObject();
        w.WriteString("key", knob.Key);
        w.WriteString("approx", knob.Approx);
        w.WriteNumber("id", knob.Id);
        if (knob.Qos is { } qos)
        {
            w.WriteStartObject("qos");
            ProfileWriter.WriteQosFields(w, qos);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("qos");
        }
        if (knob.Total is { } total) ProfileWriter.WriteStatistics(w, "total", total, knob.Key);
        else w.WriteNull("total");
        ProfileWriter.WriteNullable(w, "totalEnergy", knob.TotalEnergy, knob.Key);
        w.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter w, LookupTable table, TableNode node)
    {
        w.WriteStartObject();
        w.WriteNumber("id", node.Id);
        w.WriteString("name", node.Name);
        w.WriteStartArray("ops");
        foreach (TableOp op in node.Ops)
        {
            w.WriteStartObject();
            w.WriteString("kind", op.Kind);
            WriteConversion(w, "f2h", op.F2h);
            WriteConversion(w, "h2f", op.H2f);
            WriteConversion(w, "h2d", op.H2d);
            WriteConversion(w, "d2h", op.D2h);
            w.WriteStartArray("cells");
            for (int k = 0; k < op.Cells.Count; k++)
            {
                WriteCell(w, table.Knobs[k].Key, op.Cells[k]);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter w, string key, TableCell? cell)
    {
        if (cell is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("knob", key);
        w.WriteString("op", cell.Op);
        w.WriteString("approx", cell.Approx);
        ProfileWriter.WriteFinite(w, "mean", cell.Mean, key);
        if (cell.Time is { } time) ProfileWriter.WriteStatistics(w, "time", time, key);
        else w.WriteNull("time");
        ProfileWriter.WriteNullable(w, "energy", cell.Energy, key);
        w.WriteString("provenance", cell.Provenance);
        if (cell.Features is { } features) ProfileWriter.WriteFeatures(w, features);
        else w.WriteNull("features");
        w.WriteEndObject();
    }

    private static void WriteConversion(Utf8JsonWriter w, string name, ConversionCost? cost)
    {
        if (cost is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        ProfileWriter.WriteFinite(w, "time", cost.Time, name);
        ProfileWriter.WriteNullable(w, "energy", cost.Energy, name);
        w.WriteEndObject();
    }
}
