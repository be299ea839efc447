using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Predictors.Tests;

/// <summary>Tables for the tests: two real ones measured on this project's CI machine (six knobs each), and synthetic ones with a known cost.</summary>
internal static class Fixtures
{
    public static string Data(string name) => RepoPaths.Combine("tests", "data", "prediction", name);

    public static (LookupTable Table, string File) Real(string name)
    {
        string file = Data(name);
        return (TableJsonReader.Read(file), file);
    }

    public static IReadOnlyList<(LookupTable Table, string File)> RealPair() => new[] { Real("LeNetMnist.table.json"), Real("LeNetDigits.table.json") };

    public static ProfileDevice Cpu(string name = "Test CPU", string l2 = "512K") => new(ProfileDevice.Cpu, name, new[]
    {
        new KeyValuePair<string, string>("cores", "2"), new KeyValuePair<string, string>("l2", l2), new KeyValuePair<string, string>("threads", "2"),
    });

    /// <summary>
    /// A synthetic network of convolutions whose measured time is a known function of the features
    /// (<see cref="TrueTime"/>), under the knobs fp32 and perforation rate 2.
    /// </summary>
    public static LookupTable Synthetic(string benchmark, int batch, IReadOnlyList<(int C, int H, int K, int Kh)> layers, ProfileDevice? device = null)
    {
        var knobs = new[] { new TableKnob("fp32", 11, null, Stats(1), null), new TableKnob("perf", 121, null, Stats(1), null) };
        var nodes = new List<TableNode>();
        var totals = new double[2];
        for (int i = 0; i < layers.Count; i++)
        {
            var (c, h, k, kh) = layers[i];
            var cells = new List<TableCell?>();
            for (int knob = 0; knob < 2; knob++)
            {
                OpFeatureRecord f = Conv(batch, c, h, k, kh, knob == 1);
                double t = TrueTime(f);
                totals[knob] += t;
                cells.Add(new TableCell(knob == 0 ? "Convolution" : "ConvApprox", knob == 0 ? "fp32" : "perf", t, Stats(t), null, f, Provenance.Measured));
            }
            nodes.Add(new TableNode(i + 1, "node" + (i + 1), new[] { new TableOp("conv", cells, null, null) }));
        }
        knobs = new[] { new TableKnob("fp32", 11, null, Stats(totals[0] * 1.02), null), new TableKnob("perf", 121, null, Stats(totals[1] * 1.02), null) };
        var env = new ProfileEnvironment("Test CPU", 2, "test", "10.0", "jit", "gc", 2, "Cpu", "0.1.0", "none", null, "sha256:0");
        var settings = new ProfileSettings("PerTensor", null, 0.02, null, 10, batch, 2, "Cpu");
        return new LookupTable(benchmark, env, settings, knobs, nodes, Array.Empty<string>(), device ?? Cpu());
    }

    public static OpFeatureRecord Conv(int batch, int c, int h, int k, int kh, bool perforated)
    {
        long nominal = 2L * batch * k * h * h * c * kh * kh;
        long effective = perforated ? nominal / 2 : nominal;
        long read = 4L * (batch * c * h * h + k * c * kh * kh), written = 4L * batch * k * h * h;
        return new OpFeatureRecord("fp32", new[] { new[] { batch, c, h, h }, new[] { k, c, kh, kh } }, new[] { batch, k, h, h }, new[] { kh, kh }, new[] { 1, 1 },
            new[] { kh / 2, kh / 2 }, 1, perforated ? new[] { 2, 1, 1, 0 } : null, nominal, effective, read, written, batch, 2);
    }

    /// <summary>The synthetic cost: 0.01 ms + 1.5 ms per effective GFLOP + 0.2 ms per MB, and perforation pays 30 % more per FLOP.</summary>
    public static double TrueTime(OpFeatureRecord f) =>
        (0.01 + f.EffectiveFlops / 1e9 * 1.5 + (f.BytesRead + f.BytesWritten) / 1e6 * 0.2) * (f.Approximation is null ? 1 : 1.3);

    public static ProfileStatistics Stats(double mean) => new(40, mean, mean, mean * 0.01, mean * 0.98, mean * 1.02, mean * 0.995, mean * 1.005, 0, false);

    public static readonly (int C, int H, int K, int Kh)[] NetA = { (3, 32, 16, 3), (16, 32, 32, 3), (32, 16, 64, 3), (64, 8, 64, 3), (64, 8, 128, 1) };
    public static readonly (int C, int H, int K, int Kh)[] NetB = { (3, 32, 32, 5), (32, 16, 32, 3), (32, 16, 64, 5), (64, 8, 128, 3) };
    public static readonly (int C, int H, int K, int Kh)[] NetC = { (3, 28, 8, 5), (8, 14, 16, 5), (16, 14, 32, 3), (32, 7, 32, 3), (32, 7, 64, 3), (64, 7, 64, 1) };

    public static IReadOnlyList<(LookupTable Table, string File)> SyntheticSet(ProfileDevice? device = null) => new[]
    {
        (Synthetic("NetA", 1, NetA, device), "NetA.b1.table.json"), (Synthetic("NetA", 16, NetA, device), "NetA.b16.table.json"),
        (Synthetic("NetB", 1, NetB, device), "NetB.b1.table.json"), (Synthetic("NetB", 16, NetB, device), "NetB.b16.table.json"),
        (Synthetic("NetC", 1, NetC, device), "NetC.b1.table.json"), (Synthetic("NetC", 16, NetC, device), "NetC.b16.table.json"),
    };
}
