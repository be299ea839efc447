using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Profiles;
using Knobs.Scheduling.Model;
using Knobs.Tables;

namespace Knobs.Scheduling.Tables;

/// <summary>A schedule problem built from Knobs' own measurements, with what the build decided along the way.</summary>
/// <param name="Problem">The problem: devices <c>core0</c>, <c>core1</c>, …; per DNN one group per node, named by its id.</param>
/// <param name="Contention">The contention model fitted on the co-run profile.</param>
/// <param name="Notes">Knobs left out and why, one line each.</param>
public sealed record TableProblem(ScheduleProblem Problem, FittedContention Contention, IReadOnlyList<string> Notes);

/// <summary>
/// Builds a schedule problem for DNNs co-running on a CPU's cores from their lookup tables (each node's time under every
/// knob, one thread, the op features' bytes) and a co-run profile (the cost of moving between cores, and the node times
/// beside each other DNN the contention model is fitted on). Every core is a device with the table's times. A knob is an
/// option of a node when it changes the node and the table has that node's accuracy loss under it (measured on labelled
/// inputs); its QoS loss is that loss in percentage points, so a DNN's budget caps the sum as ApproxTuner's additive model
/// predicts it. fp16 knobs are left out (the CPU converts between precisions at every boundary).
/// </summary>
public static class TableProblemBuilder
{
    /// <param name="tables">The DNNs' tables with their files (one per DNN, distinct benchmarks).</param>
    /// <param name="profile">The co-run profile measured with the same benchmarks.</param>
    /// <param name="budgets">QoS budgets by benchmark (percentage points); a DNN without one gets no knobs.</param>
    /// <param name="cores">Cores to schedule on (default: the profile's, at most 2 when it is 0).</param>
    public static TableProblem Build(IReadOnlyList<(string File, LookupTable Table)> tables, CoRunProfile profile,
        IReadOnlyDictionary<string, double> budgets, int cores = 0)
    {
        if (tables.Count == 0) throw new ScheduleInputException("tables", "$", "give at least one table");
        cores = cores == 0 ? Math.Min(2, profile.Cores) : cores;
        if (cores < 1 || cores > profile.Cores)
            throw new ScheduleInputException(profile.Source, "$.machine.logical_cores", $"the profile was measured on {profile.Cores} cores; schedule on 1 to {profile.Cores}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (string name in budgets.Keys)
        {
            if (!tables.Any(t => t.Table.Benchmark == name))
                throw new ScheduleInputException("--budget", name, $"no table is of benchmark '{name}'; the tables are of {string.Join(", ", tables.Select(t => t.Table.Benchmark))}");
        }

        // Each DNN's memory traffic rate (GB/s) and its nodes' rates, from the tables' bytes and the profile's times alone.
        var rate = new Dictionary<string, double>(StringComparer.Ordinal);
        var nodeBytes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach ((string file, LookupTable table) in tables)
        {
            string name = table.Benchmark;
            if (!seen.Add(name)) throw new ScheduleInputException(file, "benchmark", $"benchmark '{name}' is given twice; give each DNN's table once");
            if (!profile.Benchmarks.TryGetValue(name, out CoRunBenchmark? measured))
                throw new ScheduleInputException(profile.Source, "$.benchmarks", $"the co-run profile has no benchmark '{name}'; measure it with 'APP corun --contention --benchmark {string.Join(",", tables.Select(t => t.Table.Benchmark))}'");
            if (measured.Nodes.Count != table.Nodes.Count)
                throw new ScheduleInputException(profile.Source, "$.benchmarks." + name, $"{measured.Nodes.Count} nodes, but the table {file} has {table.Nodes.Count}; profile both from the same build");
            if (table.Settings is { } s && (s.Batch != measured.Batch || s.Threads != 1))
                throw new ScheduleInputException(file, "settings", $"the table was profiled at batch {s.Batch} and {s.Threads} thread(s), the co-run profile at batch {measured.Batch} and 1 thread per DNN; profile the table with -p:KnobsBatch={measured.Batch} -p:KnobsThreads=1");
            int baseline = BaselineColumn(table, file);
            double[] bytes = table.Nodes.Select(n => n.Ops.Sum(op => op.Cells[baseline]?.Features is { } f ? (double)(f.BytesRead + f.BytesWritten) : 0)).ToArray();
            nodeBytes[name] = bytes;
            rate[name] = Rate(bytes.Sum(), measured.Nodes.Sum(n => n.AloneMs));
        }

        var points = new List<ContentionPoint>();
        foreach ((_, LookupTable table) in tables)
        {
            CoRunBenchmark measured = profile.Benchmarks[table.Benchmark];
            foreach (CoRunNode node in measured.Nodes)
            {
                foreach ((string other, double beside) in node.BesideMs)
                {
                    if (!rate.TryGetValue(other, out double coRate)) continue;
                    points.Add(new ContentionPoint(table.Benchmark, node.Id, other, node.AloneMs, beside, Rate(nodeBytes[table.Benchmark][node.Id - 1], node.AloneMs), coRate));
                }
            }
        }
        if (tables.Count > 1 && points.Count == 0)
            throw new ScheduleInputException(profile.Source, "$.benchmarks", "no node was measured beside another of these benchmarks; measure them together with 'APP corun --contention'");
        FittedContention contention = FittedContention.Fit(points, rate);

        string[] devices = Enumerable.Range(0, cores).Select(c => "core" + c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var dnns = new List<DnnChain>();
        foreach ((string file, LookupTable table) in tables)
        {
            string name = table.Benchmark;
            CoRunBenchmark measured = profile.Benchmarks[name];
            int baseline = BaselineColumn(table, file);
            bool knobs = budgets.ContainsKey(name);
            var left = new SortedSet<string>(StringComparer.Ordinal);
            var groups = new List<LayerGroup>();
            foreach (TableNode node in table.Nodes)
            {
                var options = new List<GroupOption>();
                double baseTime = NodeTime(node, baseline) ?? throw new ScheduleInputException(file, $"nodes[{node.Id}]", $"node {node.Id} ({node.Name}) has no fp32 time; profile the table again");
                double baseBytes = nodeBytes[name][node.Id - 1];
                for (int d = 0; d < cores; d++) options.Add(new GroupOption(d, "fp32", baseTime, null, 0, Rate(baseBytes, baseTime)));
                if (knobs)
                {
                    for (int c = 0; c < table.Knobs.Count; c++)
                    {
                        TableKnob knob = table.Knobs[c];
                        if (c == baseline || knob.IsHalf) continue;
                        if (!node.Ops.Any(op => Changes(op, c, baseline))) continue;
                        if (NodeTime(node, c) is not double t) continue;
                        NodeAccuracy? loss = knob.Qos?.Nodes?.FirstOrDefault(a => a.Node == node.Id);
                        if (loss is null)
                        {
                            left.Add($"{knob.Approx} {knob.Id}");
                            continue;
                        }
                        double bytes = node.Ops.Sum(op => op.Cells[c]?.Features is { } f ? (double)(f.BytesRead + f.BytesWritten) : 0);
                        for (int d = 0; d < cores; d++)
                            options.Add(new GroupOption(d, knob.Approx + " " + knob.Id.ToString(CultureInfo.InvariantCulture), t, null, Math.Max(0, loss.AccuracyLoss), Rate(bytes, t)));
                    }
                }
                groups.Add(new LayerGroup(node.Id.ToString(CultureInfo.InvariantCulture), options));
            }
            if (left.Count > 0) notes.Add($"{name}: knobs without a per-node accuracy loss in {file} are left out ({string.Join(", ", left)}); the table needs labelled inputs");
            double move = measured.TransitionMs;
            var transitions = Enumerable.Range(0, Math.Max(0, groups.Count - 1)).Select(_ => TransitionCosts.Uniform(cores, move)).ToArray();
            dnns.Add(new DnnChain(name, groups, transitions, budgets.TryGetValue(name, out double b) ? b : null) { Batch = measured.Batch });
        }
        var problem = new ScheduleProblem(devices, dnns, contention, ScheduleSemantics.Knobs, Source: string.Join(" + ", tables.Select(t => t.File)));
        return new TableProblem(problem, contention, notes);
    }

    private static int BaselineColumn(LookupTable table, string file)
    {
        for (int c = 0; c < table.Knobs.Count; c++)
        {
            if (table.Knobs[c].Identity.IsBaseline) return c;
        }
        throw new ScheduleInputException(file, "knobs", "the table has no fp32 column; profile it again");
    }

    // Whether the knob in column c runs another op than fp32 does (by the op method, or the approx where that is unknown).
    private static bool Changes(TableOp op, int c, int baseline) => op.Cells[c] is { } cell && (cell.Op is { } m && op.Cells[baseline]?.Op is { } b
        ? m != b
        : cell.Approx is { } a && a != "fp32");

    private static double? NodeTime(TableNode node, int column)
    {
        double sum = 0;
        foreach (TableOp op in node.Ops)
        {
            if (op.Cells[column] is not { } cell) return null;
            sum += cell.Mean;
        }
        return sum > 0 ? sum : null;
    }

    // Bytes per ms → GB/s.
    private static double Rate(double bytes, double ms) => ms > 0 ? bytes / ms * 1e-6 : 0;
}
