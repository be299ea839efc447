using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;

namespace Knobs.Generators.Planning;

/// <summary>Checks that need every template at once: knobs whose from-op exists nowhere, duplicate benchmark names.</summary>
internal static class CrossChecks
{
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<TemplateSpec> templates, KnobSetSpec knobSet)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (templates.IsDefaultOrEmpty) return diagnostics.ToEquatableArray();

        var opNames = new HashSet<string>(templates.SelectMany(t => t.Catalog).Select(e => e.Name), System.StringComparer.Ordinal);
        for (int i = 0; i < knobSet.Knobs.Count; i++)
        {
            KnobSpec knob = knobSet.Knobs[i];
            if (knob.Unsupported is not null || knob.Rewrite != KnobRewrite.Replace) continue;
            if (knob.FromOp is null || !opNames.Contains(knob.FromOp))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromOpNotFound, knobSet.Locations[i].Location, knob.VariantName, knob.FromOp ?? "(none)"));
            }
        }
        foreach (var group in templates.GroupBy(t => t.Name).Where(g => g.Count() > 1))
        {
            foreach (TemplateSpec template in group.Skip(1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateBenchmarkName, template.Location, template.Name));
            }
        }
        return diagnostics.ToEquatableArray();
    }
}
