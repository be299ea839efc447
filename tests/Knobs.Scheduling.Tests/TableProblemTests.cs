using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;
using Knobs.Scheduling.Tables;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Scheduling.Tests;

/// <summary>Schedule problems built from lookup tables and a co-run profile: options, QoS, transitions, the fitted contention model.</summary>
public sealed class TableProblemTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-tableproblem-" + Guid.NewGuid().ToString("N"));

    public TableProblemTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    // The recorded LeNetDigits and LeNetMnist tables, at one thread; perf_121 of LeNetDigits gets a per-node accuracy loss on nodes 1 and 2.
    private (string File, LookupTable Table) Table(string benchmark, bool perNodeLoss = false, int threads = 1)
    {
        JsonNode json = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("tests", "data", "prediction", benchmark + ".table.json")))!;
        json["settings"]!["threads"] = threads;
        if (perNodeLoss)
        {
            JsonObject qos = json["knobs"]!.AsArray().First(k => (string?)k!["key"] == "perf_121")!["qos"]!.AsObject();
            qos["nodes"] = new JsonArray(
                new JsonObject { ["node"] = 1, ["accuracy"] = 90.0, ["accuracyLoss"] = 1.5 },
                new JsonObject { ["node"] = 2, ["accuracy"] = 91.0, ["accuracyLoss"] = 0.5 });
        }
        string file = Path.Combine(_dir, benchmark + ".table.json");
        File.WriteAllText(file, json.ToJsonString());
        return (file, TableJsonReader.Read(file));
    }

    // A co-run profile for both tables: node i alone takes 0.1·i ms; beside the other benchmark it takes alone × factor(i).
    private string Profile(Func<string, int, double> factor, int batch = 16, int digitsNodes = 5, int mnistNodes = 5)
    {
        string Bench(string name, string other, int nodes) =>
            "{\"name\":\"" + name + "\",\"batch\":" + batch + ",\"alone_ms\":1,\"alternating_ms\":1.4,\"switches\":" + (nodes - 1) +
            ",\"transition_ms\":0.05,\"nodes\":[" +
            string.Join(",", Enumerable.Range(1, nodes).Select(i => FormattableString.Invariant(
                $"{{\"id\":{i},\"name\":\"node{i}\",\"alone_ms\":{0.1 * i:R},\"beside_ms\":{{\"{other}\":{0.1 * i * factor(name, i):R}}}}}"))) + "]}";
        string text = """{"kind":"knobs-corun-profile","format_version":1,"provenance":"measured","machine":{"cpu":"test","logical_cores":2},"benchmarks":[""" +
            Bench("LeNetDigits", "LeNetMnist", digitsNodes) + "," + Bench("LeNetMnist", "LeNetDigits", mnistNodes) + "]}";
        string file = Path.Combine(_dir, "corun.profile.json");
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void EveryNodeIsAGroupWithFp32OnEachCoreAndKnobsOnlyWhereABudgetAndAPerNodeLossExist()
    {
        var digits = Table("LeNetDigits", perNodeLoss: true);
        var mnist = Table("LeNetMnist");
        TableProblem built = TableProblemBuilder.Build(new[] { digits, mnist }, CoRunProfile.Read(Profile((_, _) => 1.1)),
            new Dictionary<string, double> { ["LeNetDigits"] = 1.0 });
        ScheduleProblem p = built.Problem;

        Assert.Equal(new[] { "core0", "core1" }, p.Devices);
        Assert.Equal(new[] { "LeNetDigits", "LeNetMnist" }, p.Dnns.Select(d => d.Name));
        DnnChain d = p.Dnns[0];
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, d.Groups.Select(g => g.Name));
        Assert.Equal(16, d.Batch);
        Assert.Equal(1.0, d.QosBudget);
        // fp32 on both cores with the node's summed op means; perf 121 on the conv nodes it changes, with their loss.
        double node1 = digits.Table.Nodes[0].Ops.Sum(op => op.Cells[0]!.Mean);
        Assert.Equal(new[] { (0, "fp32"), (1, "fp32"), (0, "perf 121"), (1, "perf 121") }, d.Groups[0].Options.Select(o => (o.Device, o.Knob)));
        Assert.Equal(node1, d.Groups[0].Options[0].TimeMs, 12);
        Assert.Equal(1.5, d.Groups[0].Options[2].QosLoss);
        Assert.Equal(0.5, d.Groups[1].Options[3].QosLoss);
        Assert.All(d.Groups.Skip(2), g => Assert.All(g.Options, o => Assert.Equal("fp32", o.Knob)));
        // LeNetMnist has no budget: fp32 only. samp 231 has no per-node loss: left out, and the note says so.
        Assert.All(p.Dnns[1].Groups, g => Assert.Equal(2, g.Options.Count));
        Assert.Contains(built.Notes, n => n.Contains("LeNetDigits") && n.Contains("samp 231") && n.Contains("labelled inputs"));
        // The measured move between cores, both ways; none when staying.
        Assert.Equal(0.05, d.Transitions[0].Cost(0, 1));
        Assert.Equal(0.05, d.Transitions[0].Cost(1, 0));
        Assert.Equal(0, d.Transitions[0].Cost(1, 1));

        ScheduleResult r = CpSatScheduler.Solve(p);
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.True(r.Dnns[0].QosLoss <= 1.0 + 1e-9, $"QoS loss {r.Dnns[0].QosLoss} over the budget");
    }

    [Fact]
    public void TheFitRecoversTheCoefficientThatMadeTheMeasurements()
    {
        var digits = Table("LeNetDigits");
        var mnist = Table("LeNetMnist");
        // First a fit, for the rates; then a profile made exactly by 1 + 0.002 · rate · co-rate, which the fit must return.
        TableProblem first = TableProblemBuilder.Build(new[] { digits, mnist }, CoRunProfile.Read(Profile((_, _) => 1.0)), new Dictionary<string, double>());
        Assert.Equal(0, first.Contention.Beta);
        var rate = first.Contention.Points.ToDictionary(pt => (pt.Dnn, pt.Node), pt => pt.Rate * pt.CoRate);
        const double beta = 0.002;
        TableProblem fitted = TableProblemBuilder.Build(new[] { digits, mnist },
            CoRunProfile.Read(Profile((name, i) => 1 + beta * rate[(name, i)])), new Dictionary<string, double>());

        Assert.Equal(beta, fitted.Contention.Beta, 6);
        Assert.All(fitted.Contention.Points, pt => Assert.Equal(pt.Measured, pt.Predicted, 6));
        Assert.Equal("fitted", fitted.Problem.Contention.Name);
    }

    [Fact]
    public void ATableAtAnotherBatchOrThreadCountThanTheProfileIsRefusedWithTheFix()
    {
        var digits = Table("LeNetDigits", threads: 2);
        var mnist = Table("LeNetMnist");
        var e = Assert.Throws<ScheduleInputException>(() => TableProblemBuilder.Build(new[] { digits, mnist }, CoRunProfile.Read(Profile((_, _) => 1.0)),
            new Dictionary<string, double>()));
        Assert.Equal(digits.File, e.File);
        Assert.Contains("-p:KnobsThreads=1", e.Problem);

        var batch = Assert.Throws<ScheduleInputException>(() => TableProblemBuilder.Build(new[] { Table("LeNetDigits"), mnist },
            CoRunProfile.Read(Profile((_, _) => 1.0, batch: 4)), new Dictionary<string, double>()));
        Assert.Contains("-p:KnobsBatch=4", batch.Problem);
    }

    [Fact]
    public void AProfileWithoutTheBenchmarkOrWithOtherNodesIsRefused()
    {
        var digits = Table("LeNetDigits");
        var mnist = Table("LeNetMnist");
        var nodes = Assert.Throws<ScheduleInputException>(() => TableProblemBuilder.Build(new[] { digits, mnist },
            CoRunProfile.Read(Profile((_, _) => 1.0, digitsNodes: 4)), new Dictionary<string, double>()));
        Assert.Contains("4 nodes", nodes.Problem);

        string other = Path.Combine(_dir, "other.table.json");
        File.WriteAllText(other, File.ReadAllText(digits.File).Replace("\"benchmark\": \"LeNetDigits\"", "\"benchmark\": \"Other\"").Replace("\"benchmark\":\"LeNetDigits\"", "\"benchmark\":\"Other\""));
        var missing = Assert.Throws<ScheduleInputException>(() => TableProblemBuilder.Build(new[] { (other, TableJsonReader.Read(other)), mnist },
            CoRunProfile.Read(Profile((_, _) => 1.0)), new Dictionary<string, double>()));
        Assert.Contains("no benchmark 'Other'", missing.Problem);
        Assert.Contains("corun --contention", missing.Problem);

        var budget = Assert.Throws<ScheduleInputException>(() => TableProblemBuilder.Build(new[] { digits, mnist },
            CoRunProfile.Read(Profile((_, _) => 1.0)), new Dictionary<string, double> { ["Nope"] = 1 }));
        Assert.Contains("'Nope'", budget.Problem);
    }

    [Theory]
    [InlineData("""{"kind":"something-else","format_version":1}""", "$.kind")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":9}""", "$.format_version")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":1,"machine":{"logical_cores":1},"benchmarks":[]}""", "$.machine.logical_cores")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":1,"machine":{"logical_cores":2},"benchmarks":[{"name":"A","transition_ms":-1,"nodes":[]}]}""", "$.benchmarks[0].transition_ms")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":1,"machine":{"logical_cores":2},"benchmarks":[{"name":"A","transition_ms":0,"nodes":[{"id":2,"alone_ms":1,"beside_ms":{}}]}]}""", "$.benchmarks[0].nodes[0].id")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":1,"machine":{"logical_cores":2},"benchmarks":[{"name":"A","transition_ms":0,"nodes":[{"id":1,"alone_ms":0,"beside_ms":{}}]}]}""", "$.benchmarks[0].nodes[0].alone_ms")]
    [InlineData("""{"kind":"knobs-corun-profile","format_version":1,"machine":{"logical_cores":2},"benchmarks":[{"name":"A","transition_ms":0,"nodes":[{"id":1,"alone_ms":1,"beside_ms":{"B":-2}}]}]}""", "$.benchmarks[0].nodes[0].beside_ms.B")]
    [InlineData("""{"kind": "knobs-corun-profile",""", "line")]
    public void ABadCoRunProfileNamesTheFieldToFix(string text, string path)
    {
        string file = Path.Combine(_dir, "bad.json");
        File.WriteAllText(file, text);
        var e = Assert.Throws<ScheduleInputException>(() => CoRunProfile.Read(file));
        Assert.Equal(file, e.File);
        Assert.StartsWith(path, e.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScheduleJsonCarriesEachDnnsBatch()
    {
        TableProblem built = TableProblemBuilder.Build(new[] { Table("LeNetDigits"), Table("LeNetMnist") }, CoRunProfile.Read(Profile((_, _) => 1.0)),
            new Dictionary<string, double>());
        string json = Output.ScheduleJson.Write(built.Problem, CpSatScheduler.Solve(built.Problem));
        JsonNode doc = JsonNode.Parse(json)!;
        Assert.Equal(16, (int)doc["dnns"]![0]!["batch"]!);
        Assert.Equal("core0", ((string?)doc["devices"]![0])?.ToString(CultureInfo.InvariantCulture));
    }
}
