using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;

namespace Knobs.Generators.Planning;

/// <summary>
/// Decides, per knob, what every op call of a template becomes (docs/generator.md, "Rewrites"): fp32 leaves ops as they are;
/// fp16 moves every op to its Half form; other knobs replace from-op calls by to-op calls with the knob's
/// call arguments appended, after the fp16 rewrite when the knob is an fp16 one or its from-op is a Half op.
/// Every rewritten call is checked against the to-op's overloads, so a generated variant always compiles.
/// </summary>
internal static class VariantPlanner
{
    public static PlanResult Plan(TemplateSpec template, EquatableArray<KnobSpec> knobs, ProfilingMode mode)
    {
        var catalog = new OpCatalog(template.Catalog);
        var diagnostics = new List<DiagnosticInfo>();
        var variants = new List<VariantSpec>();
        foreach (KnobSpec knob in knobs)
        {
            if (knob.Unsupported is not null) continue;
            OpTarget[]? targets = PlanKnob(template, catalog, knob, diagnostics);
            if (targets is null) continue;
            bool changed = targets.Where((t, i) => t != OpTarget.Original(template.Ops[i])).Any();
            if (!changed && knob.Rewrite != KnobRewrite.Baseline)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KnobChangesNothing, template.Location, knob.VariantName, template.Name));
                continue;
            }
            variants.Add(new VariantSpec(knob, targets.ToEquatableArray()));
        }
        foreach (OpCallSpec op in template.Ops)
        {
            OpTarget original = OpTarget.Original(op);
            if (variants.All(v => v.Targets[op.Index] == original))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpNotRewritable, op.Location, op.Method, op.Kind));
            }
        }
        return new PlanResult(new TemplatePlan(template, variants.ToEquatableArray(), mode), diagnostics.ToEquatableArray());
    }

    private static OpTarget[]? PlanKnob(TemplateSpec template, OpCatalog catalog, KnobSpec knob, List<DiagnosticInfo> diagnostics)
    {
        OpTarget[] targets = template.Ops.Select(OpTarget.Original).ToArray();
        if (knob.Rewrite == KnobRewrite.Baseline) return targets;

        bool fromIsHalf = knob.FromOp is not null && template.Ops.Any(op => catalog.Find(op.Container, knob.FromOp)?.IsHalf == true);
        if (knob.Rewrite == KnobRewrite.Precision || knob.Fp16 || fromIsHalf)
        {
            if (!ToHalf(template, catalog, knob, targets, diagnostics)) return null;
        }
        if (knob.Rewrite == KnobRewrite.Precision) return targets;

        foreach (OpCallSpec op in template.Ops)
        {
            OpTarget current = targets[op.Index];
            OpCatalogEntry? from = catalog.Find(op.Container, knob.FromOp!);
            if (from is null) continue;
            string fromName = knob.Fp16 && !from.IsHalf && from.Half is not null ? from.Half : from.Name;
            if (current.Method != fromName || !Applies(knob.AppliesTo, op)) continue;

            OpCatalogEntry? to = catalog.Find(op.Container, knob.ToOp!);
            if (to is not null && knob.Fp16 && !to.IsHalf && to.Half is not null) to = catalog.Find(op.Container, to.Half);
            string toName = to?.Name ?? knob.ToOp!;
            if (to is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ToOpNotFound, op.Location, knob.VariantName, fromName, toName, op.Container));
                return null;
            }
            int count = op.Arguments.Count + knob.CallArguments.Count;
            if (op.HasNamedArguments && knob.CallArguments.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedOpCall, op.Location, op.Method,
                    "knob " + knob.VariantName + " appends arguments, which cannot follow named arguments; pass the arguments by position"));
                return null;
            }
            if (!to.Accepts(count))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountMismatch, op.Location, knob.VariantName, toName,
                    count.ToString(CultureInfo.InvariantCulture), op.Method + " (line " + op.Line.ToString(CultureInfo.InvariantCulture) + ")"));
                return null;
            }
            targets[op.Index] = new OpTarget(op.Container, to.Name, knob.CallArguments);
        }
        return targets;
    }

    /// <summary>The fp16 rewrite: every op with a Half form calls it (softmax and ops without one stay fp32).</summary>
    private static bool ToHalf(TemplateSpec template, OpCatalog catalog, KnobSpec knob, OpTarget[] targets, List<DiagnosticInfo> diagnostics)
    {
        foreach (OpCallSpec op in template.Ops)
        {
            OpCatalogEntry? entry = catalog.Find(op.Container, op.Method);
            if (entry is null || entry.IsHalf || entry.Half is null) continue;
            OpCatalogEntry? half = catalog.Find(op.Container, entry.Half);
            if (half is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ToOpNotFound, op.Location, knob.VariantName, op.Method, entry.Half, op.Container));
                return false;
            }
            if (!half.Accepts(op.Arguments.Count))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountMismatch, op.Location, knob.VariantName, half.Name,
                    op.Arguments.Count.ToString(CultureInfo.InvariantCulture), op.Method + " (line " + op.Line.ToString(CultureInfo.InvariantCulture) + ")"));
                return false;
            }
            targets[op.Index] = new OpTarget(op.Container, half.Name, EquatableArray<string>.Empty);
        }
        return true;
    }

    /// <summary>HPVM's applies-to categories (conv, conv_fc, conv_fc_red, red, fc) or explicit op kinds / op names.</summary>
    internal static bool Applies(EquatableArray<string> appliesTo, OpCallSpec op)
    {
        if (appliesTo.Count == 0) return true;
        foreach (string target in appliesTo)
        {
            bool hit = target switch
            {
                "conv" => op.Kind == "conv",
                "fc" => op.Kind == "mul",
                "conv_fc" => op.Kind is "conv" or "mul",
                "conv_fc_red" => op.Kind is "conv" or "mul" or "red",
                "red" => op.Kind == "red",
                // A user op named with its class (MyOps.Dilated, a type's default from-op) matches its method name.
                _ => op.Kind == target || op.Method == target || op.Method == target.Substring(target.LastIndexOf('.') + 1),
            };
            if (hit) return true;
        }
        return false;
    }

    private sealed class OpCatalog
    {
        private readonly Dictionary<(string, string), OpCatalogEntry> _entries = new();

        public OpCatalog(EquatableArray<OpCatalogEntry> entries)
        {
            foreach (OpCatalogEntry entry in entries) _entries[(entry.Container, entry.Name)] = entry;
        }

        public OpCatalogEntry? Find(string container, string name) => _entries.TryGetValue((container, name), out OpCatalogEntry? entry) ? entry : null;
    }
}
