using System;
using System.IO;
using System.Text.Json.Nodes;
using Knobs.Scheduling.HaxConn;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Tests;

/// <summary>Every input a user can get wrong names the file, the JSON path and what to fix.</summary>
public class InputErrorTests
{
    private static JsonObject Published()
        => (JsonObject)JsonNode.Parse(File.ReadAllText(HaxConnPublishedInstanceTests.InstancesFile))!["instances"]![0]!.DeepClone();

    private static ScheduleInputException Fails(JsonObject instance)
        => Assert.Throws<ScheduleInputException>(() => HaxConnInstanceReader.Parse(instance.ToJsonString(), "bad.json"));

    [Fact]
    public void ASingleInstanceObjectReadsLikeTheFile()
    {
        ScheduleProblem p = HaxConnInstanceReader.Parse(Published().ToJsonString(), "one.json");
        Assert.Equal(2, p.Dnns.Count);
    }

    [Fact]
    public void MissingTimesNameTheirPath()
    {
        JsonObject i = Published();
        ((JsonObject)i["dnns"]![1]!).Remove("dla_time_ms");
        ScheduleInputException e = Fails(i);
        Assert.Equal("bad.json", e.File);
        Assert.Equal("$.dnns[1].dla_time_ms", e.JsonPath);
        Assert.Contains("give 'dla_time_ms'", e.Message);
    }

    [Fact]
    public void ShortArraysSayHowManyEntriesTheModelReads()
    {
        JsonObject i = Published();
        i["dnns"]![0]!["transition_cost_ms"] = new JsonArray(0.05, 0.07);
        ScheduleInputException e = Fails(i);
        Assert.Equal("$.dnns[0].transition_cost_ms", e.JsonPath);
        Assert.Contains("reads 9", e.Problem);
    }

    [Fact]
    public void ANonNumberIsRejectedAtItsIndex()
    {
        JsonObject i = Published();
        i["dnns"]![0]!["gpu_time_ms"]![3] = "fast";
        Assert.Equal("$.dnns[0].gpu_time_ms[3]", Fails(i).JsonPath);
    }

    [Fact]
    public void ANegativeTimeIsRejected()
    {
        JsonObject i = Published();
        i["dnns"]![1]!["gpu_time_ms"]![2] = -0.2;
        ScheduleInputException e = Fails(i);
        Assert.Equal("$.dnns[1].gpu_time_ms[2]", e.JsonPath);
        Assert.Contains("positive", e.Problem);
    }

    [Fact]
    public void MemoryThroughputOutsideThePccsCurveIsRejected()
    {
        JsonObject i = Published();
        i["dnns"]![0]!["mem_throughput_gpu"]![1] = 140;
        Assert.Equal("$.dnns[0].mem_throughput_gpu[1]", Fails(i).JsonPath);
    }

    [Fact]
    public void NumGroupsMustMatchTheGpuTimes()
    {
        JsonObject i = Published();
        i["dnns"]![0]!["num_groups"] = 9;
        Assert.Equal("$.dnns[0].num_groups", Fails(i).JsonPath);
    }

    [Fact]
    public void BrokenJsonAndMissingFilesAreInputErrors()
    {
        ScheduleInputException e = Assert.Throws<ScheduleInputException>(() => HaxConnInstanceReader.Parse("{\"dnns\": [", "broken.json"));
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("not valid JSON", e.Problem);
        Assert.Throws<ScheduleInputException>(() => HaxConnInstanceReader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json")));
        Assert.Equal("$.dnns", Assert.Throws<ScheduleInputException>(() => HaxConnInstanceReader.Parse("{\"dnns\": []}", "empty.json")).JsonPath);
    }

    [Fact]
    public void AnUnknownInstanceIdListsTheIds()
    {
        ScheduleInputException e = Assert.Throws<ScheduleInputException>(() => HaxConnInstanceReader.Load(HaxConnPublishedInstanceTests.InstancesFile, "nope"));
        Assert.Equal("$.instances", e.JsonPath);
        Assert.Contains("googlenet-alexnet-xavier", e.Problem);
    }

    [Fact]
    public void ModelErrorsNameTheGroupAndOption()
    {
        var groups = new[] { new LayerGroup("g0", new[] { new GroupOption(3, "exact", 1.0) }) };
        var p = new ScheduleProblem(new[] { "cpu" }, new[] { new DnnChain("a", groups, Array.Empty<TransitionCosts>()) }, NoContention.Instance);
        ScheduleInputException e = Assert.Throws<ScheduleInputException>(() => CpSatScheduler.Solve(p));
        Assert.Equal("dnns[0].groups[0].options[0].device", e.JsonPath);

        var two = new[] { new LayerGroup("g0", new[] { new GroupOption(0, "exact", 1.0) }), new LayerGroup("g1", new[] { new GroupOption(0, "exact", 1.0) }) };
        p = p with { Dnns = new[] { new DnnChain("a", two, Array.Empty<TransitionCosts>()) } };
        Assert.Equal("dnns[0].transitions", Assert.Throws<ScheduleInputException>(() => CpSatScheduler.Solve(p)).JsonPath);

        p = p with { Dnns = new[] { new DnnChain("a", groups, Array.Empty<TransitionCosts>(), QosBudget: -1) } };
        Assert.Equal("dnns[0].qos_budget", Assert.Throws<ScheduleInputException>(() => CpSatScheduler.Solve(p)).JsonPath);
    }

    [Fact]
    public void HaxConnsFormulationRefusesKnobsAndMoreThanOneSwitch()
    {
        ScheduleProblem p = HaxConnInstanceReader.Load(HaxConnPublishedInstanceTests.InstancesFile) with { MaxSwitchesPerDnn = 2 };
        Assert.Equal("max_switches", Assert.Throws<ScheduleInputException>(() => Z3HaxConnScheduler.Solve(p)).JsonPath);
        p = RandomProblems.Make(3, new RandomShape(2, 3, 2, ScheduleSemantics.Knobs, 1.0, 1, false)) with { Semantics = ScheduleSemantics.HaxConn };
        Assert.Contains("exactly one option per device", Assert.Throws<ScheduleInputException>(() => CpSatScheduler.Solve(p)).Problem);
    }

    [Fact]
    public void ADeadlineNoScheduleMeetsIsReportedInfeasible()
    {
        ScheduleProblem p = RandomProblems.Make(7, new RandomShape(2, 3, 2, ScheduleSemantics.Knobs, 0, null, false))
            with { Objective = ScheduleObjective.Energy, DeadlineMs = 0.001 };
        Assert.Equal(SolveStatus.Infeasible, CpSatScheduler.Solve(p).Status);
        Assert.Equal(SolveStatus.Infeasible, BruteForceOracle.Solve(p).Status);
    }
}
