using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Knobs.Generators.Resolving;
using Knobs.Generators.Tests.Harness;
using Knobs.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Knobs.Generators.Tests;

/// <summary>
/// Calls are resolved without binding (so an edit anywhere costs little) exactly when that is certain; a template
/// with a call the fast resolver cannot settle is bound instead, and both paths give the binder's answer.
/// </summary>
public sealed class ResolutionTests
{
    private static string Net(string ns, string members, string run, string usings = Templates.Usings) => usings + "namespace " + ns + ";\n"
        + members + "\n[KnobBenchmark]\npublic partial class Net\n{\n"
        + "    private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);\n"
        + "    private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);\n"
        + "    public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);\n"
        + "    public Tensor Run(Tensor x)\n    {\n" + run + "\n    }\n}\n";

    [Fact]
    public void TestTemplatesResolveWithoutBinding()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Templates.LeNet, Templates.ResNet18(), Templates.MobileNet(), TestTables.TinyNet, TestTables.CustomOpTemplate),
            new[] { TestTables.ShiftYaml() });

        IReadOnlyList<TemplateResolution> resolutions = run.Resolutions();
        Assert.Equal(5, resolutions.Count);
        Assert.All(resolutions, r => Assert.False(r.Semantic, r.Syntax.Name + " was bound"));
        Assert.Equal(new[] { "ShiftConv", "Add", "Relu" }, run.Templates().Single(t => t.Name == "ShiftNet").Ops.Select(o => o.Method));
    }

    [Fact]
    public void SampleTemplatesResolveWithoutBinding()
    {
        string samples = Path.Combine(RepoPaths.Root, "samples");
        string[] sources = Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .Select(File.ReadAllText).ToArray();
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(sources));

        IReadOnlyList<TemplateResolution> resolutions = run.Resolutions();
        Assert.Equal(8, resolutions.Count); // HPVM's six, lenet_digits and custom_accel_op
        Assert.All(resolutions, r => Assert.False(r.Semantic, r.Syntax.Name + " was bound"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void CallsOnValuesWhoseNameIsNoOpStayOnTheFastPath()
    {
        string source = Net("Demo", "", "        float[] data = x.ToArray();\n        int n = data.Length + x.Shape.Length;\n        return Softmax(x);");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void AliasesAndEnclosingNamespacesResolveQualifiedOps()
    {
        string source = Net("Knobs.Lab", "", "        x = K.Relu(x);\n        x = Tensors.Ops.Tanh(x);\n        return Softmax(x);",
            Templates.Usings + "using K = Knobs.Tensors.Ops;\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Relu", "Tanh", "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ATypeOfTheTemplatesNamespaceHidesAnImportedOneOfTheSameName()
    {
        string ops = "public static class Ops { public static Tensor Relu(Tensor t) => t; }";
        string source = Net("Demo", ops, "        x = Ops.Relu(x);\n        return Softmax(x);");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ATemplateMemberThatHidesAnOpIsBoundAndIsNoOp()
    {
        string source = Net("Demo", "", "        x = Relu(x);\n        return Softmax(x);").Replace("    public Tensor Run(", "    private Tensor Relu(Tensor t) => t;\n    public Tensor Run(");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.True(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ANestedTypeOfTheTemplateHidesAnImportedOneOfTheSameName()
    {
        string source = Net("Demo", "", "        x = Ops.Relu(x);\n        return Softmax(x);")
            .Replace("    public Tensor Run(", "    private static class Ops { public static Tensor Relu(Tensor t) => t; }\n    public Tensor Run(");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.True(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void OverloadsImportedFromTwoTypesAreBoundAndResolveAsTheCompilerDoes()
    {
        string helpers = "public static class Scalar { public static float Tanh(float v) => v; }";
        string source = Net("Demo", helpers, "        float s = Tanh(0.5f);\n        x = Tanh(x);\n        return Softmax(x);", Templates.Usings + "using static Demo.Scalar;\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.True(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "Tanh", "Softmax" }, run.Templates().Single().Ops.Select(o => o.Method));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void NodeMarkerCompilesInAnyNamespace()
    {
        string source = Net("MyLab.Benchmarks", "", "        x = Convolution(x, w, 1, 1, 1, 1);\n        x = Add(x, b);\n        Knobs.Node(\"head\");\n        x = Relu(x);\n        return Softmax(x);");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        TemplateSpec template = run.Templates().Single();
        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "node1:conv,add", "head:relu,softmax" }, template.Nodes.Select(n => n.Name + ":" + string.Join(",", n.Ops.Select(i => template.Ops[i].Kind))));
        Assert.Contains("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void NodeMarkerUnderTheKnobsNamespaceGetsTheForwarderToo()
    {
        string source = Net("Knobs.Lab", "", "        Knobs.Node(\"body\");\n        x = Relu(x);\n        return Softmax(x);");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "body" }, run.Templates().Single().Nodes.Select(n => n.Name));
        Assert.Contains("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void NodeMarkerWinsOverATypeOrAliasNamedKnobs()
    {
        string other = "public static class Knobs { public static void Node(string name) { } }";
        string source = Net("MyLab.Benchmarks", other, "        Knobs.Node(\"body\");\n        x = Relu(x);\n        return Softmax(x);");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "body" }, run.Templates().Single().Nodes.Select(n => n.Name));
        Assert.Contains("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Theory]
    [InlineData("NodeMarker.Node(\"body\");", "")]
    [InlineData("global::Knobs.NodeMarker.Node(\"body\");", "")]
    [InlineData("Node(\"body\");", "using static Knobs.NodeMarker;\n")]
    public void DirectMarkerCallsNeedNoForwarder(string marker, string usings)
    {
        string source = Net("MyLab.Benchmarks", "", "        " + marker + "\n        x = Relu(x);\n        return Softmax(x);", Templates.Usings + usings);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.False(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "body" }, run.Templates().Single().Nodes.Select(n => n.Name));
        Assert.DoesNotContain("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ATemplateMemberNamedKnobsGetsNoForwarderAndIsNoMarker()
    {
        string source = Net("MyLab.Benchmarks", "", "        Knobs.Node(\"body\");\n        x = Relu(x);\n        return Softmax(x);")
            .Replace("    public Tensor Run(", "    private static class Knobs { public static void Node(string name) { } }\n    public Tensor Run(");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.Equal(new[] { "node1", "node2" }, run.Templates().Single().Nodes.Select(n => n.Name));
        Assert.DoesNotContain("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void NodeMarkerInABoundTemplateGetsTheForwarderToo()
    {
        const string extensions = """
            public static class TensorExtensions
            {
                [TensorOp("relu", Half = nameof(HalfRelu))]
                public static Tensor Relu(this Tensor x) => Knobs.Tensors.Ops.Relu(x);

                [TensorOp("relu", IsHalf = true)]
                public static Tensor HalfRelu(this Tensor x) => Knobs.Tensors.Ops.HalfRelu(x);
            }
            """;
        const string node = "const string Name = \"head\";";
        string source = Net("MyLab.Benchmarks", extensions, "        Knobs.Node(Name);\n        x = x.Relu();\n        return Softmax(x);")
            .Replace("    public Tensor Run(", "    " + node + "\n    public Tensor Run(");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source), new[] { TestTables.HpvmRows(11, 12) });

        Assert.True(run.Resolutions().Single().Semantic);
        Assert.Equal(new[] { "head" }, run.Templates().Single().Nodes.Select(n => n.Name));
        Assert.Contains("private static class Knobs", run.Source("Net.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }
}

/// <summary>The fast path is an optimisation only: on every template it settles, binding gives the same model.</summary>
public sealed class ResolutionEquivalenceTests
{
    [Fact]
    public void FastPathBuildsTheSameModelAsBindingForTestTemplates()
        => AssertPathsAgree(Templates.LeNet, Templates.ResNet18(), Templates.MobileNet(), TestTables.TinyNet, TestTables.CustomOpTemplate);

    [Fact]
    public void FastPathBuildsTheSameModelAsBindingForSampleTemplates()
        => AssertPathsAgree(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .Select(File.ReadAllText).ToArray());

    [Fact]
    public void FastPathBuildsTheSameModelAsBindingForNodeMarkersInAnyNamespace()
    {
        string run = "    public Tensor Run(Tensor x)\n    {\n        x = Convolution(x, w, 1, 1, 1, 1);\n        x = Add(x, b);\n        Knobs.Node(\"head\");\n        x = Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2);\n        return Softmax(x);\n    }";
        string Net(string ns) => Templates.Usings + "namespace " + ns + ";\n[KnobBenchmark]\npublic partial class Net\n{\n"
            + "    private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);\n    private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);\n"
            + "    public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);\n" + run + "\n}\n";
        AssertPathsAgree(Net("MyLab.Benchmarks"));
        AssertPathsAgree(Net("Knobs.Lab"));
        AssertPathsAgree(Net("MyLab.Direct").Replace("Knobs.Node(", "NodeMarker.Node("));
    }

    private static void AssertPathsAgree(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Library(sources);
        GeneratorRun run = GeneratorHarness.Run(compilation);
        IReadOnlyList<TemplateSyntax> templates = run.Result.Results.Single().TrackedSteps[StepNames.TemplateSyntax]
            .SelectMany(s => s.Outputs).Select(o => (TemplateSyntax)o.Value).ToList();
        Assert.NotEmpty(templates);
        var context = new ResolutionContext(compilation, EquatableArray<string>.Empty, ScopeReader.GlobalUsings(compilation, default));
        foreach (TemplateSyntax template in templates)
        {
            TemplateResolution fast = TemplateResolver.Resolve(template, context, default);
            TemplateResolution bound = TemplateResolver.ResolveByBinding(template, context, default);
            Assert.False(fast.Semantic, template.Name + " was not settled by the fast path");
            Assert.True(bound.Semantic);
            Assert.Equal(bound.Calls, fast.Calls);
            Assert.Equal(bound.Catalog, fast.Catalog);
            TemplateSpec? fromFast = TemplateBuilder.Build(fast, default).Template;
            Assert.NotNull(fromFast);
            Assert.Equal(TemplateBuilder.Build(bound, default).Template, fromFast);
        }
    }
}
