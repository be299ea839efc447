using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.Scheduling.HaxConn;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;
using Knobs.Testing;

namespace Knobs.Scheduling.Tests;

/// <summary>HaX-CoNN's published GoogleNet + AlexNet instance, modelled as its script does.</summary>
public class HaxConnPublishedInstanceTests
{
    internal const double Optimum = 4.469125340937111;

    internal static string InstancesFile => Path.Combine(RepoPaths.Anchors, "haxconn", "instances.json");

    internal static readonly string[][] Optima =
    {
        new[] { "GGGGDDDDDD", "DGGGGGGG" },
        new[] { "GGGGGDDDDD", "DGGGGGGG" },
        new[] { "GGGGGGGGDD", "DGGGGGGG" },
    };

    internal static string Letters(DnnSchedule d) => string.Concat(d.Groups.Select(g => g.Device[0]));

    private static void AssertOneOfTheOptima(ScheduleResult r)
    {
        Assert.Equal(SolveStatus.Optimal, r.Status);
        string[] got = r.Dnns.Select(Letters).ToArray();
        Assert.Contains(Optima, o => o.SequenceEqual(got));
        // Evaluated in double precision from the instance's numbers, the schedule's makespan is HaX-CoNN's optimum.
        Assert.Equal(Optimum, r.MakespanMs!.Value, 9);
    }

    [Fact]
    public void ReaderModelsThePublishedInstanceAsTheScriptDoes()
    {
        ScheduleProblem p = HaxConnInstanceReader.Load(InstancesFile);
        Assert.Equal(new[] { "GPU", "DLA" }, p.Devices);
        Assert.Equal(ScheduleSemantics.HaxConn, p.Semantics);
        Assert.Equal(1, p.MaxSwitchesPerDnn);
        Assert.Equal(new[] { "GoogleNet", "AlexNet" }, p.Dnns.Select(d => d.Name));
        Assert.Equal(new[] { 10, 8 }, p.Dnns.Select(d => d.Groups.Count));
        Assert.Equal("52", p.Dnns[0].Groups[4].Name);
        // The slowdowns the reference data derived from the PCCS formulas.
        using var doc = JsonDocument.Parse(File.ReadAllText(InstancesFile));
        JsonElement nn1 = doc.RootElement.GetProperty("instances")[0].GetProperty("dnns")[0];
        double[] gpu = nn1.GetProperty("derived_slowdown_factor_gpu").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] dla = nn1.GetProperty("derived_slowdown_factor_dla").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < gpu.Length; i++)
        {
            Assert.InRange(p.Contention.Slowdown(p, 0, i, p.Dnns[0].Groups[i].Options[0]) - gpu[i], -1e-8, 1e-8);
            Assert.InRange(p.Contention.Slowdown(p, 0, i, p.Dnns[0].Groups[i].Options[1]) - dla[i], -1e-8, 1e-8);
        }
    }

    [Fact]
    public void CpSatFindsTheOptimumAndOneOfTheThreeOptimalSchedules()
    {
        ScheduleResult r = CpSatScheduler.Solve(HaxConnInstanceReader.Load(InstancesFile));
        AssertOneOfTheOptima(r);
        // The integer model's objective is within the rounding of 18 durations at 1 µs.
        Assert.InRange(r.ObjectiveValue!.Value, Optimum - 18 * 0.5e-3, Optimum + 18 * 0.5e-3);
        Assert.Equal(0, r.Gap);
    }

    [Fact]
    public void Z3WithHaxConnsFormulationAgrees()
    {
        ScheduleResult r = Z3HaxConnScheduler.Solve(HaxConnInstanceReader.Load(InstancesFile));
        AssertOneOfTheOptima(r);
        Assert.Equal(Optimum, r.ObjectiveValue!.Value, 9);
    }

    [Fact]
    public void OracleAgreesAndEveryAssignmentMatchesTheReferenceTable()
    {
        ScheduleProblem p = HaxConnInstanceReader.Load(InstancesFile);
        AssertOneOfTheOptima(BruteForceOracle.Solve(p));

        // All 320 one-switch assignments: the oracle's minimal makespan for each equals the reference table's.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Anchors, "haxconn", "derived_assignment_makespans.json")));
        var cp = CompiledProblem.Compile(p);
        int rows = 0;
        foreach (JsonElement row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            int[][] choice =
            {
                row.GetProperty("nn1").GetString()!.Select(c => c == 'G' ? 0 : 1).ToArray(),
                row.GetProperty("nn2").GetString()!.Select(c => c == 'G' ? 0 : 1).ToArray(),
            };
            (long ticks, _) = BruteForceOracle.MinimalMakespan(cp, choice, long.MaxValue);
            Assert.InRange(ticks * p.TimeResolutionMs - row.GetProperty("makespan_ms").GetDouble(), -9e-3, 9e-3);
            rows++;
        }
        Assert.Equal(320, rows);
    }

    [Fact]
    public void SameInputGivesTheSameScheduleEveryTime()
    {
        ScheduleProblem p = HaxConnInstanceReader.Load(InstancesFile);
        string a = Output.ScheduleJson.Write(p, CpSatScheduler.Solve(p));
        string b = Output.ScheduleJson.Write(HaxConnInstanceReader.Load(InstancesFile), CpSatScheduler.Solve(HaxConnInstanceReader.Load(InstancesFile)));
        Assert.Equal(a, b);
    }
}
