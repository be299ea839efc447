using System.Collections.Generic;
using System.Linq;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Tests;

/// <summary>Choosing the knob together with the device, under a QoS budget.</summary>
public class KnobChoiceTests
{
    private static readonly string[] Devices = { "cpu", "gpu" };

    // Two DNNs that both want the GPU; each group also has a perforated knob on either device (half the time, QoS loss 0.4).
    private static ScheduleProblem Contended(double? budget, bool knobs)
    {
        DnnChain Dnn(string name, double[] cpu, double[] gpu)
        {
            var groups = new List<LayerGroup>();
            for (int i = 0; i < cpu.Length; i++)
            {
                var options = new List<GroupOption> { new(0, "exact", cpu[i]), new(1, "exact", gpu[i]) };
                if (knobs)
                {
                    options.Add(new GroupOption(0, "perf-row-2", cpu[i] / 2, QosLoss: 0.4));
                    options.Add(new GroupOption(1, "perf-row-2", gpu[i] / 2, QosLoss: 0.4));
                }
                groups.Add(new LayerGroup("g" + i, options));
            }
            var transitions = Enumerable.Range(0, cpu.Length - 1).Select(_ => TransitionCosts.Uniform(2, 0.05)).ToArray();
            return new DnnChain(name, groups, transitions, budget);
        }
        return new ScheduleProblem(Devices, new[]
        {
            Dnn("alexnet", new[] { 2.0, 3.0, 1.0 }, new[] { 0.5, 0.8, 0.3 }),
            Dnn("resnet18", new[] { 4.0, 2.5, 2.0 }, new[] { 0.9, 0.7, 0.6 }),
        }, NoContention.Instance);
    }

    [Fact]
    public void KnobsUnderABudgetBeatPlacementAlone()
    {
        ScheduleResult placement = CpSatScheduler.Solve(Contended(budget: 1.0, knobs: false));
        ScheduleResult joint = CpSatScheduler.Solve(Contended(budget: 1.0, knobs: true));
        Assert.Equal(SolveStatus.Optimal, placement.Status);
        Assert.Equal(SolveStatus.Optimal, joint.Status);
        Assert.True(joint.MakespanMs < placement.MakespanMs - 0.1, $"joint {joint.MakespanMs} ms, placement alone {placement.MakespanMs} ms");
        Assert.All(joint.Dnns, d => Assert.True(d.QosLoss <= 1.0 + 1e-9, $"{d.Name}: {d.QosLoss}"));
        Assert.Contains(joint.Dnns.SelectMany(d => d.Groups), g => g.Knob == "perf-row-2");
        Assert.Equal(placement.MakespanMs!.Value, BruteForceOracle.Solve(Contended(1.0, false)).MakespanMs!.Value, 9);
        Assert.Equal(joint.MakespanMs!.Value, BruteForceOracle.Solve(Contended(1.0, true)).MakespanMs!.Value, 9);
    }

    [Fact]
    public void ABudgetOfZeroLeavesOnlyExactKnobs()
    {
        ScheduleResult r = CpSatScheduler.Solve(Contended(budget: 0, knobs: true));
        Assert.All(r.Dnns.SelectMany(d => d.Groups), g => Assert.Equal("exact", g.Knob));
        Assert.Equal(CpSatScheduler.Solve(Contended(0, false)).MakespanMs!.Value, r.MakespanMs!.Value, 9);
    }

    [Fact]
    public void TheBudgetIsNeverExceededOnRandomProblems()
    {
        for (int seed = 500; seed < 520; seed++)
        {
            ScheduleProblem p = RandomProblems.Make(seed, new RandomShape(2 + seed % 2, 5, 2, ScheduleSemantics.Knobs, 0.6, null, true));
            ScheduleResult r = CpSatScheduler.Solve(p);
            Assert.Equal(SolveStatus.Optimal, r.Status);
            OracleAgreementTests.AssertWithinLimits(p, r, seed);
        }
    }
}
