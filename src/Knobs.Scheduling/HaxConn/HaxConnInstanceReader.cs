using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.HaxConn;

/// <summary>
/// Reads a HaX-CoNN instance written as in HaX-CoNN's reference data (<c>instances.json</c>: a file with an
/// <c>instances</c> array, or one instance object with a <c>dnns</c> array) into a <see cref="ScheduleProblem"/> modelled
/// exactly as HaX-CoNN's solver script does: two devices (GPU = acc1, DLA = acc2), HaX-CoNN's semantics, at most one switch
/// per DNN, the PCCS Xavier curves on <c>mem_throughput_gpu</c>/<c>mem_throughput_dla</c>, and one transition cost per
/// boundary charged both ways (<c>transition_cost_ms</c>). Entries beyond what the model reads are ignored, as the script
/// ignores them.
/// </summary>
public static class HaxConnInstanceReader
{
    /// <summary>The devices of every HaX-CoNN instance, in its order (acc1, acc2).</summary>
    public static IReadOnlyList<string> Devices { get; } = new[] { "GPU", "DLA" };

    /// <summary>Reads <paramref name="path"/>; <paramref name="id"/> picks an entry of an <c>instances</c> array (default: the first).</summary>
    public static ScheduleProblem Load(string path, string? id = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScheduleInputException(path, "$", $"cannot read the file ({e.Message}); give the path of a HaX-CoNN instance file (JSON)");
        }
        return Parse(text, path, id);
    }

    /// <summary>Parses instance JSON; <paramref name="file"/> names it in errors.</summary>
    public static ScheduleProblem Parse(string json, string file, string? id = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScheduleInputException(file, "$", $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split('.')[0]}); fix the JSON syntax");
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ScheduleInputException(file, "$", "expected a JSON object with an 'instances' array or a 'dnns' array");
            if (root.TryGetProperty("instances", out JsonElement list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    throw new ScheduleInputException(file, "$.instances", "expected a non-empty array of instances");
                var ids = new List<string>();
                for (int n = 0; n < list.GetArrayLength(); n++)
                {
                    JsonElement inst = list[n];
                    string instId = inst.ValueKind == JsonValueKind.Object && inst.TryGetProperty("id", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : n.ToString(CultureInfo.InvariantCulture);
                    ids.Add(instId);
                    if (id is null || id == instId) return Instance(inst, file, $"$.instances[{n}]");
                }
                throw new ScheduleInputException(file, "$.instances", $"no instance has id '{id}'; the ids are: {string.Join(", ", ids)}");
            }
            if (id is not null) throw new ScheduleInputException(file, "$", $"an instance id ('{id}') was given but the file holds one instance (no 'instances' array); drop the id");
            return Instance(root, file, "$");
        }
    }

    private static ScheduleProblem Instance(JsonElement inst, string file, string at)
    {
        if (inst.ValueKind != JsonValueKind.Object) throw new ScheduleInputException(file, at, "expected an instance object with a 'dnns' array");
        if (!inst.TryGetProperty("dnns", out JsonElement dnnsEl) || dnnsEl.ValueKind != JsonValueKind.Array || dnnsEl.GetArrayLength() == 0)
            throw new ScheduleInputException(file, at + ".dnns", "expected a non-empty array of DNNs (HaX-CoNN has two: nn1 and nn2)");
        var dnns = new List<DnnChain>();
        for (int k = 0; k < dnnsEl.GetArrayLength(); k++) dnns.Add(Dnn(dnnsEl[k], file, $"{at}.dnns[{k}]"));
        string name = inst.TryGetProperty("id", out JsonElement idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : Path.GetFileName(file);
        return new ScheduleProblem(Devices, dnns, new PccsContention(new[] { PccsCurve.XavierGpu, PccsCurve.XavierDla }),
            ScheduleSemantics.HaxConn, MaxSwitchesPerDnn: 1, Source: file + (name == Path.GetFileName(file) ? "" : $" ({name})"));
    }

    private static DnnChain Dnn(JsonElement d, string file, string at)
    {
        if (d.ValueKind != JsonValueKind.Object) throw new ScheduleInputException(file, at, "expected a DNN object");
        string name = d.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String && n.GetString()!.Trim().Length > 0
            ? n.GetString()! : throw new ScheduleInputException(file, at + ".name", "each DNN needs a non-empty 'name' string");
        double[] gpu = Numbers(d, "gpu_time_ms", file, at, 1);
        int groups = gpu.Length;
        if (d.TryGetProperty("num_groups", out JsonElement ng) && !(ng.TryGetInt32(out int declared) && declared == groups))
            throw new ScheduleInputException(file, at + ".num_groups", $"'num_groups' says {ng.GetRawText()} but 'gpu_time_ms' has {groups} entries (HaX-CoNN takes the count from the GPU times); make them agree");
        double[] dla = Numbers(d, "dla_time_ms", file, at, groups);
        double[] trans = Numbers(d, "transition_cost_ms", file, at, groups - 1);
        double[] mGpu = Numbers(d, "mem_throughput_gpu", file, at, groups - 1);
        double[] mDla = Numbers(d, "mem_throughput_dla", file, at, groups - 1);
        string[] labels = Enumerable.Range(0, groups).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (d.TryGetProperty("group_first_layer_index", out _))
        {
            double[] first = Numbers(d, "group_first_layer_index", file, at, groups);
            labels = first.Take(groups).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        for (int i = 0; i < groups; i++)
        {
            Positive(gpu[i], file, $"{at}.gpu_time_ms[{i}]");
            Positive(dla[i], file, $"{at}.dla_time_ms[{i}]");
            if (i + 1 < groups)
            {
                NonNegative(trans[i], file, $"{at}.transition_cost_ms[{i}]");
                MemThroughput(mGpu[i], 131, file, $"{at}.mem_throughput_gpu[{i}]");
                MemThroughput(mDla[i], 100 / 0.35 - 49, file, $"{at}.mem_throughput_dla[{i}]");
            }
        }
        var layerGroups = new List<LayerGroup>(groups);
        for (int i = 0; i < groups; i++)
        {
            double? mg = i + 1 < groups ? mGpu[i] : null;
            double? md = i + 1 < groups ? mDla[i] : null;
            layerGroups.Add(new LayerGroup(labels[i], new[]
            {
                new GroupOption(0, "exact", gpu[i], ContentionInput: mg),
                new GroupOption(1, "exact", dla[i], ContentionInput: md),
            }));
        }
        var transitions = Enumerable.Range(0, groups - 1).Select(i => TransitionCosts.Uniform(2, trans[i])).ToArray();
        return new DnnChain(name, layerGroups, transitions);
    }

    private static double[] Numbers(JsonElement d, string field, string file, string at, int atLeast)
    {
        if (!d.TryGetProperty(field, out JsonElement arr))
            throw new ScheduleInputException(file, $"{at}.{field}", $"missing: give '{field}' as an array of at least {atLeast} number(s)");
        if (arr.ValueKind != JsonValueKind.Array)
            throw new ScheduleInputException(file, $"{at}.{field}", $"expected an array of numbers, got {arr.ValueKind.ToString().ToLowerInvariant()}");
        if (arr.GetArrayLength() < atLeast)
            throw new ScheduleInputException(file, $"{at}.{field}", $"has {arr.GetArrayLength()} entries; the model reads {atLeast} (one per group{(field.StartsWith("transition", StringComparison.Ordinal) || field.StartsWith("mem", StringComparison.Ordinal) ? " but the last" : "")}): add the missing ones");
        var values = new double[arr.GetArrayLength()];
        for (int i = 0; i < values.Length; i++)
        {
            if (arr[i].ValueKind != JsonValueKind.Number || !arr[i].TryGetDouble(out values[i]))
                throw new ScheduleInputException(file, $"{at}.{field}[{i}]", $"expected a number, got {arr[i].GetRawText()}");
        }
        return values;
    }

    private static void Positive(double v, string file, string path)
    {
        if (!(v > 0) || double.IsInfinity(v)) throw new ScheduleInputException(file, path, $"a time must be a positive number of ms, got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static void NonNegative(double v, string file, string path)
    {
        if (!(v >= 0) || double.IsInfinity(v)) throw new ScheduleInputException(file, path, $"a transition cost must be a number of ms ≥ 0, got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }

    // The PCCS curves divide by zero or turn negative beyond these values.
    private static void MemThroughput(double v, double below, string file, string path)
    {
        if (!(v >= 0 && v < below))
            throw new ScheduleInputException(file, path, $"memory throughput {v.ToString("R", CultureInfo.InvariantCulture)} is outside the PCCS curve's range [0, {below.ToString("0.#", CultureInfo.InvariantCulture)}); give a value in it");
    }
}
