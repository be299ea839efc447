using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>Reads <c>&lt;bench&gt;.table.json</c> written by <see cref="TableJsonWriter"/>.</summary>
public static class TableJsonReader
{
    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    public static LookupTable Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The largest table file read (64 MB); lookup tables of real networks are tens of kilobytes.</summary>
    public const int MaxLength = 64 * 1024 * 1024;

    /// <summary>Parses table JSON; <paramref name="file"/> names it in errors.</summary>
    public static LookupTable Parse(string json, string file)
    {
        JsonDocument doc;
        if (json.Length > MaxLength) throw new TableFormatException(file, 0, "the file is larger than 64 MB, so it is not a Knobs lookup table");
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TableFormatException(file, (int)(e.LineNumber ?? -1) + 1, "malformed JSON: " + e.Message);
        }
        using (doc)
        {
            try
            {
                return Read(new JsonFields(doc.RootElement, file, 0, ""), file);
            }
            catch (ProfileFormatException e)
            {
                throw new TableFormatException(file, 0, e.Problem);
            }
        }
    }

    private static LookupTable Read(JsonFields f, string file)
    {
        if (f.OptString("format") != TableJsonWriter.FormatName)
        {
            throw new TableFormatException(file, 0, $"not a Knobs table: expected \"format\":\"{TableJsonWriter.FormatName}\"");
        }
        int version = f.Int("version");
        if (version < 1 || version > TableJsonWriter.Version)
        {
            throw new TableFormatException(file, 0, $"table format version {version} is not supported (this Knobs reads versions 1 to {TableJsonWriter.Version})");
        }
        ProfileEnvironment? environment = f.OptObject("environment") is { } e ? ProfileReader.ReadEnvironment(e) : null;
        ProfileSettings? settings = f.OptObject("settings") is { } s ? ProfileReader.ReadSettings(s) : null;
        var knobs = new List<TableKnob>();
        int i = 0;
        foreach (JsonElement element in f.Array("knobs"))
        {
            JsonFields k = f.Element(element, "knobs", i++);
            knobs.Add(new TableKnob(k.String("approx"), k.Int("id"),
                k.OptObject("qos") is { } q ? ProfileReader.ReadQos(q) : null,
                k.OptObject("total") is { } t ? ProfileReader.ReadStatistics(t) : null,
                k.OptMeasure("totalEnergy")));
        }
        var nodes = new List<TableNode>();
        i = 0;
        foreach (JsonElement element in f.Array("nodes"))
        {
            nodes.Add(ReadNode(f.Element(element, "nodes", i++), knobs.Count, file));
        }
        var sources = new List<string>();
        foreach (JsonElement element in f.Array("sources"))
        {
            sources.Add(element.ValueKind == JsonValueKind.String ? SourceText(element, file) : throw new TableFormatException(file, 0, "sources must be strings"));
        }
        try
        {
            ProfileDevice? device = version >= 2 && f.OptObject("device") is { } d ? ProfileReader.ReadDevice(d) : null;
            return new LookupTable(f.String("benchmark"), environment, settings, knobs, nodes, sources, device);
        }
        catch (ArgumentException ex)
        {
            throw new TableFormatException(file, 0, ex.Message);
        }
    }

    private static string SourceText(JsonElement element, string file)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new TableFormatException(file, 0, "a source holds an invalid escape (a lone UTF-16 surrogate such as \\ud800)");
        }
    }

    private static TableNode ReadNode(JsonFields n, int knobCount, string file)
    {
        var ops = new List<TableOp>();
        int i = 0;
        foreach (JsonElement element in n.Array("ops"))
        {
            JsonFields o = n.Element(element, "ops", i++);
            var cells = new List<TableCell?>();
            int c = 0;
            foreach (JsonElement cellElement in o.Array("cells"))
            {
                if (cellElement.ValueKind == JsonValueKind.Null)
                {
                    cells.Add(null);
                    c++;
                    continue;
                }
                JsonFields cell = o.Element(cellElement, "cells", c++);
                string provenance = cell.OptString("provenance") ?? Provenance.Measured;
                if (!Provenance.IsKnown(provenance)) throw new TableFormatException(file, 0, $"provenance '{provenance}' is none of measured, modelled, predicted");
                cells.Add(new TableCell(cell.OptString("op"), cell.OptString("approx"), cell.Measure("mean"),
                    cell.OptObject("time") is { } t ? ProfileReader.ReadStatistics(t) : null, cell.OptMeasure("energy"),
                    cell.OptObject("features") is { } features ? ProfileReader.ReadFeatures(features) : null, provenance));
            }
            if (cells.Count != knobCount)
            {
                throw new TableFormatException(file, 0, FormattableString.Invariant(
                    $"node {n.Int("id")} op {i} has {cells.Count} cells for {knobCount} knobs"));
            }
            ops.Add(new TableOp(o.String("kind"), cells, ReadConversion(o.OptObject("f2h")), ReadConversion(o.OptObject("h2f")),
                ReadConversion(o.OptObject("h2d")), ReadConversion(o.OptObject("d2h"))));
        }
        return new TableNode(n.Int("id"), n.String("name"), ops);
    }

    private static ConversionCost? ReadConversion(JsonFields? c) => c is { } v ? new ConversionCost(v.Measure("time"), v.OptMeasure("energy")) : null;
}
