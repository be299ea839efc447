using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.KnobTables;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Measurement;

namespace Knobs.Runtime.CoRunning;

/// <summary>
/// A schedule <c>knobs schedule --tables … --json</c> wrote, checked against this app: devices <c>core0</c>, <c>core1</c>, …;
/// per DNN (a benchmark of the app) one group per node, named by the node's id, in order, each with its device, its
/// knob (<c>fp32</c>, <c>fp16</c> or <c>APPROX ID</c>) and its predicted start; per DNN its batch (default 1); the
/// predicted ends and makespan.
/// </summary>
internal sealed class PlannedSchedule
{
    public required IReadOnlyList<CoRunDnn> Dnns { get; init; }
    public required (int Dnn, int Node)[][] Order { get; init; }
    public required int[] Cores { get; init; }
    public required double[] PredictedEndMs { get; init; }
    public required double PredictedMakespanMs { get; init; }

    /// <summary>Per DNN, its groups' own times summed (what it takes alone by the tables); null where the file lacks them.</summary>
    public required double?[] AloneMs { get; init; }

    /// <summary>The DNN whose predicted end is the makespan.</summary>
    public int Critical => System.Array.IndexOf(PredictedEndMs, PredictedEndMs.Max());

    public static PlannedSchedule Read(string path, IBenchmarkRegistry registry)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: the schedule could not be read: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}({(e.LineNumber ?? 0) + 1}): not JSON: {e.Message}; give the file 'knobs schedule --json' wrote");
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            string[] devices = Array(root, "devices", path, "$").Select((d, i) => d.ValueKind == JsonValueKind.String ? d.GetString()! : throw Bad(path, $"$.devices[{i}]", "a device name must be a string")).ToArray();
            int cores = CorePinning.Cores;
            var coreOf = new int[devices.Length];
            for (int d = 0; d < devices.Length; d++)
            {
                if (!(devices[d].StartsWith("core", StringComparison.Ordinal) && int.TryParse(devices[d].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c < cores))
                {
                    throw Bad(path, $"$.devices[{d}]", $"device '{devices[d]}' is not a core of this machine; a co-run runs schedules over devices core0..core{cores - 1} (knobs schedule --tables names them so)");
                }
                coreOf[d] = c;
            }
            double makespan = Positive(root, "makespan_ms", path, "$", "the schedule has no makespan (was it solved? its status must be optimal or feasible)");
            var dnns = new List<CoRunDnn>();
            var ends = new List<double>();
            var segments = new List<(int Core, double Start, int Dnn, int Node)>();
            var alone = new List<double?>();
            JsonElement[] dnnArray = Array(root, "dnns", path, "$");
            for (int k = 0; k < dnnArray.Length; k++)
            {
                string at = $"$.dnns[{k}]";
                JsonElement dnn = dnnArray[k];
                string name = dnn.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Bad(path, at + ".name", "a DNN needs a name");
                BenchmarkDescriptor b = registry.Benchmarks.FirstOrDefault(x => x.Name == name)
                    ?? throw Bad(path, at + ".name", $"this app has no benchmark '{name}'; it has {string.Join(", ", registry.Benchmarks.Select(x => x.Name))}");
                JsonElement[] groups = Array(dnn, "groups", path, at);
                if (groups.Length != b.Nodes.Count)
                {
                    throw Bad(path, at + ".groups", $"{name} has {b.Nodes.Count} nodes, the schedule gives {groups.Length} groups; a co-run needs one group per node (knobs schedule --tables writes them so)");
                }
                var knobs = new NodeKnob[groups.Length];
                double? aloneSum = 0;
                var nodeCore = new int[groups.Length];
                for (int i = 0; i < groups.Length; i++)
                {
                    string gat = $"{at}.groups[{i}]";
                    JsonElement g = groups[i];
                    string id = g.TryGetProperty("group", out JsonElement gid) && gid.ValueKind == JsonValueKind.String ? gid.GetString()! : throw Bad(path, gat + ".group", "a group needs its node id as a string");
                    if (id != (i + 1).ToString(CultureInfo.InvariantCulture)) throw Bad(path, gat + ".group", $"group {i + 1} must be node '{i + 1}', got '{id}'");
                    string device = g.TryGetProperty("device", out JsonElement dv) && dv.ValueKind == JsonValueKind.String ? dv.GetString()! : throw Bad(path, gat + ".device", "a group needs a device");
                    int d = System.Array.IndexOf(devices, device);
                    if (d < 0) throw Bad(path, gat + ".device", $"device '{device}' is not in $.devices");
                    nodeCore[i] = coreOf[d];
                    string knob = g.TryGetProperty("knob", out JsonElement kv) && kv.ValueKind == JsonValueKind.String ? kv.GetString()! : throw Bad(path, gat + ".knob", "a group needs a knob");
                    knobs[i] = ParseKnob(knob) ?? throw Bad(path, gat + ".knob", $"knob '{knob}' is not 'fp32', 'fp16' or 'APPROX ID' (e.g. 'perf 121')");
                    double start = Number(g, "start_ms", path, gat);
                    aloneSum = g.TryGetProperty("time_ms", out JsonElement tv) && tv.ValueKind == JsonValueKind.Number && tv.GetDouble() > 0 ? aloneSum + tv.GetDouble() : null;
                    if (i == 0 || nodeCore[i] != nodeCore[i - 1]) segments.Add((nodeCore[i], start, k, i + 1));
                }
                BenchmarkVariant variant;
                try
                {
                    variant = b.CreateConfiguration("schedule", knobs);
                }
                catch (ArgumentException e)
                {
                    throw Bad(path, at + ".groups", e.Message);
                }
                int batch = 1;
                if (dnn.TryGetProperty("batch", out JsonElement be))
                {
                    if (be.ValueKind != JsonValueKind.Number || !be.TryGetInt32(out batch) || batch < 1 || batch > MeasureSettings.MaxBatch)
                        throw Bad(path, at + ".batch", $"the batch must be a whole number from 1 to {MeasureSettings.MaxBatch}");
                }
                dnns.Add(new CoRunDnn(name, variant, nodeCore, batch));
                ends.Add(Positive(dnn, "end_ms", path, at, "a DNN needs its predicted end"));
                alone.Add(aloneSum);
            }
            if (dnns.Count == 0) throw Bad(path, "$.dnns", "the schedule has no DNNs");
            int[] used = segments.Select(s => s.Core).Distinct().OrderBy(c => c).ToArray();
            var order = new (int, int)[used.Length == 0 ? 0 : used.Max() + 1][];
            for (int c = 0; c < order.Length; c++)
            {
                order[c] = segments.Where(s => s.Core == c).OrderBy(s => s.Start).ThenBy(s => s.Dnn).ThenBy(s => s.Node).Select(s => (s.Dnn, s.Node)).ToArray();
            }
            return new PlannedSchedule { Dnns = dnns, Order = order, Cores = used, PredictedEndMs = ends.ToArray(), PredictedMakespanMs = makespan, AloneMs = alone.ToArray() };
        }
    }

    /// <summary><c>fp32</c>, <c>fp16</c>, or an approx word and a knob id (<c>perf 121</c>); null when it is none of these.</summary>
    internal static NodeKnob? ParseKnob(string knob)
    {
        if (KnobIdentity.IsPrecisionWord(knob)) return new NodeKnob(knob, knob == KnobIdentity.Fp32Word ? KnobIdentity.Fp32Id : KnobIdentity.Fp16Id);
        string[] parts = knob.Split(' ');
        return parts.Length == 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? new NodeKnob(parts[0], id)
            : null;
    }

    private static JsonElement[] Array(JsonElement e, string name, string path, string at) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().ToArray()
            : throw Bad(path, $"{at}.{name}", "missing or not an array");

    private static double Number(JsonElement e, string name, string path, string at) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())
            ? v.GetDouble()
            : throw Bad(path, $"{at}.{name}", "missing or not a number");

    private static double Positive(JsonElement e, string name, string path, string at, string what)
    {
        if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.Number) throw Bad(path, $"{at}.{name}", what);
        double x = v.GetDouble();
        return x > 0 && double.IsFinite(x) ? x : throw Bad(path, $"{at}.{name}", $"must be a positive number of ms, got {x.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static UsageException Bad(string path, string at, string what) => new($"{path}: {at}: {what}");
}
