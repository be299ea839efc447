using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

/// <summary>
/// <c>corun</c>: DNNs on their own threads, pinned to cores, each core taken in a schedule's order; the co-run profile.
/// Two hand-built three-node templates whose nodes sleep and log when they start and end.
/// </summary>
public sealed class CoRunTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class Chain(string name, ChainLog log)
    {
        public Tensor Run(Tensor x, RunChoices choices)
        {
            using RunScope run = choices.Enter();
            for (int node = 1; node <= 3; node++)
            {
                run.Node(node);
                log.Add(name, node, true);
                Thread.Sleep(4);
                log.Add(name, node, false);
            }
            return x;
        }
    }

    internal sealed class ChainLog
    {
        private readonly List<(string Dnn, int Node, bool Start, long At)> _events = new();

        public void Add(string dnn, int node, bool start)
        {
            lock (_events) _events.Add((dnn, node, start, Stopwatch.GetTimestamp()));
        }

        public IReadOnlyList<(string Dnn, int Node, bool Start, long At)> Events
        {
            get
            {
                lock (_events) return _events.ToArray();
            }
        }
    }

    private sealed class ChainRegistry : IBenchmarkRegistry
    {
        public ChainRegistry(ChainLog log)
        {
            var knobs = new[] { new KnobInfo(11, "fp32_11", "fp32", Array.Empty<string>(), 1.0) };
            var nodes = Enumerable.Range(1, 3).Select(i => new NodeDescriptor(i, "node" + i, new[] { "relu" })).ToArray();
            var ops = Enumerable.Range(0, 3).Select(i => new OpDescriptor(i, i + 1, "node" + (i + 1), "relu", "Relu", "Chain.cs", i + 1)).ToArray();
            Benchmarks = new[] { "A", "B" }.Select(name => new SwitchedTemplate<Chain>(name, false, nodes, knobs, new[] { "fp32_11" }, ops,
                new[] { new[] { "Relu" }, new[] { "Relu" }, new[] { "Relu" } }, new[] { new[] { 0, 0, 0 } },
                () => new Chain(name, log), (_, batch) => Tensor.Random(new[] { batch, 2 }, seed: 1), (t, x, c) => t.Run(x, c)).Descriptor).ToArray();
        }

        public IReadOnlyList<BenchmarkDescriptor> Benchmarks { get; }
    }

    // A: nodes 1–2 on core0 from 0 ms, node 3 on core1 at 9 ms; B: node 1 on core1 from 0 ms, nodes 2–3 on core0 at 9 ms.
    private string Schedule(string aDevice3 = "core1", string bName = "B", int groupsOfB = 3)
    {
        string Group(int node, string device, double start) =>
            $$"""{"group":"{{node}}","device":"{{device}}","knob":"fp32","start_ms":{{start}},"end_ms":{{start + 4}}}""";
        string b = string.Join(",", new[] { Group(1, "core1", 0), Group(2, "core0", 9), Group(3, "core0", 13) }.Take(groupsOfB));
        string json = $$"""
            {"format_version":1,"devices":["core0","core1"],"status":"optimal","makespan_ms":17,
             "dnns":[{"name":"A","batch":2,"end_ms":13,"groups":[{{Group(1, "core0", 0)}},{{Group(2, "core0", 4)}},{{Group(3, aDevice3, 9)}}]},
                     {"name":"{{bName}}","end_ms":17,"groups":[{{b}}]}]}
            """;
        string file = Path.Combine(_dir.Path, "schedule.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public void EachCoreIsTakenInTheSchedulesOrderAndTheMakespanIsPrintedBesideThePrediction()
    {
        if (Environment.ProcessorCount < 2 || !OperatingSystem.IsLinux()) return; // pinning needs Linux and two cores
        var log = new ChainLog();
        string measured = Path.Combine(_dir.Path, "measured.json");
        RunOutcome run = RunOutcome.Of(new ChainRegistry(log), "corun", "--schedule", Schedule(), "--rounds", "1", "--warmup", "0", "--out", measured);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("A (batch 2), B (batch 1)", run.Output);
        Assert.Matches(@"makespan: predicted 17\.000 ms, measured \d+\.\d{3} ms", run.Output);
        // The co-run round, then each DNN alone (one warm-up and one measured run each): 2 × 3 node starts and ends, then 2 × 2 × 6.
        var events = log.Events;
        Assert.Equal(12 + 24, events.Count);
        long At(string dnn, int node, bool start) => events.First(e => e.Dnn == dnn && e.Node == node && e.Start == start).At;
        // B's node 2 (core0) starts after A's node 2 ended there; A's node 3 (core1) after B's node 1 ended there.
        Assert.True(At("B", 2, true) >= At("A", 2, false), "B node 2 took core0 before A's node 2 left it");
        Assert.True(At("A", 3, true) >= At("B", 1, false), "A node 3 took core1 before B's node 1 left it");
        Assert.Contains("  A: predicted end 13.000 ms, measured ", run.Output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(measured));
        Assert.Equal("knobs-corun-measurement", doc.RootElement.GetProperty("kind").GetString());
        JsonElement first = doc.RootElement.GetProperty("schedules")[0];
        Assert.Equal(1, first.GetProperty("round_makespans_ms").GetArrayLength());
        // Each node sleeps 4 ms: a DNN cannot end before 12 ms, and B waits for A on core0, so the makespan is at least 16 ms.
        Assert.True(first.GetProperty("measured_makespan_ms").GetDouble() >= 16, first.ToString());
        // Alone, each DNN takes its three nodes' 12 ms at least.
        Assert.True(first.GetProperty("dnns")[1].GetProperty("measured_alone_ms").GetDouble() >= 12);
    }

    [Fact]
    public void TwoSchedulesAreRunBlockByBlockAndCompared()
    {
        if (Environment.ProcessorCount < 2 || !OperatingSystem.IsLinux()) return;
        string a = Schedule();
        string b = Path.Combine(_dir.Path, "other.json");
        File.Copy(a, b);
        RunOutcome run = RunOutcome.Of(new ChainRegistry(new ChainLog()), "corun", "--schedule", a + "," + b, "--rounds", "2", "--warmup", "0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(b + ":", run.Output);
        Assert.Matches(@"paired, block by block: .*other\.json over .*schedule\.json: measured makespan ratio \d\.\d{3} \(median of 2 blocks: \d\.\d{3} \d\.\d{3}\); predicted 1\.000", run.Output);
    }

    [Theory]
    [InlineData("gpu0", "B", 3, "$.dnns[0].groups[2].device")]
    [InlineData("core1", "C", 3, "no benchmark 'C'")]
    [InlineData("core1", "B", 2, "B has 3 nodes, the schedule gives 2 groups")]
    public void AScheduleThatDoesNotFitTheAppIsRefusedBeforeAnythingRuns(string aDevice3, string bName, int groupsOfB, string expected)
    {
        var log = new ChainLog();
        RunOutcome run = RunOutcome.Of(new ChainRegistry(log), "corun", "--schedule", Schedule(aDevice3, bName, groupsOfB));

        Assert.Equal(Runner.ExitUsage, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(log.Events);
    }

    [Fact]
    public void AnOutputThatCannotBeWrittenIsRefusedBeforeAnythingRuns()
    {
        var log = new ChainLog();
        string file = Path.Combine(_dir.Path, "a-file");
        File.WriteAllText(file, "x");
        RunOutcome run = RunOutcome.Of(new ChainRegistry(log), "corun", "--schedule", Schedule(), "--out", Path.Combine(file, "measured.json"));

        Assert.Equal(Runner.ExitUsage, run.ExitCode);
        Assert.Contains("--out", run.Error);
        Assert.Contains("cannot be written", run.Error);
        Assert.Empty(log.Events);
    }

    [Fact]
    public void CorunNeedsExactlyOneOfScheduleAndContention()
    {
        RunOutcome run = RunOutcome.Of(new ChainRegistry(new ChainLog()), "corun");
        Assert.Equal(Runner.ExitUsage, run.ExitCode);
        Assert.Contains("exactly one of --schedule FILE", run.Error);

        RunOutcome batch = RunOutcome.Of(new ChainRegistry(new ChainLog()), "corun", "--contention", "--batch", "A=0");
        Assert.Equal(Runner.ExitUsage, batch.ExitCode);
        Assert.Contains("--batch: 'A=0'", batch.Error);
    }

    [Fact]
    public void TheContentionProfileHasEveryNodeAloneAndBesideTheOther()
    {
        if (Environment.ProcessorCount < 2 || !OperatingSystem.IsLinux()) return;
        var log = new ChainLog();
        string file = Path.Combine(_dir.Path, "corun.profile.json");
        RunOutcome run = RunOutcome.Of(new ChainRegistry(log), "corun", "--contention", "--rounds", "2", "--warmup", "0", "--batch", "A=3", "--out", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement root = doc.RootElement;
        Assert.Equal("knobs-corun-profile", root.GetProperty("kind").GetString());
        Assert.Equal("measured", root.GetProperty("provenance").GetString());
        JsonElement a = root.GetProperty("benchmarks")[0];
        Assert.Equal("A", a.GetProperty("name").GetString());
        Assert.Equal(3, a.GetProperty("batch").GetInt32());
        Assert.Equal(2, a.GetProperty("switches").GetInt32());
        Assert.True(a.GetProperty("transition_ms").GetDouble() >= 0);
        JsonElement node = a.GetProperty("nodes")[2];
        Assert.Equal(3, node.GetProperty("id").GetInt32());
        // Each node sleeps 4 ms, alone or beside B.
        Assert.True(node.GetProperty("alone_ms").GetDouble() >= 4);
        Assert.True(node.GetProperty("beside_ms").GetProperty("B").GetDouble() >= 4);
    }
}
