using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Scheduling.Model;

namespace Knobs.Scheduling.Solving;

/// <summary>What a random problem looks like.</summary>
/// <param name="Dnns">DNNs.</param>
/// <param name="Groups">Groups per DNN.</param>
/// <param name="Devices">Devices.</param>
/// <param name="Semantics">Knobs' or HaX-CoNN's.</param>
/// <param name="KnobChance">Chance that a group has an extra, faster knob with a QoS loss on a device (Knobs' semantics only).</param>
/// <param name="MaxSwitches">Switch limit per DNN.</param>
/// <param name="Budgets">Whether each DNN gets a QoS budget.</param>
internal sealed record RandomShape(int Dnns, int Groups, int Devices, ScheduleSemantics Semantics, double KnobChance, int? MaxSwitches, bool Budgets);

/// <summary>Seeded random problems for tests and benchmarks: times in 0.01 ms steps, PCCS-style contention inputs.</summary>
internal static class RandomProblems
{
    public static ScheduleProblem Make(int seed, RandomShape shape)
    {
        var rng = new Random(seed);
        string[] devices = Enumerable.Range(0, shape.Devices).Select(d => "dev" + d).ToArray();
        // Each device gets a speed and a curve; each group a base cost; devices differ per group by up to 3×.
        double[] speed = devices.Select(_ => 0.5 + rng.NextDouble() * 1.5).ToArray();
        var curves = Enumerable.Range(0, shape.Devices).Select(d => d % 2 == 0 ? PccsCurve.XavierGpu : PccsCurve.XavierDla).ToArray();
        var dnns = new List<DnnChain>();
        for (int k = 0; k < shape.Dnns; k++)
        {
            var groups = new List<LayerGroup>();
            var transitions = new List<TransitionCosts>();
            for (int i = 0; i < shape.Groups; i++)
            {
                double work = 0.05 + rng.NextDouble() * 0.6;
                var options = new List<GroupOption>();
                for (int d = 0; d < shape.Devices; d++)
                {
                    double t = Round2(Math.Max(0.01, work * speed[d] * (0.6 + rng.NextDouble())));
                    double m = Math.Round(rng.NextDouble() * 70);
                    double energy = Round2(t * (0.5 + d * 0.7 + rng.NextDouble() * 0.3));
                    options.Add(new GroupOption(d, "exact", t, energy, 0, m));
                    if (shape.Semantics == ScheduleSemantics.Knobs && rng.NextDouble() < shape.KnobChance)
                    {
                        double kt = Round2(Math.Max(0.01, t * (0.4 + rng.NextDouble() * 0.4)));
                        options.Add(new GroupOption(d, "perf" + (1 + rng.Next(3)), kt, Round2(energy * kt / t), Round2(0.1 + rng.NextDouble() * 0.9), m));
                    }
                }
                groups.Add(new LayerGroup("g" + i, options));
                if (i + 1 < shape.Groups)
                {
                    if (shape.Semantics == ScheduleSemantics.HaxConn)
                    {
                        transitions.Add(TransitionCosts.Uniform(shape.Devices, Round2(rng.NextDouble() * 0.12)));
                    }
                    else
                    {
                        var c = new double[shape.Devices, shape.Devices];
                        for (int u = 0; u < shape.Devices; u++)
                            for (int v = 0; v < shape.Devices; v++)
                                c[u, v] = u == v ? 0 : Round2(rng.NextDouble() * 0.12);
                        transitions.Add(new TransitionCosts(c));
                    }
                }
            }
            double? budget = shape.Budgets ? Round2(0.2 + rng.NextDouble() * 1.5) : null;
            dnns.Add(new DnnChain("dnn" + k, groups, transitions, budget));
        }
        return new ScheduleProblem(devices, dnns, new PccsContention(curves), shape.Semantics, shape.MaxSwitches, Source: $"random(seed {seed})");
    }

    private static double Round2(double v) => Math.Round(v, 2);
}
