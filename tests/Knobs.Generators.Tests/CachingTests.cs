using System.Collections.Generic;
using System.Linq;
using Knobs.Generators.Model;
using Knobs.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Knobs.Generators.Tests;

/// <summary>The pipeline is incremental: unrelated edits regenerate nothing, a template edit only that template.</summary>
public sealed class CachingTests
{
    private const string Unrelated = "namespace Demo.Other { public static class Helper { public static int Value => 1; } }";

    [Fact]
    public void UnrelatedEditLeavesEveryOutputCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Library(Templates.LeNet, TestTables.TinyNet, Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, Edit(compilation, 2, Unrelated.Replace("=> 1", "=> 2")));

        // Reading Run's body and building each template from its resolved calls did not even run: their inputs were unchanged.
        Assert.All(Reasons(second, StepNames.TemplateSyntax), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(second, StepNames.TemplateBuild), r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        string[] steps =
        {
            StepNames.TemplateParse, StepNames.TemplateSyntax, StepNames.SourceOps, StepNames.GlobalUsings, StepNames.TemplateResolve, StepNames.TemplateBuild,
            StepNames.Templates, StepNames.Plans, StepNames.PlanSources, StepNames.Registry, StepNames.KnobSet,
        };
        foreach (string step in steps)
        {
            Assert.All(Reasons(second, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
        }
        Assert.All(second.Result.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void EditingOneTemplateRegeneratesOnlyItsVariants()
    {
        CSharpCompilation compilation = GeneratorHarness.Library(Templates.LeNet, TestTables.TinyNet);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        string edited = TestTables.TinyNet.Replace("return Softmax(y);", "y = Tanh(y);\n        return Softmax(y);");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, Edit(compilation, 1, edited));

        var plans = second.Result.Results.Single().TrackedSteps[StepNames.PlanSources].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, plans.Count);
        Assert.Single(plans, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(plans, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("TinyNet", ((TemplatePlan)plans.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value).Template.Name);
    }

    [Fact]
    public void EditingAKnobTableRegeneratesVariantsButNotTheTemplateParse()
    {
        CSharpCompilation compilation = GeneratorHarness.Library(TestTables.TinyNet);
        InMemoryText table = TestTables.HpvmRows(11, 12, 121);
        GeneratorDriver driver = GeneratorHarness.Driver(new[] { table });
        GeneratorRun first = GeneratorHarness.Run(driver, compilation);

        GeneratorDriver edited = first.Driver.ReplaceAdditionalText(table, TestTables.HpvmRows(11, 12, 121, 122));
        GeneratorRun second = GeneratorHarness.Run(edited, compilation);

        foreach (string step in new[] { StepNames.TemplateParse, StepNames.TemplateSyntax, StepNames.TemplateResolve, StepNames.TemplateBuild })
        {
            Assert.All(Reasons(second, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
        }
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, StepNames.PlanSources));
        Assert.Contains("\"perf_122\"", second.Source("TinyNet.Knobs.g.cs"));
    }

    [Fact]
    public void EditingAnOpTypeInAnotherFileReachesTheTemplateThatCallsIt()
    {
        string source = TestTables.CustomOpTemplate;
        int split = source.IndexOf("[KnobBenchmark", System.StringComparison.Ordinal);
        string ops = source.Substring(0, split);
        string template = Templates.Usings + "namespace Demo.Custom;\n\n" + source.Substring(split);
        CSharpCompilation compilation = GeneratorHarness.Library(ops, template);
        GeneratorDriver driver = GeneratorHarness.Driver(new[] { TestTables.ShiftYaml() });
        GeneratorRun first = GeneratorHarness.Run(driver, compilation);
        Assert.Contains("\"shift_500\"", first.Source("ShiftNet.Knobs.g.cs"));

        // The to-op now takes one more parameter: the knob's arguments no longer fit (KNB0109), so no shift variant.
        string changed = ops.Replace("int pad, int skip)", "int pad, int skip, int offset)").Replace("1, 1, skip, 0)", "1, 1, skip, offset)");
        Assert.NotEqual(ops, changed);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, Edit(compilation, 0, changed));

        Assert.All(Reasons(second, StepNames.TemplateSyntax), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, StepNames.TemplateResolve));
        Assert.DoesNotContain("\"shift_500\"", second.Source("ShiftNet.Knobs.g.cs"));
        Assert.NotEmpty(second.WithId("KNB0109"));
        Assert.Empty(second.CompileProblems());
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string step)
    {
        var steps = run.Result.Results.Single().TrackedSteps;
        Assert.True(steps.ContainsKey(step), "step " + step + " did not run");
        return steps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, int index, string newText)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newText, GeneratorHarness.ParseOptions, old.FilePath));
    }
}
