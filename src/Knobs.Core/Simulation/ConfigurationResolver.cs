using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Simulation;

/// <summary>Resolves configurations against a compiled table: which cell each op reads, or a diagnostic why none can.</summary>
internal sealed class ConfigurationResolver
{
    private readonly CompiledTable _table;
    private readonly string _file;
    private readonly List<ConfigurationDiagnostic> _diagnostics;
    private readonly Dictionary<(int Device, string Approx, int Id), int> _columns = new();
    private readonly SimulationOptions _options;
    // Devices already reported as missing (one error per device and file) or mapped to the CPU (one warning).
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    // Cells already resolved without error, by op entry (the reader shares one instance per distinct entry) and
    // global op index: most ops of a large file resolve with one lookup and no string comparison.
    private readonly Dictionary<OpAt, int> _resolved = new(OpAtComparer.Instance);

    public ConfigurationResolver(CompiledTable table, string file, List<ConfigurationDiagnostic> diagnostics, SimulationOptions? options = null)
    {
        _table = table;
        _options = options ?? new SimulationOptions();
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Every op at one knob column (the baseline), or null with a diagnostic when the table lacks it.</summary>
    public CompiledConfiguration? Uniform(string knobKey)
    {
        LookupTable table = _table.Table;
        int k = table.KnobIndex(knobKey);
        if (k < 0)
        {
            Error(DiagnosticIds.BaselineMissing, 0, 0,
                $"the baseline knob '{knobKey}' is not in the table of {table.Benchmark} (columns: {Columns()}); profile it or choose another baseline");
            return null;
        }
        var cells = new int[_table.OpCount];
        var half = new bool[_table.OpCount];
        for (int g = 0; g < cells.Length; g++)
        {
            int c = k * _table.OpCount + g;
            if (!_table.Present[c])
            {
                Error(DiagnosticIds.BaselineMissing, 0, 0, FormattableString.Invariant(
                    $"the baseline knob '{knobKey}' was not measured for every op of {table.Benchmark} (op {g})"));
                return null;
            }
            cells[g] = c;
            half[g] = _table.Half[c];
        }
        // The baseline runs every op on the primary table's device (device 0).
        return new CompiledConfiguration(cells, half, new int[_table.OpCount]);
    }

    /// <summary>The configuration's cells, or null after adding diagnostics.</summary>
    public CompiledConfiguration? Resolve(Configuration configuration)
    {
        LookupTable table = _table.Table;
        if (configuration.Nodes.Count != table.Nodes.Count)
        {
            Error(DiagnosticIds.ShapeMismatch, configuration.Line, 1, FormattableString.Invariant(
                $"configuration '{configuration.Name}' has {configuration.Nodes.Count} nodes but {table.Benchmark} has {table.Nodes.Count}"));
            return null;
        }
        var cells = new int[_table.OpCount];
        var half = new bool[_table.OpCount];
        var devices = new int[_table.OpCount];
        bool ok = true;
        for (int n = 0; n < table.Nodes.Count; n++)
        {
            ConfigurationNode node = configuration.Nodes[n];
            TableNode tableNode = table.Nodes[n];
            int d = DeviceOf(node);
            if (d < 0)
            {
                ok = false;
                continue;
            }
            if (node.Ops.Count != tableNode.Ops.Count)
            {
                Error(DiagnosticIds.ShapeMismatch, node.Line, 1, FormattableString.Invariant(
                    $"node {node.Id} has {node.Ops.Count} ops but node {tableNode.Id} of {table.Benchmark} has {tableNode.Ops.Count} ({Kinds(tableNode)})"));
                ok = false;
                continue;
            }
            for (int o = 0; o < node.Ops.Count; o++)
            {
                int g = _table.NodeFirstOp[n] + o;
                ConfigurationOp op = node.Ops[o];
                var at = new OpAt(op, g, d);
                if (!_resolved.TryGetValue(at, out int c))
                {
                    c = ResolveOp(node, op, _table.Tables[d].Nodes[n].Ops[o], g, d);
                    if (c < 0)
                    {
                        ok = false;
                        continue;
                    }
                    _resolved.Add(at, c);
                }
                cells[g] = c;
                half[g] = _table.Half[c];
                devices[g] = d;
            }
        }
        return ok ? new CompiledConfiguration(cells, half, devices) : null;
    }

    /// <summary>
    /// The table a node's device word selects, or -1 after reporting (once per device and file) that the benchmark has
    /// no table for it. With <see cref="SimulationOptions.GpuOnCpu"/>, a <c>gpu</c> line without a GPU table uses the CPU table.
    /// </summary>
    private int DeviceOf(ConfigurationNode node)
    {
        if (node.Device == ProfileDevice.Gpu && _options.GpuDevice is { } target && target != ProfileDevice.Gpu)
        {
            int mapped = _table.DeviceIndex(target);
            if (_reported.Add("gpu->" + target))
            {
                if (mapped >= 0)
                {
                    _diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.GpuMappedToDevice, ConfigurationSeverity.Warning,
                        $"gpu lines are simulated with the {target} table of {_table.Table.Benchmark} (asked for by KnobsSimulateGpuOn): every gpu node uses that device's {(target.StartsWith("accel:", StringComparison.Ordinal) ? "modelled" : "measured")} times",
                        _file, node.Line, 3));
                }
                else
                {
                    Error(DiagnosticIds.DeviceNotInTable, node.Line, 3, FormattableString.Invariant(
                        $"KnobsSimulateGpuOn={target} simulates gpu lines on {target}, but {_table.Table.Benchmark} has no {target} table (devices: {string.Join(", ", _table.Devices)}); profile the benchmark for it first (ProfileTable{(target.StartsWith("accel:", StringComparison.Ordinal) ? " with KnobsAccelerator" : "")})"));
                }
            }
            return mapped;
        }
        int d = _table.DeviceIndex(node.Device);
        if (d >= 0) return d;
        if (node.Device == ProfileDevice.Gpu && _options.GpuOnCpu && _table.Host >= 0)
        {
            if (_reported.Add("gpu->cpu"))
            {
                _diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.GpuMappedToCpu, ConfigurationSeverity.Warning,
                    $"gpu lines are simulated with the CPU table of {_table.Table.Benchmark} (asked for by KnobsSimulateGpuOnCpu): every gpu node uses the times measured on the CPU",
                    _file, node.Line, 3));
            }
            return _table.Host;
        }
        if (_reported.Add(node.Device))
        {
            Error(DiagnosticIds.DeviceNotInTable, node.Line, 3, FormattableString.Invariant(
                $"node {node.Id} runs on {node.Device}, but {_table.Table.Benchmark} has no {node.Device} table (devices: {string.Join(", ", _table.Devices)}); profile the benchmark on the {node.Device} and build its table, or {(node.Device == ProfileDevice.Gpu ? "set KnobsSimulateGpuOnCpu=true to simulate gpu lines with the CPU table" : "change the line's device")}"));
        }
        return -1;
    }

    private int ResolveOp(ConfigurationNode node, ConfigurationOp op, TableOp tableOp, int g, int d)
    {
        LookupTable table = _table.Tables[d];
        if (!string.Equals(op.Op, tableOp.Kind, StringComparison.Ordinal))
        {
            Error(DiagnosticIds.ShapeMismatch, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} names op '{op.Op}' where {table.Benchmark} has '{tableOp.Kind}'"));
            return -1;
        }
        int k = KnobIndex(d, op.Approx, op.KnobId);
        int c = k < 0 ? -1 : _table.DeviceBase[d] + k * _table.OpCount + g;
        if (c < 0 || !_table.Present[c])
        {
            Error(DiagnosticIds.KnobNotInTable, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} ({op.Op}) asks for knob {op.KnobKey}, which the {_table.Devices[d]} table of {table.Benchmark} lacks (columns: {Columns(d)}); profile that variant first"));
            return -1;
        }
        string? problem = CannotTake(op, tableOp, k, c);
        if (problem is not null)
        {
            Error(DiagnosticIds.KnobNotApplicable, node.Line, op.Column, FormattableString.Invariant(
                $"node {node.Id} op {op.Op} cannot take {op.Approx} {op.KnobId.ToString(CultureInfo.InvariantCulture)}: {problem}"));
            return -1;
        }
        return c;
    }

    /// <summary>Why an op cannot take the knob it is given, or null when it can.</summary>
    private string? CannotTake(ConfigurationOp op, TableOp tableOp, int k, int c)
    {
        // fp32 is every op's baseline; fp16 applies to every op that has a half form (softmax runs fp32 regardless).
        if (op.Identity.IsPrecisionOnly) return null;
        switch (_table.Changed[c])
        {
            case 0:
                return $"the {op.KnobKey} variant runs {tableOp.Kind} unchanged ({tableOp.Cells[k]!.Op}, as in fp32), so {op.Approx} does not apply to it";
            case -1 when ApproxNames.IsConvOnly(op.Approx) && tableOp.Kind != "conv" && tableOp.Kind != "group_conv":
                // A table read from HPVM text does not say what ran: fall back on what the approximations apply to.
                return $"{op.Approx} applies to convolutions only";
            default:
                return null;
        }
    }

    /// <summary>The column of a knob, cached by (approx, id) so resolving builds no key strings.</summary>
    private int KnobIndex(int d, string approx, int id)
    {
        if (_columns.TryGetValue((d, approx, id), out int k)) return k;
        k = _table.Tables[d].KnobIndex(new KnobIdentity(approx, id).ColumnKey);
        _columns.Add((d, approx, id), k);
        return k;
    }

    private string Columns(int d = 0)
    {
        var keys = new List<string>();
        foreach (TableKnob knob in _table.Tables[d].Knobs) keys.Add(knob.Key);
        return string.Join(", ", keys);
    }

    private static string Kinds(TableNode node)
    {
        var kinds = new List<string>();
        foreach (TableOp op in node.Ops) kinds.Add(op.Kind);
        return string.Join(" ", kinds);
    }

    private void Error(string id, int line, int column, string message) =>
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Error, message, _file, line, column));

    /// <summary>An op entry at a global op index.</summary>
    private readonly struct OpAt
    {
        public OpAt(ConfigurationOp op, int g, int device)
        {
            Op = op;
            G = g;
            Device = device;
        }

        public ConfigurationOp Op { get; }
        public int G { get; }
        public int Device { get; }
    }

    /// <summary>Compares op entries by reference: a resolved cell depends only on the entry's fields, which never change.</summary>
    private sealed class OpAtComparer : IEqualityComparer<OpAt>
    {
        public static readonly OpAtComparer Instance = new();

        public bool Equals(OpAt x, OpAt y) => ReferenceEquals(x.Op, y.Op) && x.G == y.G && x.Device == y.Device;

        public int GetHashCode(OpAt at) => (((RuntimeHelpers.GetHashCode(at.Op) * 397) ^ at.G) * 31) ^ at.Device;
    }
}
