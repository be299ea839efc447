using System;
using System.Collections.Immutable;
using System.Linq;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Emitting;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Knobs.Generators.Planning;
using Knobs.Generators.Resolving;
using Knobs.Generators.Tables;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators;

/// <summary>
/// Turns every <c>[KnobBenchmark]</c> template × every applicable knob of the project's knob tables into an
/// instrumented variant (docs/generator.md). Pipeline: templates (ForAttributeWithMetadataName → TemplateSyntax, resolved
/// against the compilation → TemplateResolution, built → TemplateSpec) and knob tables (AdditionalFiles with KnobsKnobTable=true → KnobSpec) meet in the planner; the emitters write text.
/// Source and diagnostics are separate outputs, so a diagnostic change never regenerates code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KnobsGenerator : IIncrementalGenerator
{
    private const string TableMetadata = "build_metadata.AdditionalFiles.KnobsKnobTable";
    private const string ProfilingProperty = "build_property.KnobsProfiling";
    private const string HelpLinkRootProperty = "build_property.KnobsHelpLinkRoot";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Per template, declaration facts and Run's text: Roslyn re-runs this transform on every compilation, so it must
        // stay cheap. Run's body is read in the next step, which re-runs only when the template changed.
        IncrementalValuesProvider<TemplateSyntaxResult> syntax = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.KnobBenchmarkAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => TemplateSyntaxParser.Parse(ctx, ct))
            .WithTrackingName(StepNames.TemplateParse);

        // Per compilation: the names of the project's own [TensorOp] methods and every global using directive.
        IncrementalValueProvider<EquatableArray<string>> sourceOps = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.TensorOpAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.Name)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.SourceOps);
        IncrementalValueProvider<EquatableArray<UsingSpec>> globalUsings = context.CompilationProvider
            .Select(static (c, ct) => ScopeReader.GlobalUsings(c, ct))
            .WithTrackingName(StepNames.GlobalUsings);

        // Calls resolved against the compilation, all templates in one pass so that those with the same scope share
        // lookups (symbol-table lookups; binding only for templates that need it). Each result equals the previous one
        // on an unrelated edit, so the build below stays cached.
        IncrementalValuesProvider<TemplateSyntax> bodies = syntax
            .Where(static r => r.Template is not null)
            .Select(static (r, ct) => TemplateSyntaxReader.Read(r.Template!, ct))
            .WithTrackingName(StepNames.TemplateSyntax);

        IncrementalValuesProvider<TemplateResolution> resolved = bodies
            .Collect()
            .Combine(sourceOps)
            .Combine(globalUsings)
            .Combine(context.CompilationProvider)
            .SelectMany(static (p, ct) => TemplateResolver.ResolveAll(p.Left.Left.Left, p.Left.Left.Right, p.Left.Right, p.Right, ct))
            .WithTrackingName(StepNames.TemplateResolve);

        IncrementalValuesProvider<TemplateParseResult> parses = resolved
            .Select(static (r, ct) => TemplateBuilder.Build(r, ct))
            .WithTrackingName(StepNames.TemplateBuild);

        IncrementalValuesProvider<TemplateSpec> templates = parses
            .Where(static r => r.Template is not null)
            .Select(static (r, _) => r.Template!)
            .WithTrackingName(StepNames.Templates);

        IncrementalValueProvider<KnobSetSpec> knobSet = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static p => p.Right.GetOptions(p.Left).TryGetValue(TableMetadata, out string? v) && string.Equals(v?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            .Select(static (p, ct) => new KnobTableFile(p.Left.Path, p.Left.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(StepNames.TableFiles)
            .Collect()
            .Select(static (files, _) => KnobSetLoader.Load(files))
            .WithTrackingName(StepNames.KnobSet);

        IncrementalValueProvider<EquatableArray<KnobSpec>> knobs = knobSet.Select(static (s, _) => s.Knobs);

        IncrementalValueProvider<ProfilingSetting> profiling = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) => ReadProfiling(o.GlobalOptions))
            .WithTrackingName(StepNames.Profiling);

        IncrementalValuesProvider<PlanResult> plans = templates
            .Combine(knobs)
            .Combine(profiling.Select(static (p, _) => p.Mode))
            .Select(static (input, _) => VariantPlanner.Plan(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(StepNames.Plans);

        IncrementalValuesProvider<TemplatePlan> planSources = plans
            .Select(static (r, _) => r.Plan)
            .WithTrackingName(StepNames.PlanSources);

        context.RegisterSourceOutput(planSources, static (spc, plan) =>
            spc.AddSource(plan.Template.HintName + ".Knobs.g.cs", SourceText.From(TemplateEmitter.Emit(plan), System.Text.Encoding.UTF8)));

        IncrementalValueProvider<EntryPointFacts> entryFacts = context.CompilationProvider
            .Select(static (c, _) => (Exe: c.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication,
                                      Runner: c.GetTypeByMetadataName(KnownNames.Runner) is not null))
            .Combine(context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => IsMainCandidate(node), static (_, _) => true)
                .Collect()
                .Select(static (mains, _) => mains.Length > 0))
            .Select(static (p, _) => new EntryPointFacts(p.Left.Exe, p.Right, p.Left.Runner))
            .WithTrackingName(StepNames.EntryPoint);

        IncrementalValueProvider<RegistrySpec> registry = templates
            .Select(static (t, _) => new BenchmarkRef(t.Name, t.FullName, t.Location))
            .Collect()
            .Combine(entryFacts)
            .Select(static (p, _) => new RegistrySpec(
                p.Left.OrderBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.FullName, StringComparer.Ordinal).ToEquatableArray(),
                p.Left.Length > 0 && p.Right.IsExecutable && !p.Right.HasMain && p.Right.HasRunner))
            .WithTrackingName(StepNames.Registry);

        context.RegisterSourceOutput(registry, static (spc, r) =>
        {
            if (r.Benchmarks.Count == 0) return;
            spc.AddSource("KnobsRegistry.g.cs", SourceText.From(RegistryEmitter.Emit(r), System.Text.Encoding.UTF8));
        });

        // Diagnostics: separate outputs over diagnostic-only values, each with the help-link root (KnobsHelpLinkRoot).
        IncrementalValueProvider<string> helpLinkRoot = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) => o.GlobalOptions.TryGetValue(HelpLinkRootProperty, out string? root) ? root?.Trim() ?? "" : "")
            .WithTrackingName(StepNames.HelpLinkRoot);
        context.RegisterSourceOutput(syntax.Select(static (r, _) => r.Diagnostics).Combine(helpLinkRoot), static (spc, p) => Report(spc, p.Left, p.Right));
        context.RegisterSourceOutput(parses.Select(static (r, _) => r.Diagnostics).Combine(helpLinkRoot), static (spc, p) => Report(spc, p.Left, p.Right));
        context.RegisterSourceOutput(plans.Select(static (r, _) => r.Diagnostics).Combine(helpLinkRoot), static (spc, p) => Report(spc, p.Left, p.Right));
        context.RegisterSourceOutput(knobSet.Select(static (s, _) => s.Diagnostics).Combine(helpLinkRoot), static (spc, p) => Report(spc, p.Left, p.Right));
        context.RegisterSourceOutput(profiling.Combine(helpLinkRoot), static (spc, p) =>
        {
            if (p.Left.InvalidValue is not null) spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidProfilingMode, null, p.Left.InvalidValue).ToDiagnostic(p.Right));
        });
        context.RegisterSourceOutput(templates.Collect().Combine(knobSet).Combine(helpLinkRoot),
            static (spc, p) => Report(spc, CrossChecks.Check(p.Left.Left, p.Left.Right), p.Right));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, string helpLinkRoot)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic(helpLinkRoot));
    }

    private static ProfilingSetting ReadProfiling(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue(ProfilingProperty, out string? value) || string.IsNullOrWhiteSpace(value)) return new ProfilingSetting(ProfilingMode.PerTensor, null);
        foreach (ProfilingMode mode in new[] { ProfilingMode.PerTensor, ProfilingMode.Total })
        {
            if (string.Equals(value!.Trim(), mode.ToString(), StringComparison.OrdinalIgnoreCase)) return new ProfilingSetting(mode, null);
        }
        return new ProfilingSetting(ProfilingMode.PerTensor, value);
    }

    private static bool IsMainCandidate(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword),
        GlobalStatementSyntax => true,
        _ => false,
    };
}
