using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Samples.Tests;

/// <summary>
/// Real lookup tables for the simulation tests: each sample app (built next to the tests) runs, once per test
/// run, exactly the variants its tuner_confs file uses (3 iterations, batch 1), and Knobs.Core builds the table
/// from those profiles (plus plain perf/samp knobs, which the applicability tests put on a group convolution).
/// Small and fast, but measured: no invented numbers.
/// </summary>
public sealed class MeasuredTables : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "knobs-samples-tables-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, Lazy<LookupTable>> _tables = new(StringComparer.Ordinal);

    public static string ConfsPath(string network) => Path.Combine(RepoPaths.HpvmData, "tuner_confs", network + ".txt");

    /// <summary>The variant names (as the app lists them) that a configuration file needs.</summary>
    public static IReadOnlyList<string> VariantsUsedBy(string confs)
    {
        ConfigurationReadResult read = ConfigurationReader.ReadFile(confs);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics.Select(d => d.Message)));
        return read.File!.Configurations.SelectMany(c => c.Nodes).SelectMany(n => n.Ops)
            .Select(o => o.Approx switch { "fp32" => "fp32_11", "fp16" => "fp16_12", _ => o.KnobKey })
            .Append("fp32_11").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Measured besides what the configurations use.</summary>
    public static readonly string[] ExtraVariants = ["perf_121", "samp_231"];

    public LookupTable For(string network) =>
        _tables.GetOrAdd(network, n => new Lazy<LookupTable>(() => Measure(n))).Value;

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private LookupTable Measure(string network)
    {
        string outDir = Path.Combine(_root, network);
        string app = Path.Combine(AppContext.BaseDirectory, network + ".dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { app, "run", "--variant", string.Join(",", VariantsUsedBy(ConfsPath(network)).Union(ExtraVariants)),
                     "--iterations", "3", "--warmup", "1", "--batch", "1", "--meter", "none", "--out", outDir, "--quiet" })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment.Remove("KNOBS_WEIGHTS_DIR");
        using Process p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{network} app exited {p.ExitCode}:\n{stdout.Result}\n{stderr}");
        TableBuildResult built = TableBuilder.Build(Directory.GetFiles(outDir, "*.profile.jsonl"));
        Assert.False(built.HasErrors, string.Join("\n", built.Diagnostics.Select(d => d.Message)));
        return Assert.Single(built.Tables);
    }
}
