using System;
using System.Globalization;
using System.Linq;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Tests;

/// <summary>What the user can get wrong is a KNB diagnostic at the right place, never broken generated code.</summary>
public sealed class DiagnosticTests
{
    private static string Template(string run, string modifiers = "public partial class") => Templates.Usings + "namespace Demo;\n[KnobBenchmark]\n" + modifiers + " Net\n{\n"
        + "    private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);\n"
        + "    private readonly Tensor b = Tensor.Random([1, 4, 1, 1], seed: 2);\n"
        + "    public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);\n"
        + run + "\n}\n";

    private const string SimpleRun = "    public Tensor Run(Tensor x) => Relu(Add(Convolution(x, w, 1, 1, 1, 1), b));";

    [Fact]
    public void TemplateThatIsNotPartialIsKnb0101()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun, "public class")));

        Diagnostic d = Assert.Single(run.WithId("KNB0101"));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Empty(run.Result.GeneratedTrees);
    }

    [Fact]
    public void TemplateWithoutRunIsKnb0102()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template("")));

        Assert.Single(run.WithId("KNB0102"));
    }

    [Fact]
    public void OpCallInsideALoopIsKnb0104NamingTheLoop()
    {
        string loop = "    public Tensor Run(Tensor x)\n    {\n        for (int i = 0; i < 2; i++)\n        {\n            x = Relu(x);\n        }\n        return x;\n    }";
        string source = Template(loop);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Diagnostic d = Assert.Single(run.WithId("KNB0104"));
        Assert.Contains("a for loop", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        int forLine = System.Array.FindIndex(source.Split('\n'), l => l.TrimStart().StartsWith("for (", System.StringComparison.Ordinal)) + 1;
        Assert.Equal(forLine, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(run.Result.GeneratedTrees);
    }

    [Fact]
    public void OpCallInsideALambdaOrConditionalIsKnb0104()
    {
        string lambda = "    public Tensor Run(Tensor x)\n    {\n        System.Func<Tensor, Tensor> f = t => Relu(t);\n        return x.Shape.Length > 2 ? Tanh(x) : f(x);\n    }";
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(lambda)));

        string[] messages = run.WithId("KNB0104").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains(messages, m => m.Contains("a lambda"));
        Assert.Contains(messages, m => m.Contains("a conditional expression"));
    }

    [Fact]
    public void StatementsWithoutOpCallsAreCopiedAsWritten()
    {
        string run = "    public Tensor Run(Tensor x)\n    {\n        if (x is null) throw new System.ArgumentNullException(nameof(x));\n        var y = Relu(x);\n        return y;\n    }";
        GeneratorRun result = GeneratorHarness.Run(GeneratorHarness.Library(Template(run)));

        Assert.Empty(result.WithId("KNB0104"));
        Assert.Contains("if (x is null) throw new System.ArgumentNullException(nameof(x));", result.Source("Net.Knobs.g.cs"));
        Assert.Empty(result.CompileProblems());
    }

    [Fact]
    public void KnobWhoseArgumentsDoNotFitTheToOpIsKnb0109AndGeneratesNoVariant()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.CustomOpTemplate), new[] { TestTables.ShiftYaml("\"{skip}, 0\"") });

        Assert.Equal(2, run.WithId("KNB0109").Count());
        string source = run.Source("ShiftNet.Knobs.g.cs");
        Assert.DoesNotContain("\"shift_500\"", source);
        Assert.Contains("\"fp32_11\"", source);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void KnobThatChangesNothingIsKnb0106Info()
    {
        string mlp = "    public Tensor Run(Tensor x) => Softmax(Add(Gemm(x, w), b));";
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(mlp)), new[] { TestTables.HpvmRows(11, 121) });

        Diagnostic d = Assert.Single(run.WithId("KNB0106"));
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("perf_121", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("\"perf_121\"", run.Source("Net.Knobs.g.cs"));
    }

    [Fact]
    public void UnsupportedKnobTypesAreKnb0107InfoWithTheReason()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)));

        Diagnostic[] infos = run.WithId("KNB0107").ToArray();
        Assert.Equal(13, infos.Length); // red_samp 41–46 and swing_level 1–7 of the HPVM table
        Assert.All(infos, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.DoesNotContain("red_samp", run.Source("Net.Knobs.g.cs"));
    }

    [Fact]
    public void SoftmaxIsReportedAsAnOpNoKnobRewrites()
    {
        string run = "    public Tensor Run(Tensor x) => Softmax(Relu(x));";
        GeneratorRun result = GeneratorHarness.Run(GeneratorHarness.Library(Template(run)));

        Diagnostic d = Assert.Single(result.WithId("KNB0105"));
        Assert.Contains("Softmax", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void KnobTableErrorIsReportedAtTheTablesFileAndLine()
    {
        var table = new InMemoryText("/proj/knobs.txt", "fp32,11\t-1\t1.0\ttensorConvolution\ttensorConvApprox\tdev\tconv_fc_red\nperf,121\t1,2,0\tfast\ttensorConvolution\ttensorConvApprox\tdev\tconv\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { table });

        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("KNB00", error.Id);
        FileLinePositionSpan span = error.Location.GetLineSpan();
        Assert.Equal("/proj/knobs.txt", span.Path);
        Assert.Equal(2, span.StartLinePosition.Line + 1);
    }

    [Fact]
    public void KnobTableErrorHasTheCatalogTitleCategoryAndHelpLink()
    {
        var table = new InMemoryText("/proj/knobs.txt", "fp32,11\t-1\t1.0\ttensorConvolution\ttensorConvApprox\tdev\tconv_fc_red\nperf,121\t1,2,0\tfast\ttensorConvolution\ttensorConvApprox\tdev\tconv\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { table });

        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("KNB0008", error.Id);
        Assert.Equal("Invalid speedup", error.Descriptor.Title.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Knobs.KnobTables", error.Descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Error, error.Descriptor.DefaultSeverity);
        Assert.Equal("https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics/KNB0008.md", error.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void KnobsHelpLinkRootMovesEveryHelpLink()
    {
        var table = new InMemoryText("/proj/knobs.txt", "fp32,11\t-1\tfast\ttensorConvolution\ttensorConvApprox\tdev\tconv_fc_red\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun, "public class")), new[] { table }, "PerOp", "https://docs.example.org/knobs/");

        Assert.NotEmpty(run.Diagnostics);
        Assert.Contains(run.Diagnostics, d => d.Id == "KNB0101");
        Assert.Contains(run.Diagnostics, d => d.Id == "KNB0111");
        Assert.Contains(run.Diagnostics, d => d.Id.StartsWith("KNB00", StringComparison.Ordinal));
        Assert.All(run.Diagnostics, d => Assert.Equal("https://docs.example.org/knobs/" + d.Id + ".md", d.Descriptor.HelpLinkUri));
    }

    [Fact]
    public void GeneratorDescriptorsAreTheCatalogs()
    {
        foreach (DiagnosticDescriptor d in DiagnosticDescriptors.All)
        {
            DiagnosticDescriptor same = DiagnosticDescriptors.ById(d.Id);
            Assert.Same(d, same);
            Assert.Matches("^KNB01[0-9]{2}$", d.Id);
            Assert.Equal("https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics/" + d.Id + ".md", d.HelpLinkUri);
        }
        Assert.Equal(17, DiagnosticDescriptors.All.Count());
    }

    [Fact]
    public void UnknownProfilingModeIsKnb0111()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), null, "PerOp");

        Assert.Single(run.WithId("KNB0111"));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("none")]
    public void ProfilingModeNoneIsKnb0111AndGeneratesPerTensorHooks(string value)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet), new[] { TestTables.HpvmRows(11, 12, 121, 261) }, value);

        Diagnostic diagnostic = Assert.Single(run.WithId("KNB0111"));
        Assert.Contains(value, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("global::Knobs.Runtime.Profiler.Begin()", run.Source("TinyNet.Knobs.g.cs"));
    }

    [Fact]
    public void TemplateWithoutInputIsKnb0103()
    {
        string source = Templates.Usings + "namespace Demo;\n[KnobBenchmark]\npublic partial class Net\n{\n    public Tensor Run(Tensor x) => Relu(x);\n}\n";
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.Single(run.WithId("KNB0103"));
    }

    [Fact]
    public void TemplateWithoutParameterlessConstructorIsKnb0113()
    {
        string run = "    public Net(int seed) { }\n" + SimpleRun;
        GeneratorRun result = GeneratorHarness.Run(GeneratorHarness.Library(Template(run)));

        Assert.Single(result.WithId("KNB0113"));
        Assert.Empty(result.Result.GeneratedTrees);
    }

    [Fact]
    public void TwoTemplatesWithTheSameClassNameAreKnb0115()
    {
        string other = Template(SimpleRun).Replace("namespace Demo;", "namespace Demo.Other;");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun), other));

        Assert.Single(run.WithId("KNB0115"));
    }

    [Fact]
    public void KnobWhoseFromOpExistsNowhereIsKnb0108AtTheTableLine()
    {
        var yaml = new InMemoryText("/proj/ghost.yaml", """
            types:
              - name: ghost
                from: GhostConv
                to: GhostConvApprox
                parameters: [rate]
                arguments: "{rate}"
            knobs:
              - {type: fp32, id: 11, speedup: 1.0}
              - {type: ghost, id: 700, parameters: [2], speedup: 2.0}
            """);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { yaml });

        Diagnostic d = Assert.Single(run.WithId("KNB0108"));
        Assert.Equal("/proj/ghost.yaml", d.Location.GetLineSpan().Path);
        Assert.Contains("GhostConv", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UnsupportedRowOfAUserTableIsReportedOnce()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { TestTables.HpvmRows(11, 41) });

        Diagnostic[] atRow = run.Diagnostics.Where(d => d.Location.GetLineSpan().Path == "/proj/knobs.txt" && d.Location.GetLineSpan().StartLinePosition.Line == 1).ToArray();
        Assert.Single(atRow);
        Assert.Equal(DiagnosticSeverity.Info, atRow[0].Severity);
        Assert.DoesNotContain("red_samp", run.Source("Net.Knobs.g.cs"));
    }

    [Theory]
    [InlineData("\"(float)System.Diagnostics.Process.Start(\\\"touch\\\", \\\"PWNED\\\").Id * 0f + 0.5f\"")]
    [InlineData("\"{rate}\\n#error injected\"")]
    [InlineData("\"{rate} // rest of the call\"")]
    public void AnArgumentTemplateThatIsCodeIsKnb0018AtTheTemplateAndNothingOfItIsGenerated(string arguments)
    {
        var yaml = new InMemoryText("/proj/evil.yaml",
            "types:\n  - name: evil\n    from: Convolution\n    to: ConvApprox\n    parameters: [rate]\n    arguments: " + arguments + "\n" +
            "knobs:\n  - {type: fp32, id: 11, speedup: 1.0}\n  - {type: evil, id: 700, parameters: [2], speedup: 2.0}\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { yaml });

        Diagnostic d = Assert.Single(run.WithId("KNB0018"));
        Assert.Equal("/proj/evil.yaml", d.Location.GetLineSpan().Path);
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Empty(run.CompileProblems());
        foreach (string source in run.GeneratedSources) Assert.DoesNotContain("PWNED", source);
        foreach (string source in run.GeneratedSources) Assert.DoesNotContain("#error", source);
    }

    [Fact]
    public void AUserTypeWithADottedUserFromOpAndNoAppliesToRewritesThatOp()
    {
        string source = Templates.Usings + """
            namespace Demo;
            public static class MyOps
            {
                [TensorOp("myconv")]
                public static Tensor MyConv(Tensor x, Tensor w) => Knobs.Tensors.Ops.Convolution(x, w, 1, 1, 1, 1);

                [TensorOp("myconv")]
                public static Tensor MyConvApprox(Tensor x, Tensor w, int rate) => Knobs.Tensors.Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, rate, 1, 0);
            }
            [KnobBenchmark]
            public partial class Mine
            {
                private readonly Tensor w = Tensor.Random([4, 2, 3, 3], seed: 1);
                public Tensor Input(int batch) => Tensor.Random([batch, 2, 6, 6], seed: 3);
                public Tensor Run(Tensor x) => MyOps.MyConv(x, w);
            }
            """;
        var yaml = new InMemoryText("/proj/mine.yaml", """
            types:
              - name: mine
                from: MyOps.MyConv
                to: MyOps.MyConvApprox
                parameters: [rate]
                arguments: "{rate}"
            knobs:
              - {type: fp32, id: 11, speedup: 1.0}
              - {type: mine, id: 700, parameters: [2], speedup: 2.0}
            """);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source), new[] { yaml });

        Assert.Empty(run.WithId("KNB0106"));
        Assert.Contains("MyConvApprox(x, w, 2)", run.Source("Mine.Knobs.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ATableWithoutAnFp32KnobStillGetsTheTemplateAsTheFp32BaselineWithKnb0117()
    {
        var classic = new InMemoryText("/proj/classic.txt", "perf,21 1,2,1,0 2.25 tensorConvolution tensorConvApprox\n");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { classic });

        Diagnostic d = Assert.Single(run.WithId("KNB0117"));
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("/proj/classic.txt", d.Location.GetLineSpan().Path);
        string registry = run.Source("Net.Knobs.g.cs");
        Assert.Contains("\"fp32_11\"", registry);
        Assert.Contains("\"perf_21\"", registry);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ATableWithAnFp32KnobGetsNoImplicitBaseline()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Template(SimpleRun)), new[] { TestTables.HpvmRows(11, 121) });
        Assert.Empty(run.WithId("KNB0117"));
    }
}
