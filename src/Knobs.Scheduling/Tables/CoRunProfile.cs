using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Knobs.Scheduling.Tables;

/// <summary>
/// A co-run profile (<c>APP corun --contention</c> writes it): per benchmark, each node's time alone on one core and beside
/// every other benchmark running on the other core, and the measured cost of moving the DNN between cores.
/// </summary>
public sealed class CoRunProfile
{
    /// <summary>The file's version this reader knows.</summary>
    public const int FormatVersion = 1;

    /// <summary>The file it came from.</summary>
    public required string Source { get; init; }

    /// <summary>Logical cores of the machine that measured it.</summary>
    public required int Cores { get; init; }

    /// <summary>The machine's CPU, as recorded.</summary>
    public required string Cpu { get; init; }

    /// <summary>The benchmarks by name.</summary>
    public required IReadOnlyDictionary<string, CoRunBenchmark> Benchmarks { get; init; }

    /// <summary>Reads and checks <paramref name="path"/>; errors name the file, the JSON path and what to do.</summary>
    public static CoRunProfile Read(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScheduleInputException(path, "$", "the co-run profile could not be read: " + e.Message);
        }
        catch (JsonException e)
        {
            throw new ScheduleInputException(path, $"line {(e.LineNumber ?? 0) + 1}", "not JSON: " + e.Message);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out JsonElement kind) || kind.GetString() != "knobs-corun-profile")
                throw new ScheduleInputException(path, "$.kind", "not a co-run profile: write one with 'APP corun --contention'");
            if (!root.TryGetProperty("format_version", out JsonElement v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != FormatVersion)
                throw new ScheduleInputException(path, "$.format_version", $"this Knobs reads co-run profiles of version {FormatVersion}; measure it again");
            JsonElement machine = Get(root, "machine", JsonValueKind.Object, path, "$");
            int cores = (int)Number(machine, "logical_cores", path, "$.machine");
            if (cores < 2) throw new ScheduleInputException(path, "$.machine.logical_cores", $"a co-run needs two cores or more, got {cores}");
            var benchmarks = new Dictionary<string, CoRunBenchmark>(StringComparer.Ordinal);
            JsonElement list = Get(root, "benchmarks", JsonValueKind.Array, path, "$");
            int b = 0;
            foreach (JsonElement e in list.EnumerateArray())
            {
                string at = $"$.benchmarks[{b++}]";
                string name = Get(e, "name", JsonValueKind.String, path, at).GetString()!;
                if (benchmarks.ContainsKey(name)) throw new ScheduleInputException(path, at + ".name", $"benchmark '{name}' is listed twice; keep one");
                int batch = e.TryGetProperty("batch", out JsonElement be) && be.ValueKind == JsonValueKind.Number ? be.GetInt32() : 1;
                double transition = NonNegative(e, "transition_ms", path, at);
                var nodes = new List<CoRunNode>();
                int n = 0;
                foreach (JsonElement node in Get(e, "nodes", JsonValueKind.Array, path, at).EnumerateArray())
                {
                    string nat = $"{at}.nodes[{n}]";
                    int id = (int)Number(node, "id", path, nat);
                    if (id != n + 1) throw new ScheduleInputException(path, nat + ".id", $"nodes must be numbered 1.. in order; expected {n + 1}, got {id}");
                    double alone = Positive(node, "alone_ms", path, nat);
                    var beside = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (JsonProperty p in Get(node, "beside_ms", JsonValueKind.Object, path, nat).EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.Number || !(p.Value.GetDouble() > 0))
                            throw new ScheduleInputException(path, $"{nat}.beside_ms.{p.Name}", "must be a positive number of ms");
                        beside[p.Name] = p.Value.GetDouble();
                    }
                    nodes.Add(new CoRunNode(id, alone, beside));
                    n++;
                }
                if (nodes.Count == 0) throw new ScheduleInputException(path, at + ".nodes", "a benchmark needs its nodes");
                benchmarks[name] = new CoRunBenchmark(name, batch, transition, nodes);
            }
            string cpu = machine.TryGetProperty("cpu", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "unknown";
            return new CoRunProfile { Source = path, Cores = cores, Cpu = cpu, Benchmarks = benchmarks };
        }
    }

    private static JsonElement Get(JsonElement e, string name, JsonValueKind kind, string path, string at) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == kind
            ? v
            : throw new ScheduleInputException(path, $"{at}.{name}", $"missing or not {(kind == JsonValueKind.Array ? "an array" : kind == JsonValueKind.Object ? "an object" : "a " + kind.ToString().ToLowerInvariant())}");

    private static double Number(JsonElement e, string name, string path, string at)
    {
        JsonElement v = Get(e, name, JsonValueKind.Number, path, at);
        double x = v.GetDouble();
        return double.IsFinite(x) ? x : throw new ScheduleInputException(path, $"{at}.{name}", "must be a finite number");
    }

    private static double Positive(JsonElement e, string name, string path, string at)
    {
        double x = Number(e, name, path, at);
        return x > 0 ? x : throw new ScheduleInputException(path, $"{at}.{name}", $"must be a positive number of ms, got {x.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static double NonNegative(JsonElement e, string name, string path, string at)
    {
        double x = Number(e, name, path, at);
        return x >= 0 ? x : throw new ScheduleInputException(path, $"{at}.{name}", $"must be 0 or more ms, got {x.ToString("R", CultureInfo.InvariantCulture)}");
    }
}

/// <summary>One benchmark of a co-run profile.</summary>
/// <param name="Name">The benchmark (template) name.</param>
/// <param name="Batch">The batch it ran at.</param>
/// <param name="TransitionMs">Measured cost of one move between cores (ms, ≥ 0).</param>
/// <param name="Nodes">Its nodes, id 1 first.</param>
public sealed record CoRunBenchmark(string Name, int Batch, double TransitionMs, IReadOnlyList<CoRunNode> Nodes)
{
    /// <summary>The measured slowdown of the whole DNN (sum of its nodes) beside <paramref name="other"/>, or null when not measured.</summary>
    public double? Slowdown(string other)
    {
        if (!Nodes.All(n => n.BesideMs.ContainsKey(other))) return null;
        return Nodes.Sum(n => n.BesideMs[other]) / Nodes.Sum(n => n.AloneMs);
    }
}

/// <summary>One node of a co-run profile: its time alone and beside each other benchmark (ms, medians).</summary>
public sealed record CoRunNode(int Id, double AloneMs, IReadOnlyDictionary<string, double> BesideMs);
