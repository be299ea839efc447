using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Diagnostics;
using Knobs.Profiles;

namespace Knobs.Accelerators.Description;

/// <summary>
/// Reads an accelerator description (YAML, docs/accelerators.md "Describing an accelerator"). Every problem is collected
/// with its file, line and column and thrown together as an <see cref="AcceleratorInputException"/>, before any op is
/// modelled.
/// </summary>
public static class AcceleratorReader
{
    /// <summary>Problems listed at most for one file; one more line says the rest were not.</summary>
    public const int MaxDiagnostics = 100;

    /// <summary>The largest description file read, bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly string[] TopKeys = { "name", "clock_mhz", "systolic", "smv", "scratchpads_kib", "dram_bytes_per_cycle", "host_link", "vector_lanes", "energy_pj" };
    private static readonly string[] SystolicScratchpads = { "ifmap", "filter", "ofmap" };
    private static readonly string[] SmvScratchpads = { "spad0", "spad1", "spad2" };

    /// <summary>Reads the description in <paramref name="path"/>.</summary>
    public static AcceleratorDescription Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw Fail(path, AcceleratorDiagnosticIds.DescriptionUnreadable, $"the accelerator description '{path}' does not exist; give the path of a YAML description (see docs/accelerators.md)");
            if (info.Length > MaxFileBytes) throw Fail(path, AcceleratorDiagnosticIds.DescriptionUnreadable, $"the accelerator description is {info.Length} bytes, over the {MaxFileBytes}-byte limit; a description is a few lines");
            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw Fail(path, AcceleratorDiagnosticIds.DescriptionUnreadable, $"the accelerator description cannot be read ({ex.Message}); check the path and that the file is UTF-8 text");
        }
        return Parse(path, text);
    }

    /// <summary>Reads a description from <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    public static AcceleratorDescription Parse(string file, string text)
    {
        YamlTreeNode? root;
        try
        {
            root = YamlTreeNode.Read(text);
        }
        catch (YamlSubsetException ex)
        {
            throw new AcceleratorInputException(new[] { new AcceleratorDiagnostic(AcceleratorDiagnosticIds.DescriptionUnreadable, file,
                ex.Line, ex.Column, "not a description's YAML: " + ex.Message) });
        }
        var r = new Reader(file);
        AcceleratorDescription? description = r.Description(root);
        if (r.Diagnostics.Count > 0 || description is null)
        {
            throw new AcceleratorInputException(r.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList());
        }
        return description;
    }

    private static AcceleratorInputException Fail(string file, string id, string message) =>
        new(new[] { new AcceleratorDiagnostic(id, file, 0, 0, message) });

    private sealed class Reader
    {
        private readonly string _file;

        public Reader(string file) => _file = file;

        public List<AcceleratorDiagnostic> Diagnostics { get; } = new();

        public AcceleratorDescription? Description(YamlTreeNode? root)
        {
            if (root is not YamlMappingValue top)
            {
                Schema(root, "an accelerator description is a mapping with the keys " + string.Join(", ", TopKeys) + " (docs/accelerators.md)");
                return null;
            }
            Dictionary<string, KeyValuePair<YamlScalarValue, YamlTreeNode>> keys = Keys(top, "the top level", TopKeys);
            string? name = Name(Required(keys, top, "name", "the top level"));
            double? clockMhz = Number(Required(keys, top, "clock_mhz", "the top level"), "clock_mhz", 1e-3, 1e6, "the clock in MHz, e.g. 1000");

            SystolicEngine? systolic = null;
            SmvEngine? smv = null;
            bool hasSystolic = keys.TryGetValue("systolic", out var systolicEntry), hasSmv = keys.TryGetValue("smv", out var smvEntry);
            if (hasSystolic && hasSmv) Schema(smvEntry.Key, "a description has one compute engine: give 'systolic' or 'smv', not both");
            else if (!hasSystolic && !hasSmv) Schema(top, "the description has no compute engine: add 'systolic:' (rows, columns, dataflow) or 'smv:' (pes, macs_per_pe, vector_width, pipelined_dma)");
            else if (hasSystolic) systolic = Systolic(systolicEntry.Value);
            else smv = Smv(smvEntry.Value);

            string[] spadNames = hasSmv && !hasSystolic ? SmvScratchpads : SystolicScratchpads;
            List<Scratchpad> scratchpads = Scratchpads(Required(keys, top, "scratchpads_kib", "the top level"), spadNames);

            double? dram = null;
            bool dramOk = true;
            if (Required(keys, top, "dram_bytes_per_cycle", "the top level") is { } dramNode)
            {
                if (dramNode is YamlScalarValue { Value: "calc" })
                {
                    if (!hasSystolic) { Value(dramNode, "dram_bytes_per_cycle: calc (the bandwidth a stall-free run needs) is a systolic-array mode; give the SMV datapath's bandwidth in bytes per cycle"); dramOk = false; }
                }
                else
                {
                    dram = Number(dramNode, "dram_bytes_per_cycle", 1e-6, 1e6, "bytes per cycle, e.g. 16, or calc for a systolic array");
                    dramOk = dram is not null;
                }
            }

            HostLink link = new(16, 1000, assumed: true);
            if (keys.TryGetValue("host_link", out var linkEntry) && HostLinkOf(linkEntry.Value) is { } given) link = given;

            int? lanes = null;
            if (keys.TryGetValue("vector_lanes", out var lanesEntry)) lanes = Integer(lanesEntry.Value, "vector_lanes", 1, 65536, "element-wise operations per cycle, e.g. 32");

            EnergyTable energy = EnergyTable.Default;
            if (keys.TryGetValue("energy_pj", out var energyEntry) && Energy(energyEntry.Value) is { } table) energy = table;

            if (Diagnostics.Count > 0 || name is null || clockMhz is null || (systolic is null && smv is null) || !dramOk) return null;
            int vectorLanes = lanes ?? (systolic is not null ? systolic.Columns : smv!.VectorWidth);
            return new AcceleratorDescription(name, _file, clockMhz.Value * 1e6, systolic, smv, scratchpads, dram, link, vectorLanes, energy);
        }

        private string? Name(YamlTreeNode? node)
        {
            if (node is null) return null;
            if (node is not YamlScalarValue s || s.Value.Length == 0)
            {
                Value(node, "name must be a single word: letters, digits, '_' and '-' (the device is accel:<name>)");
                return null;
            }
            if (s.Value.Length > 64 || !ProfileDevice.IsKind("accel:" + s.Value))
            {
                Value(node, $"name '{Shorten(s.Value)}' is not usable: use at most 64 letters, digits, '_' and '-' (the device is accel:<name>), e.g. arr32_ws");
                return null;
            }
            return s.Value;
        }

        private SystolicEngine? Systolic(YamlTreeNode node)
        {
            if (node is not YamlMappingValue map) { Schema(node, "systolic must be a mapping with rows, columns and dataflow"); return null; }
            var keys = Keys(map, "systolic", new[] { "rows", "columns", "dataflow" });
            int? rows = Integer(Required(keys, map, "rows", "systolic"), "rows", 1, 4096, "PE rows, e.g. 32");
            int? columns = Integer(Required(keys, map, "columns", "systolic"), "columns", 1, 4096, "PE columns, e.g. 32");
            ArrayDataflow? dataflow = null;
            if (Required(keys, map, "dataflow", "systolic") is { } d)
            {
                string text = d is YamlScalarValue s ? s.Value : "";
                dataflow = text switch
                {
                    "os" => ArrayDataflow.OutputStationary,
                    "ws" => ArrayDataflow.WeightStationary,
                    "is" => ArrayDataflow.InputStationary,
                    _ => null,
                };
                if (dataflow is null) Value(d, $"dataflow '{Shorten(text)}' is none of os (output stationary), ws (weight stationary), is (input stationary)");
            }
            return rows is null || columns is null || dataflow is null ? null : new SystolicEngine(rows.Value, columns.Value, dataflow.Value);
        }

        private SmvEngine? Smv(YamlTreeNode node)
        {
            if (node is not YamlMappingValue map) { Schema(node, "smv must be a mapping with pes, macs_per_pe, vector_width and pipelined_dma"); return null; }
            var keys = Keys(map, "smv", new[] { "pes", "macs_per_pe", "vector_width", "pipelined_dma" });
            int? pes = Integer(Required(keys, map, "pes", "smv"), "pes", 1, 4096, "processing elements, e.g. 8");
            int? macs = Integer(Required(keys, map, "macs_per_pe", "smv"), "macs_per_pe", 1, 4096, "MACs per PE, e.g. 32");
            int? width = Integer(Required(keys, map, "vector_width", "smv"), "vector_width", 1, 4096, "vector width, e.g. 8");
            bool? pipelined = false;
            if (keys.TryGetValue("pipelined_dma", out var p)) pipelined = Bool(p.Value, "pipelined_dma");
            return pes is null || macs is null || width is null || pipelined is null ? null : new SmvEngine(pes.Value, macs.Value, width.Value, pipelined.Value);
        }

        private List<Scratchpad> Scratchpads(YamlTreeNode? node, string[] names)
        {
            var result = new List<Scratchpad>();
            if (node is null) return result;
            if (node is not YamlMappingValue map) { Schema(node, "scratchpads_kib must be a mapping of " + string.Join(", ", names) + " to sizes in KiB"); return result; }
            var keys = Keys(map, "scratchpads_kib", names);
            foreach (string name in names)
            {
                double? kib = Number(Required(keys, map, name, "scratchpads_kib"), name, 1.0 / 1024, 1 << 20, "the size in KiB, e.g. 64");
                if (kib is null) continue;
                double bytes = kib.Value * 1024;
                if (Math.Abs(bytes - Math.Round(bytes)) > 1e-9) { Value(keys[name].Value, $"{name}: {kib.Value.ToString("R", CultureInfo.InvariantCulture)} KiB is not a whole number of bytes"); continue; }
                result.Add(new Scratchpad(name, (long)Math.Round(bytes)));
            }
            return result;
        }

        private HostLink? HostLinkOf(YamlTreeNode node)
        {
            if (node is not YamlMappingValue map) { Schema(node, "host_link must be a mapping with bytes_per_cycle and latency_cycles"); return null; }
            var keys = Keys(map, "host_link", new[] { "bytes_per_cycle", "latency_cycles" });
            double? bandwidth = Number(Required(keys, map, "bytes_per_cycle", "host_link"), "bytes_per_cycle", 1e-6, 1e6, "bytes per cycle, e.g. 16");
            int? latency = Integer(Required(keys, map, "latency_cycles", "host_link"), "latency_cycles", 0, 100_000_000, "cycles to start a transfer, e.g. 1000");
            return bandwidth is null || latency is null ? null : new HostLink(bandwidth.Value, latency.Value, assumed: false);
        }

        private EnergyTable? Energy(YamlTreeNode node)
        {
            if (node is not YamlMappingValue map) { Schema(node, "energy_pj must be a mapping of " + string.Join(", ", EnergyTable.Keys) + " to picojoules"); return null; }
            var keys = Keys(map, "energy_pj", EnergyTable.Keys.ToArray());
            var given = new Dictionary<string, (double, string)>();
            foreach (var entry in keys)
            {
                double? pj = Number(entry.Value.Value, entry.Key, 0, 1e9, "picojoules, e.g. 4.6");
                if (pj is not null) given[entry.Key] = (pj.Value, "given: " + Path.GetFileName(_file) + " line " + entry.Value.Key.Line.ToString(CultureInfo.InvariantCulture));
            }
            return new EnergyTable(given);
        }

        private Dictionary<string, KeyValuePair<YamlScalarValue, YamlTreeNode>> Keys(YamlMappingValue map, string where, string[] allowed)
        {
            var result = new Dictionary<string, KeyValuePair<YamlScalarValue, YamlTreeNode>>(StringComparer.Ordinal);
            foreach (var entry in map.Entries)
            {
                string key = entry.Key.Value;
                if (Array.IndexOf(allowed, key) < 0) Schema(entry.Key, $"unknown key '{Shorten(key)}' in {where}; allowed keys: {string.Join(", ", allowed)}");
                else if (result.ContainsKey(key)) Schema(entry.Key, $"'{key}' is given twice in {where} (first at line {result[key].Key.Line}); keep one");
                else result[key] = entry;
            }
            return result;
        }

        private YamlTreeNode? Required(Dictionary<string, KeyValuePair<YamlScalarValue, YamlTreeNode>> keys, YamlTreeNode map, string key, string where)
        {
            if (keys.TryGetValue(key, out var entry)) return entry.Value;
            Schema(map, $"{where} has no '{key}'; add it (docs/accelerators.md lists every key)");
            return null;
        }

        private double? Number(YamlTreeNode? node, string key, double min, double max, string expected)
        {
            if (node is null) return null;
            if (node is YamlScalarValue { Quoted: false } s
                && double.TryParse(s.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double v)
                && !double.IsNaN(v) && !double.IsInfinity(v))
            {
                if (v >= min && v <= max) return v;
                Value(node, FormattableString.Invariant($"{key} is {s.Value}, outside {min:G6} to {max:G6}; give {expected}"));
                return null;
            }
            Value(node, $"{key} must be a number: {expected}");
            return null;
        }

        private int? Integer(YamlTreeNode? node, string key, int min, int max, string expected)
        {
            if (node is null) return null;
            if (node is YamlScalarValue { Quoted: false } s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            {
                if (v >= min && v <= max) return (int)v;
                Value(node, FormattableString.Invariant($"{key} is {s.Value}, outside {min} to {max}; give {expected}"));
                return null;
            }
            Value(node, $"{key} must be a whole number: {expected}");
            return null;
        }

        private bool? Bool(YamlTreeNode node, string key)
        {
            if (node is YamlScalarValue { Quoted: false, Value: "true" }) return true;
            if (node is YamlScalarValue { Quoted: false, Value: "false" }) return false;
            Value(node, $"{key} must be true or false");
            return null;
        }

        private void Schema(YamlTreeNode? node, string message) => Add(AcceleratorDiagnosticIds.DescriptionSchema, node, message);

        private void Value(YamlTreeNode? node, string message) => Add(AcceleratorDiagnosticIds.DescriptionValue, node, message);

        private void Add(string id, YamlTreeNode? node, string message)
        {
            if (Diagnostics.Count > MaxDiagnostics) return;
            Diagnostics.Add(Diagnostics.Count == MaxDiagnostics
                ? new AcceleratorDiagnostic(id, _file, node?.Line ?? 1, node?.Column ?? 1, $"more than {MaxDiagnostics} problems; the rest are not listed. Fix these first")
                : new AcceleratorDiagnostic(id, _file, node?.Line ?? 1, node?.Column ?? 1, message));
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}
