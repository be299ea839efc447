using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Profiles;

namespace Knobs.Runtime.Profiles;

/// <summary>One thing to measure: a knob variant, or a per-node configuration, of one benchmark.</summary>
internal sealed class RunTarget
{
    private readonly IReadOnlyList<NodeKnob>? _nodeKnobs;

    private RunTarget(BenchmarkDescriptor benchmark, string variantName, KnobInfo? knob, ProfileConfiguration? configuration,
        IReadOnlyList<NodeKnob>? nodeKnobs, string fileStem)
    {
        Benchmark = benchmark;
        VariantName = variantName;
        Knob = knob;
        Configuration = configuration;
        _nodeKnobs = nodeKnobs;
        FileStem = fileStem;
    }

    public BenchmarkDescriptor Benchmark { get; }

    /// <summary>The variant name (or configuration name) written to the profile header.</summary>
    public string VariantName { get; }

    /// <summary>The knob of a variant, as the registry knows it (set once the variant is created).</summary>
    public KnobInfo? Knob { get; private set; }

    public ProfileConfiguration? Configuration { get; }

    /// <summary>The profile file name without <c>.profile.jsonl</c> (configuration names reduced by <see cref="ProfilePaths.SafePart"/>).</summary>
    public string FileStem { get; }

    public string ProfileFileName => FileStem + ".profile.jsonl";

    public static RunTarget ForVariant(BenchmarkDescriptor benchmark, string variant) =>
        new(benchmark, variant, null, null, null, benchmark.Name + "." + variant);

    public static RunTarget ForConfiguration(BenchmarkDescriptor benchmark, ProfileConfiguration configuration,
        IReadOnlyList<NodeKnob> nodeKnobs, string fileLabel) =>
        new(benchmark, configuration.Name, null, configuration, nodeKnobs,
            benchmark.Name + ".config-" + ProfilePaths.SafePart(fileLabel) + "-" + ProfilePaths.SafePart(configuration.Name));

    public BenchmarkVariant Create()
    {
        BenchmarkVariant v = _nodeKnobs is null
            ? Benchmark.CreateVariant(VariantName)
            : Benchmark.CreateConfiguration(VariantName, _nodeKnobs);
        Knob ??= v.Knob;
        return v;
    }

    /// <summary>The knob (approx name and id) applied to the ops of node <paramref name="nodeId"/>; fp32 outside the configuration.</summary>
    public KnobIdentity KnobOf(int nodeId)
    {
        if (Knob is { } k) return new KnobIdentity(k.ApproxType, k.Id);
        if (_nodeKnobs is not null && nodeId >= 1 && nodeId <= _nodeKnobs.Count)
        {
            NodeKnob nk = _nodeKnobs[nodeId - 1];
            // fp32/fp16 entries carry an arbitrary integer in HPVM files: record the release-table ids instead.
            return KnobIdentity.FromConfiguration(nk.ApproxType, nk.KnobId);
        }
        return KnobIdentity.Fp32;
    }

    /// <summary>True for the un-approximated variant QoS compares against.</summary>
    public static bool IsReferenceName(string variant) => KnobIdentity.IsBaselineVariantName(variant);

    public static string? FindReference(BenchmarkDescriptor benchmark)
    {
        string? byKnob = benchmark.Knobs.Where(k => KnobIdentity.IsBaselineApprox(k.ApproxType))
            .Select(k => benchmark.Variants.FirstOrDefault(v => v == k.Name || v == new KnobIdentity(k.ApproxType, k.Id).VariantName))
            .FirstOrDefault(v => v is not null);
        return byKnob ?? benchmark.Variants.FirstOrDefault(IsReferenceName);
    }
}
