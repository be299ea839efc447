using System;
using System.Collections.Generic;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Tests;

/// <summary>The makespan bounds CP-SAT is given and the greedy first schedule it starts from, against the oracle.</summary>
public class BoundAndFirstScheduleTests
{
    [Fact]
    public void BoundsNeverExceedAndGreedyNeverBeatsTheOracleOptimum()
    {
        int tight = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            ScheduleProblem p = RandomProblems.Make(seed, OracleAgreementTests.Shape(seed));
            ScheduleResult oracle = BruteForceOracle.Solve(p);
            if (oracle.Status != SolveStatus.Optimal) continue;
            CompiledProblem cp = CompiledProblem.Compile(p);
            long[][][] tails = ListScheduler.Tails(cp);
            long lp = MakespanBound.Ticks(cp);
            long chain = ListScheduler.ChainBound(tails);
            Assert.True(lp <= oracle.MakespanTicks, $"seed {seed}: relaxation bound {lp} ticks above the optimum {oracle.MakespanTicks}");
            Assert.True(chain <= oracle.MakespanTicks, $"seed {seed}: chain bound {chain} ticks above the optimum {oracle.MakespanTicks}");
            if (Math.Max(lp, chain) == oracle.MakespanTicks) tight++;

            TickSchedule? first = ListScheduler.Solve(cp, tails);
            if (first is null) continue;
            Assert.True(first.MakespanTicks >= oracle.MakespanTicks, $"seed {seed}: greedy {first.MakespanTicks} ticks beats the optimum {oracle.MakespanTicks}");
            // The greedy schedule is feasible: re-evaluated from its choice and device order, it ends no later than it said.
            var order = ScheduleEvaluator.OrderFromStarts(cp, first.Choice, ToDouble(first.Starts));
            ScheduleResult evaluated = ScheduleEvaluator.Result(cp, "greedy", SolveStatus.Feasible, null, null, first.Choice, order);
            Assert.True(evaluated.MakespanTicks <= first.MakespanTicks, $"seed {seed}: greedy said {first.MakespanTicks}, evaluates to {evaluated.MakespanTicks}");
            OracleAgreementTests.AssertWithinLimits(p, evaluated, seed);
        }
        // One DNN alone, or one device, is decided by the bounds: they must be reached on some of these problems.
        Assert.True(tight > 0, "no problem's bound reached its optimum");
    }

    [Fact]
    public void DeviceLoadBoundsTwoDnnsSharingOneDevice()
    {
        // Two DNNs of two groups each, one device: nothing runs side by side, so the makespan is the sum of all four times.
        var dnns = new List<DnnChain>();
        for (int k = 0; k < 2; k++)
        {
            var groups = new List<LayerGroup>
            {
                new("a", new[] { new GroupOption(0, "exact", 1.0 + k, null, 0, null) }),
                new("b", new[] { new GroupOption(0, "exact", 2.0, null, 0, null) }),
            };
            dnns.Add(new DnnChain("n" + k, groups, new[] { TransitionCosts.Uniform(1, 0) }, null));
        }
        var p = new ScheduleProblem(new[] { "cpu" }, dnns, NoContention.Instance, ScheduleSemantics.Knobs, null, Source: "test");
        CompiledProblem cp = CompiledProblem.Compile(p);
        Assert.Equal(7000, MakespanBound.Ticks(cp));
        Assert.Equal(4000, ListScheduler.ChainBound(ListScheduler.Tails(cp)));
        ScheduleResult r = CpSatScheduler.Solve(p);
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(7.0, r.MakespanMs!.Value, 9);
    }

    private static IReadOnlyList<IReadOnlyList<double>> ToDouble(long[][] starts)
    {
        var result = new List<IReadOnlyList<double>>();
        foreach (long[] s in starts) result.Add(Array.ConvertAll(s, v => (double)v));
        return result;
    }
}
