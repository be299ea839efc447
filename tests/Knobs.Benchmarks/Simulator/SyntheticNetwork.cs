using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Knobs.Configurations;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Benchmarks.Simulator;

/// <summary>
/// A lookup table and a large configuration file for a real HPVM network's node structure (taken from its tuner_confs
/// conf1). The times are synthetic: this suite measures the simulator, not the machine.
/// </summary>
internal static class SyntheticNetwork
{
    public static readonly (string Approx, int Id)[] Knobs =
        new[] { ("fp32", 11), ("fp16", 12) }
            .Concat(Enumerable.Range(121, 8).Select(id => ("perf", id)))
            .Concat(Enumerable.Range(151, 8).Select(id => ("perf_fp16", id)))
            .Concat(Enumerable.Range(231, 4).Select(id => ("samp", id)))
            .Concat(Enumerable.Range(261, 4).Select(id => ("samp_fp16", id)))
            .ToArray();

    public static IReadOnlyList<IReadOnlyList<string>> NodesOf(string confsPath)
    {
        ConfigurationReadResult read = ConfigurationReader.ReadFile(confsPath);
        if (read.File is null) throw new InvalidOperationException(string.Join("\n", read.Diagnostics));
        return read.File.Configurations[0].Nodes.Select(n => (IReadOnlyList<string>)n.Ops.Select(o => o.Op).ToList()).ToList();
    }

    public static LookupTable Table(string benchmark, IReadOnlyList<IReadOnlyList<string>> nodes)
    {
        var environment = new ProfileEnvironment("synthetic", 1, "synthetic", "10", "default", "Workstation", 1, "Cpu", "0.1.0", "none", null, null);
        var settings = new ProfileSettings("PerTensor", 10, null, 1, null, 1, 1, "Cpu");
        var profiles = new List<(string, Profile)>();
        foreach ((string approx, int id) in Knobs)
        {
            var random = new Random(id);
            bool half = ApproxNames.IsHalf(approx);
            var ops = new List<OpRecord>();
            int index = 0;
            for (int n = 0; n < nodes.Count; n++)
            {
                for (int o = 0; o < nodes[n].Count; o++)
                {
                    string kind = nodes[n][o];
                    bool conv = kind == "conv";
                    bool opHalf = half && kind != "softmax";
                    double time = (conv ? 1.0 : 0.1) * (1 + n % 7) * (opHalf ? 0.6 : 1.0);
                    string opApprox = opHalf ? "fp16" : "fp32";
                    int opId = opHalf ? 12 : 11;
                    string method = opHalf ? "Half" + kind : kind;
                    if (conv && ApproxNames.IsConvOnly(approx))
                    {
                        time *= 0.5 + 0.3 * random.NextDouble();
                        (opApprox, opId, method) = (approx, id, half ? "ConvApproxHalf" : "ConvApprox");
                    }
                    var stats = new ProfileStatistics(10, time, time, time * 0.01, time, time, time, time, 0, false);
                    ops.Add(new OpRecord(n + 1, "node" + (n + 1).ToString(CultureInfo.InvariantCulture), index++, kind, method, opApprox, opId, stats, null,
                        new ConversionCost(half ? 0.01 : 0, null), new ConversionCost(half ? 0.01 : 0, null)));
                }
            }
            double total = ops.Sum(o => o.Time.Mean);
            var header = new ProfileHeader(benchmark, ApproxNames.Key(approx, id), new ProfileKnob(approx, id), null, settings, environment, "2026-01-01T00:00:00Z");
            var summary = new SummaryRecord(new ProfileStatistics(10, total, total, 0, total, total, total, total, 0, false), null, 10, false, null);
            profiles.Add((benchmark + "." + approx + "_" + id.ToString(CultureInfo.InvariantCulture), new Profile(header, ops, null, summary)));
        }
        TableBuildResult built = TableBuilder.Build(profiles);
        if (built.HasErrors) throw new InvalidOperationException(string.Join("\n", built.Diagnostics));
        return built.Tables[0];
    }

    /// <summary>A configuration file of <paramref name="count"/> random configurations in HPVM's grammar (seeded).</summary>
    public static string Configurations(IReadOnlyList<IReadOnlyList<string>> nodes, int count, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("1000.0\n");
        for (int c = 1; c <= count; c++)
        {
            sb.Append("+++++\nconf").Append(c.ToString(CultureInfo.InvariantCulture)).Append(" 1 1 90.0 0.0\n");
            for (int n = 0; n < nodes.Count; n++)
            {
                (string approx, int id) = Knobs[random.Next(Knobs.Length)];
                if (nodes[n][0] != "conv" && ApproxNames.IsConvOnly(approx)) (approx, id) = ApproxNames.IsHalf(approx) ? ("fp16", 12) : ("fp32", 11);
                bool half = ApproxNames.IsHalf(approx);
                sb.Append((n + 1).ToString(CultureInfo.InvariantCulture)).Append(" gpu");
                for (int o = 0; o < nodes[n].Count; o++)
                {
                    string kind = nodes[n][o];
                    string opApprox = o == 0 ? approx : half ? "fp16" : "fp32";
                    if (kind == "softmax") opApprox = "fp32";
                    int value = o == 0 && opApprox == approx ? id : 1;
                    sb.Append(' ').Append(kind).Append(' ').Append(opApprox).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture));
                }
                sb.Append('\n');
            }
            sb.Append("-----\n");
        }
        return sb.ToString();
    }
}
