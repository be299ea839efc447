using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Profiles;
using Knobs.Runtime.Cli;
using Knobs.Runtime.Profiles;

namespace Knobs.Runtime.Running;

/// <summary>
/// Turns <c>--benchmark</c>, <c>--variant</c>, <c>--config</c> and <c>--index</c> into targets (and checks <c>--paired</c>). Every name is checked
/// here, before anything runs: a mistake is a <see cref="UsageException"/> naming the valid choices.
/// </summary>
internal static class TargetSelector
{
    public static IReadOnlyList<RunTarget> Select(IBenchmarkRegistry registry, RunRequest request)
    {
        if (registry.Benchmarks.Count == 0) throw new UsageException("this app has no benchmarks (no [KnobBenchmark] template was found at build time)");
        IReadOnlyList<BenchmarkDescriptor> benchmarks = SelectBenchmarks(registry, request.Benchmark);
        IReadOnlyList<RunTarget> targets = request.ConfigFile is { } config
            ? SelectConfigurations(SingleBenchmark(benchmarks, registry), config, request.ConfigIndex)
            : SelectVariants(benchmarks, request.Variants);
        if (request.Paired is { } paired) CheckPaired(targets, paired);
        return targets;
    }

    // The paired baseline is a variant of every target's benchmark.
    private static void CheckPaired(IReadOnlyList<RunTarget> targets, string paired)
    {
        foreach (BenchmarkDescriptor b in targets.Select(t => t.Benchmark).Distinct())
        {
            if (!b.Variants.Contains(paired))
            {
                throw new UsageException($"--paired: {b.Name} has no variant '{paired}'; variants: {string.Join(", ", b.Variants.Take(40))} (see 'list')");
            }
        }
    }

    private static IReadOnlyList<BenchmarkDescriptor> SelectBenchmarks(IBenchmarkRegistry registry, string? name)
    {
        if (name is null) return registry.Benchmarks;
        BenchmarkDescriptor? match = registry.Benchmarks.FirstOrDefault(b => b.Name == name)
            ?? registry.Benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? new[] { match }
            : throw new UsageException($"unknown benchmark '{name}'; this app has: {string.Join(", ", registry.Benchmarks.Select(b => b.Name))}");
    }

    private static BenchmarkDescriptor SingleBenchmark(IReadOnlyList<BenchmarkDescriptor> benchmarks, IBenchmarkRegistry registry) =>
        benchmarks.Count == 1
            ? benchmarks[0]
            : throw new UsageException($"--config applies to one benchmark: add --benchmark (one of {string.Join(", ", registry.Benchmarks.Select(b => b.Name))})");

    private static IReadOnlyList<RunTarget> SelectVariants(IReadOnlyList<BenchmarkDescriptor> benchmarks, IReadOnlyList<string>? variants)
    {
        if (variants is null) return benchmarks.SelectMany(b => b.Variants.Select(v => RunTarget.ForVariant(b, v))).ToArray();
        foreach (string v in variants)
        {
            if (!benchmarks.Any(b => b.Variants.Contains(v)))
            {
                string known = string.Join(", ", benchmarks.SelectMany(b => b.Variants).Distinct().Take(40));
                throw new UsageException($"unknown variant '{v}'; variants: {known} (see 'list')");
            }
        }
        // Registry order, not argument order: output is the same however the list is written.
        return benchmarks.SelectMany(b => b.Variants.Where(variants.Contains).Select(v => RunTarget.ForVariant(b, v))).ToArray();
    }

    private static IReadOnlyList<RunTarget> SelectConfigurations(BenchmarkDescriptor benchmark, string file, int? index)
    {
        var options = new ConfigurationReaderOptions
        {
            Nodes = benchmark.Nodes.Select(n => (IReadOnlyList<string>)n.OpKinds.ToArray()).ToArray(),
            ExtraApproxNames = benchmark.Knobs.Select(k => k.ApproxType).Distinct().ToArray(),
        };
        ConfigurationReadResult read = ConfigurationReader.ReadFile(file, options);
        ConfigurationDiagnostic? firstError = read.Diagnostics.FirstOrDefault(d => d.IsError);
        if (firstError is not null || read.File is null)
        {
            int errors = read.Diagnostics.Count(d => d.IsError);
            throw new UsageException("--config: " + (firstError?.ToString() ?? $"{file}: cannot be read") + (errors > 1 ? $" (and {errors - 1} more errors)" : ""),
                RuntimeDiagnostics.BadConfiguration);
        }
        IReadOnlyList<Configuration> all = read.File.Configurations;
        if (all.Count == 0) throw new UsageException($"--config: {file} has no configuration (+++++ … ----- block)", RuntimeDiagnostics.BadConfiguration);
        if (index is int i && i > all.Count) throw new UsageException($"--index {i}: {file} has {all.Count} configurations");
        IEnumerable<Configuration> chosen = index is int k ? all.Where(c => c.Index == k) : all;
        string label = Path.GetFileNameWithoutExtension(file);
        return chosen.Select(c => ToTarget(benchmark, file, label, c)).ToArray();
    }

    private static RunTarget ToTarget(BenchmarkDescriptor benchmark, string file, string label, Configuration c)
    {
        // A node's knob is its first op's (conv/mul carry the approximation; the rest follow its precision).
        NodeKnob[] knobs = c.Nodes.OrderBy(n => n.Id).Select(n => new NodeKnob(n.Ops[0].Approx, n.Ops[0].KnobId)).ToArray();
        var nodes = c.Nodes.OrderBy(n => n.Id).Select(n => new ProfileConfigurationNode(n.Id, n.Ops[0].Approx, n.Ops[0].KnobId)).ToArray();
        return RunTarget.ForConfiguration(benchmark, new ProfileConfiguration(file, c.Name, c.Index, nodes), knobs, label);
    }
}
