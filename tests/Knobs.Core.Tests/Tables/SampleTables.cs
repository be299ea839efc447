using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Core.Tests.Profiles;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Core.Tests.Tables;

/// <summary>
/// A LeNet-shaped benchmark (HPVM's node grouping) profiled under five knobs, with synthetic but plausible numbers:
/// fp16 makes every op 0.6× (softmax stays fp32), perforation makes the conv 0.55×, sampling 0.7×.
/// </summary>
internal static class SampleTables
{
    public const string Benchmark = "LeNetMnist";

    public static readonly string[][] Nodes =
    {
        new[] { "conv", "add", "tanh", "pool_max" },
        new[] { "conv", "add", "tanh", "pool_max" },
        new[] { "mul", "add", "tanh" },
        new[] { "mul", "add", "tanh" },
        new[] { "softmax" },
    };

    private static readonly Dictionary<string, double> BaseTime = new()
    {
        ["conv"] = 2.0, ["mul"] = 0.8, ["add"] = 0.1, ["tanh"] = 0.2, ["pool_max"] = 0.15, ["softmax"] = 0.01,
    };

    public static readonly (string Approx, int Id)[] Knobs = { ("fp32", 11), ("fp16", 12), ("perf", 121), ("perf_fp16", 151), ("samp", 231) };

    public static Profile Profile(string approx, int id, bool energy = false, ProfileEnvironment? environment = null, int nodeCount = 5,
        bool recordPerOp = false)
    {
        var ops = new List<SampleProfiles.Op>();
        bool half = approx.EndsWith("fp16", StringComparison.Ordinal);
        for (int n = 0; n < nodeCount; n++)
        {
            for (int o = 0; o < Nodes[n].Length; o++)
            {
                string kind = Nodes[n][o];
                double time = BaseTime[kind] * (n + 1);
                bool opHalf = half && kind != "softmax";
                string opApprox = opHalf ? "fp16" : "fp32";
                int opId = opHalf ? 12 : 11;
                string method = opHalf ? "Half" + kind : kind;
                if (opHalf) time *= 0.6;
                if (kind == "conv" && approx.StartsWith("perf", StringComparison.Ordinal))
                {
                    time *= 0.55;
                    (opApprox, opId, method) = (approx, id, approx.EndsWith("fp16", StringComparison.Ordinal) ? "ConvApproxHalf" : "ConvApprox");
                }
                if (kind == "conv" && approx.StartsWith("samp", StringComparison.Ordinal))
                {
                    time *= 0.7;
                    (opApprox, opId, method) = (approx, id, "ConvApprox");
                }
                // Conversions happen where the precision changes: into fp16 at the first op, back to fp32 at softmax.
                double f2h = half && n == 0 && o == 0 ? 0.05 : 0;
                double h2f = half && kind == "softmax" ? 0.002 : 0;
                // Like the runner, record the variant's knob on every op; what ran is the op method.
                ops.Add(new SampleProfiles.Op(n + 1, kind, method, recordPerOp ? opApprox : approx, recordPerOp ? opId : id, time,
                    energy ? time * 0.03 : null, f2h, h2f));
            }
        }
        double relL2 = approx == "fp32" ? 0 : approx == "fp16" ? 0.001 : id % 10 * 0.004 + 0.01;
        return SampleProfiles.Create(Benchmark, approx + "_" + id, new ProfileKnob(approx, id), ops, environment ?? SampleProfiles.Environment(meter: energy ? "rapl" : "none"),
            SampleProfiles.Qos(relL2, approx == "fp32" ? 1.0 : 0.99));
    }

    /// <summary>Writes the five knob profiles into a new temp folder and returns their paths.</summary>
    public static IReadOnlyList<string> WriteProfiles(string dir, bool energy = false)
    {
        Directory.CreateDirectory(dir);
        return Knobs.Select(k =>
        {
            string path = Path.Combine(dir, $"{Benchmark}.{k.Approx}_{k.Id}.profile.jsonl");
            ProfileWriter.Write(path, Profile(k.Approx, k.Id, energy));
            return path;
        }).ToList();
    }

    public static LookupTable Build(bool energy = false, bool recordPerOp = false) => Build(Knobs, energy, recordPerOp);

    /// <summary>A table with the given knob columns (fp32 and fp16 are always added).</summary>
    public static LookupTable Build(IEnumerable<(string Approx, int Id)> knobs, bool energy = false, bool recordPerOp = false)
    {
        var all = new (string Approx, int Id)[] { ("fp32", 11), ("fp16", 12) }.Concat(knobs).Distinct().ToList();
        var profiles = all.Select(k => ($"profiles/{Benchmark}.{k.Approx}_{k.Id}.profile.jsonl", Profile(k.Approx, k.Id, energy, recordPerOp: recordPerOp)));
        TableBuildResult result = TableBuilder.Build(profiles);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Tables);
    }
}

/// <summary>A temp folder deleted at dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "knobs-table-tests-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
