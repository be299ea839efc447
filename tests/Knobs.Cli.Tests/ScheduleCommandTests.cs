using System;
using System.IO;
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
}
