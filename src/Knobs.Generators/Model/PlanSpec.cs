using System;

namespace Knobs.Generators.Model;

/// <summary>What one op call becomes in a variant: a method of <see cref="Container"/>, plus appended arguments.</summary>
internal sealed record OpTarget(string Container, string Method, EquatableArray<string> Appended)
{
    public static OpTarget Original(OpCallSpec op) => new(op.Container, op.Method, EquatableArray<string>.Empty);
}

/// <summary>One generated variant: the knob and, per op index, the call it makes.</summary>
internal sealed record VariantSpec(KnobSpec Knob, EquatableArray<OpTarget> Targets)
{
    public string Name => Knob.VariantName;
}

/// <summary>Everything the emitter needs for one template's file.</summary>
internal sealed record TemplatePlan(TemplateSpec Template, EquatableArray<VariantSpec> Variants, ProfilingMode Mode);

/// <summary>A plan and the diagnostics planning produced (reported by a separate output step).</summary>
internal sealed record PlanResult(TemplatePlan Plan, EquatableArray<DiagnosticInfo> Diagnostics);
