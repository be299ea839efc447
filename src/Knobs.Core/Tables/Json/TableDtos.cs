using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;
using Knobs.Profiles.Json;

namespace Knobs.Tables.Json;

// table.json (docs/formats.md) as the serializer sees it; the device, environment, settings, statistics, QoS, conversion
// and feature objects are the profile's DTOs (Profiles/Json/ProfileDtos.cs). Same rules: properties in file order,
// all nullable, From(model) writes, ToModel(fields) validates.

/// <summary>The whole <c>table.json</c> file.</summary>
internal sealed class TableDto
{
    public string? Format { get; set; }
    public int? Version { get; set; }
    public string? Benchmark { get; set; }
    public DeviceDto? Device { get; set; }
    public EnvironmentDto? Environment { get; set; }
    public SettingsDto? Settings { get; set; }
    public List<TableKnobDto?>? Knobs { get; set; }
    public List<TableNodeDto?>? Nodes { get; set; }
    public List<string?>? Sources { get; set; }

    public static TableDto From(LookupTable table) => new()
    {
        Format = TableJsonWriter.FormatName, Version = TableJsonWriter.Version, Benchmark = table.Benchmark,
        Device = table.Device is { } d ? DeviceDto.From(d) : null, Environment = table.Environment is { } e ? EnvironmentDto.From(e) : null,
        Settings = table.Settings is { } s ? SettingsDto.From(s) : null,
        Knobs = table.Knobs.Select(k => (TableKnobDto?)TableKnobDto.From(k)).ToList(),
        Nodes = table.Nodes.Select(n => (TableNodeDto?)TableNodeDto.From(n, table)).ToList(),
        Sources = table.Sources.Select(s => (string?)s).ToList(),
    };

    /// <summary>The table of format <paramref name="version"/> (checked, see <see cref="VersionDto"/>).</summary>
    public LookupTable ToModel(DtoFields f, int version)
    {
        ProfileEnvironment? environment = Environment?.ToModel(f.In("environment"));
        ProfileSettings? settings = Settings?.ToModel(f.In("settings"));
        List<TableKnobDto?> knobList = f.Required(Knobs, "knobs");
        var knobs = new List<TableKnob>(knobList.Count);
        for (int i = 0; i < knobList.Count; i++)
        {
            knobs.Add((knobList[i] ?? throw f.Fail($"field '{f.Item("knobs", i)}' is missing or null")).ToModel(f.In("knobs", i)));
        }
        List<TableNodeDto?> nodeList = f.Required(Nodes, "nodes");
        var nodes = new List<TableNode>(nodeList.Count);
        for (int i = 0; i < nodeList.Count; i++)
        {
            nodes.Add((nodeList[i] ?? throw f.Fail($"field '{f.Item("nodes", i)}' is missing or null")).ToModel(f.In("nodes", i), knobs.Count));
        }
        var sources = f.Required(Sources, "sources").Select(s => s ?? throw f.Fail("sources must be strings")).ToList();
        ProfileDevice? device = version >= 2 ? Device?.ToModel(f.In("device")) : null;
        try
        {
            return new LookupTable(f.Required(Benchmark, "benchmark"), environment, settings, knobs, nodes, sources, device);
        }
        catch (ArgumentException ex)
        {
            throw f.Fail(ex.Message);
        }
    }
}

internal sealed class TableKnobDto
{
    public string? Key { get; set; }
    public string? Approx { get; set; }
    public int? Id { get; set; }
    public QosDto? Qos { get; set; }
    public StatisticsDto? Total { get; set; }
    public double? TotalEnergy { get; set; }
    public string? Host { get; set; }
    public double? Scale { get; set; }

    public static TableKnobDto From(TableKnob k) => new()
    {
        Key = k.Key, Approx = k.Approx, Id = k.Id, Qos = k.Qos is { } q ? QosDto.From(q, null) : null,
        Total = k.Total is { } t ? StatisticsDto.From(t, k.Key + ".total") : null, TotalEnergy = Finite.Check(k.TotalEnergy, k.Key + ".totalEnergy"),
        Host = k.Host, Scale = Finite.Check(k.Scale, k.Key + ".scale"),
    };

    public TableKnob ToModel(DtoFields f) => new(f.Required(Approx, "approx"), f.Required(Id, "id"), Qos?.ToModel(f.In("qos")),
        Total?.ToModel(f.In("total")), f.OptMeasure(TotalEnergy, "totalEnergy")) { Host = Host, Scale = f.OptRange(Scale, "scale", 1e-6, 1e6, "a column's scale factor") };
}

internal sealed class TableNodeDto
{
    public int? Id { get; set; }
    public string? Name { get; set; }
    public List<TableOpDto?>? Ops { get; set; }

    public static TableNodeDto From(TableNode n, LookupTable table) => new()
    {
        Id = n.Id, Name = n.Name, Ops = n.Ops.Select(o => (TableOpDto?)TableOpDto.From(o, table)).ToList(),
    };

    public TableNode ToModel(DtoFields f, int knobCount)
    {
        int id = f.Required(Id, "id");
        List<TableOpDto?> list = f.Required(Ops, "ops");
        var ops = new List<TableOp>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            TableOpDto op = list[i] ?? throw f.Fail($"field '{f.Item("ops", i)}' is missing or null");
            ops.Add(op.ToModel(f.In("ops", i), knobCount, id, i + 1));
        }
        return new TableNode(id, f.Required(Name, "name"), ops);
    }
}

internal sealed class TableOpDto
{
    public string? Kind { get; set; }
    public ConversionDto? F2h { get; set; }
    public ConversionDto? H2f { get; set; }
    public ConversionDto? H2d { get; set; }
    public ConversionDto? D2h { get; set; }
    public List<TableCellDto?>? Cells { get; set; }

    public static TableOpDto From(TableOp o, LookupTable table) => new()
    {
        Kind = o.Kind, F2h = Conversion(o.F2h, "f2h"), H2f = Conversion(o.H2f, "h2f"), H2d = Conversion(o.H2d, "h2d"), D2h = Conversion(o.D2h, "d2h"),
        Cells = o.Cells.Select((c, k) => c is null ? null : TableCellDto.From(c, table.Knobs[k].Key)).ToList(),
    };

    private static ConversionDto? Conversion(ConversionCost? c, string name) => c is null ? null : ConversionDto.From(c, name);

    public TableOp ToModel(DtoFields f, int knobCount, int node, int position)
    {
        List<TableCellDto?> list = f.Required(Cells, "cells");
        var cells = list.Select((c, i) => c?.ToModel(f.In("cells", i))).ToList();
        if (cells.Count != knobCount)
        {
            throw f.Fail(FormattableString.Invariant($"node {node} op {position} has {cells.Count} cells for {knobCount} knobs"));
        }
        return new TableOp(f.Required(Kind, "kind"), cells, F2h?.ToModel(f.In("f2h")), H2f?.ToModel(f.In("h2f")),
            H2d?.ToModel(f.In("h2d")), D2h?.ToModel(f.In("d2h")));
    }
}

internal sealed class TableCellDto
{
    public string? Knob { get; set; }
    public string? Op { get; set; }
    public string? Approx { get; set; }
    public double? Mean { get; set; }
    public StatisticsDto? Time { get; set; }
    public double? Energy { get; set; }
    public string? Provenance { get; set; }
    public FeaturesDto? Features { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ModelDto? Model { get; set; }

    public static TableCellDto From(TableCell c, string key) => new()
    {
        Knob = key, Op = c.Op, Approx = c.Approx, Mean = Finite.Check(c.Mean, key + ".mean"),
        Time = c.Time is { } t ? StatisticsDto.From(t, key + ".time") : null, Energy = Finite.Check(c.Energy, key + ".energy"),
        Provenance = c.Provenance, Features = c.Features is { } features ? FeaturesDto.From(features) : null,
        Model = c.Modelled is { } modelled ? ModelDto.From(modelled, key + ".model") : null,
    };

    public TableCell ToModel(DtoFields f)
    {
        string provenance = Checks.Provenance(Provenance, f);
        return new TableCell(Op, Approx, f.Measure(Mean, "mean"), Time?.ToModel(f.In("time")), f.OptMeasure(Energy, "energy"),
            Features?.ToModel(f.In("features")), provenance, Model?.ToModel(f.In("model")));
    }
}
