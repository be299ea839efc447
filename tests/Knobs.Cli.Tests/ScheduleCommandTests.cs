using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

/// <summary><c>knobs schedule</c> on HaX-CoNN's published instance and on bad input.</summary>
public class ScheduleCommandTests
{
    private static string Instances => Path.Combine(RepoPaths.Anchors, "haxconn", "instances.json");

    [Fact]
    public void PublishedInstancePrintsTheOptimalMakespanAndEachGroupsDevice()
    {
        ToolRun run = ToolRun.Of("schedule", "--instance", Instances);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Contains("status: optimal\n", run.Output);
        Assert.Contains("makespan: 4.469125 ms\n", run.Output);
        Assert.Contains("GoogleNet: ends ", run.Output);
        Assert.Contains("AlexNet: ends 4.469125 ms; 1 switch(es)", run.Output);
        Assert.Matches(@"\n  0\s+DLA\s+exact\s+0\.000000", run.Output);
    }

    [Fact]
    public void JsonOutputIsTheSameFromRunToRunAndNamesTheSchedule()
    {
        ToolRun first = ToolRun.Of("schedule", "--instance", Instances, "--json");
        ToolRun second = ToolRun.Of("schedule", "--instance", Instances, "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Output, second.Output);
        using var doc = JsonDocument.Parse(first.Output);
        Assert.Equal("optimal", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(4.469125341, doc.RootElement.GetProperty("makespan_ms").GetDouble(), 9);
        Assert.Equal("DLA", doc.RootElement.GetProperty("dnns")[1].GetProperty("groups")[0].GetProperty("device").GetString());
    }

    [Fact]
    public void Z3AgreesOnTheMakespan()
    {
        ToolRun run = ToolRun.Of("schedule", "--instance", Instances, "--solver", "z3");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("solver: z3", run.Output);
        Assert.Contains("makespan: 4.469125 ms\n", run.Output);
    }

    [Fact]
    public void ABadValueIsAnInputErrorNamingFileAndPath()
    {
        using var tmp = new TempFolder();
        string text = File.ReadAllText(Instances).Replace("\"gpu_time_ms\": [0.35,", "\"gpu_time_ms\": [-0.35,", StringComparison.Ordinal);
        string file = tmp.Write("bad.json", text);
        ToolRun run = ToolRun.Of("schedule", "--instance", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith(file + ": error: $.instances[0].dnns[0].gpu_time_ms[0]: a time must be a positive number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileUnknownSolverAndBadLimitAreInputErrors()
    {
        using var tmp = new TempFolder();
        ToolRun missing = ToolRun.Of("schedule", "--instance", Path.Combine(tmp.Path, "absent.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(": error: $: cannot read the file", missing.Error);

        ToolRun solver = ToolRun.Of("schedule", "--instance", Instances, "--solver", "gurobi");
        Assert.Equal(2, solver.ExitCode);
        Assert.Contains("--solver must be cpsat or z3", solver.Error);

        ToolRun limit = ToolRun.Of("schedule", "--instance", Instances, "--time-limit", "0");
        Assert.Equal(2, limit.ExitCode);
        Assert.Contains("--time-limit", limit.Error);

        ToolRun noInstance = ToolRun.Of("schedule");
        Assert.Equal(2, noInstance.ExitCode);
    }

    // The recorded LeNetDigits and LeNetMnist tables at one thread, and a co-run profile of both (node i: 0.1·i ms, 10 % slower beside the other).
    private static (string Tables, string Profile) TablesAndProfile(TempFolder tmp, int threads = 1)
    {
        var files = new System.Collections.Generic.List<string>();
        foreach (string bench in new[] { "LeNetDigits", "LeNetMnist" })
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("tests", "data", "prediction", bench + ".table.json")))!;
            json["settings"]!["threads"] = threads;
            files.Add(tmp.Write(bench + ".table.json", json.ToJsonString()));
        }
        string Bench(string name, string other) =>
            "{\"name\":\"" + name + "\",\"batch\":16,\"transition_ms\":0.05,\"nodes\":[" + string.Join(",", Enumerable.Range(1, 5).Select(i =>
                System.FormattableString.Invariant($"{{\"id\":{i},\"alone_ms\":{0.1 * i:R},\"beside_ms\":{{\"{other}\":{0.11 * i:R}}}}}"))) + "]}";
        string profile = tmp.Write("corun.profile.json", "{\"kind\":\"knobs-corun-profile\",\"format_version\":1,\"machine\":{\"logical_cores\":2},\"benchmarks\":[" +
            Bench("LeNetDigits", "LeNetMnist") + "," + Bench("LeNetMnist", "LeNetDigits") + "]}");
        return (string.Join(",", files), profile);
    }

    [Fact]
    public void TablesAndACoRunProfileGiveAScheduleOverTheCoresAndItsFile()
    {
        using var tmp = new TempFolder();
        (string tables, string profile) = TablesAndProfile(tmp);
        string schedule = Path.Combine(tmp.Path, "out", "schedule.json");
        ToolRun run = ToolRun.Of("schedule", "--tables", tables, "--corun", profile, "--out", schedule);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("contention (fitted on 10 measured node co-runs)", run.Output);
        Assert.Contains("LeNetDigits beside LeNetMnist: measured 1.100x", run.Output);
        Assert.Contains("devices core0, core1; contention fitted", run.Output);
        Assert.Contains("status: optimal\n", run.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(schedule));
        Assert.Equal(16, doc.RootElement.GetProperty("dnns")[0].GetProperty("batch").GetInt32());
        // Two DNNs, two cores: each runs whole on a core of its own.
        string[] devices = doc.RootElement.GetProperty("dnns").EnumerateArray().Select(
            d => d.GetProperty("groups")[0].GetProperty("device").GetString()!).ToArray();
        Assert.NotEqual(devices[0], devices[1]);
    }

    [Fact]
    public void TablesNeedACoRunProfileAndTheirOwnSettings()
    {
        using var tmp = new TempFolder();
        (string tables, string profile) = TablesAndProfile(tmp, threads: 2);
        ToolRun noProfile = ToolRun.Of("schedule", "--tables", tables);
        Assert.Equal(2, noProfile.ExitCode);
        Assert.Contains("--tables needs --corun FILE", noProfile.Error);

        ToolRun threads = ToolRun.Of("schedule", "--tables", tables, "--corun", profile);
        Assert.Equal(2, threads.ExitCode);
        Assert.Contains("-p:KnobsThreads=1", threads.Error);

        ToolRun both = ToolRun.Of("schedule", "--tables", tables, "--instance", Instances);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --instance FILE", both.Error);

        ToolRun budget = ToolRun.Of("schedule", "--tables", tables, "--corun", profile, "--budget", "LeNetDigits=-1");
        Assert.Equal(2, budget.ExitCode);
        Assert.Contains("--budget: 'LeNetDigits=-1'", budget.Error);
    }

    [Fact]
    public void TheGanttChartOfThePublishedInstanceMatchesItsSnapshot()
    {
        using var tmp = new TempFolder();
        string svg = Path.Combine(tmp.Path, "charts", "haxconn.svg");
        ToolRun run = ToolRun.Of("schedule", "--instance", Instances, "--gantt", svg);

        Assert.True(run.ExitCode == 0, run.ToString());
        Snapshot.Match(File.ReadAllText(svg), "HaxConnPublished.gantt", "svg");
    }
}
