using System;
using System.Collections.Generic;
using Knobs.Tensors;

namespace Knobs.Runtime;

/// <summary>
/// One op call site of a template, as the generator numbered it (index is 0..n-1 in program order). <paramref name="Line"/>
/// counts from the line of <c>Run</c>'s name (1), so editing above <c>Run</c> changes neither it nor the generated code.
/// </summary>
public sealed record OpDescriptor(int Index, int NodeId, string NodeName, string OpKind, string OpName, string File, int Line);

/// <summary>One node (layer) of a template: HPVM's grouping of op calls (ids 1..n).</summary>
public sealed record NodeDescriptor(int Id, string Name, IReadOnlyList<string> OpKinds);

/// <summary>A knob as the generated registry knows it.</summary>
public sealed record KnobInfo(int Id, string Name, string ApproxType, IReadOnlyList<string> Parameters, double Speedup);

/// <summary>One knob chosen for one node: HPVM's `approx` name and integer (id for perf/samp kinds).</summary>
public readonly record struct NodeKnob(string ApproxType, int KnobId);

/// <summary>A runnable variant (or configuration) of a benchmark; created by the generated registry.</summary>
public abstract class BenchmarkVariant
{
    /// <summary>The template (benchmark) class name.</summary>
    public abstract string Benchmark { get; }
    /// <summary>Variant name as `app list` prints it: <c>fp32_11</c>, <c>fp16_12</c>, <c>perf_121</c>, … .</summary>
    public abstract string Name { get; }
    /// <summary>The knob this variant applies; null for a per-node configuration.</summary>
    public abstract KnobInfo? Knob { get; }
    /// <summary>The op call sites in this variant (the profiler sizes its slots from this; op index = position).</summary>
    public abstract IReadOnlyList<OpDescriptor> Ops { get; }
    /// <summary>The benchmark's input for a batch of <paramref name="batch"/> (deterministic: the runner and QoS rely on it).</summary>
    public abstract Tensor Input(int batch);
    /// <summary>One inference: the template's <c>Run</c> with this variant's rewrites and hooks.</summary>
    public abstract Tensor Run(Tensor input);
    /// <summary>
    /// The row of choices the variant runs (which call each op site makes, and where each node is placed); null for a
    /// variant that is not a row of a generated switched <c>Run</c>.
    /// </summary>
    public virtual RunChoices? Choices => null;
}

/// <summary>
/// A benchmark template and everything generated for it: <paramref name="CreateVariant"/> creates a variant by its
/// name (one of <paramref name="Variants"/>); <paramref name="CreateConfiguration"/> creates a per-node configuration
/// (one <see cref="NodeKnob"/> per node, node 1 first) under the given name. <see cref="Labelled"/>, when set, gives the
/// benchmark's labelled test inputs, on which the runner measures each variant's accuracy.
/// </summary>
public sealed record BenchmarkDescriptor(
    string Name,
    bool Classifier,
    IReadOnlyList<NodeDescriptor> Nodes,
    IReadOnlyList<KnobInfo> Knobs,
    IReadOnlyList<string> Variants,
    Func<string, BenchmarkVariant> CreateVariant,
    Func<string, IReadOnlyList<NodeKnob>, BenchmarkVariant> CreateConfiguration)
{
    /// <summary>The template's labelled inputs (its <c>Labelled()</c> method); null when it has none.</summary>
    public Func<LabelledSet>? Labelled { get; init; }
}

/// <summary>What the generated registry implements; the generated entry point passes it to <c>Runner.Main</c>.</summary>
public interface IBenchmarkRegistry
{
    /// <summary>Every benchmark of the app, in a stable order.</summary>
    IReadOnlyList<BenchmarkDescriptor> Benchmarks { get; }
}
