using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Knobs.Generators.Tests.Harness;
using Knobs.Profiles;
using Knobs.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Knobs.Generators.Tests;

/// <summary>A template's <c>Labelled()</c> provider reaches the descriptor, and the runner measures accuracy with it.</summary>
public sealed class LabelledTests
{
    private const string Wired = "static template => template.Labelled()).Descriptor;";

    // TinyNet with labelled inputs: four random images; the labels are what the fp32 template predicts for images 0-2,
    // and a class it does not predict for image 3, so fp32's accuracy is exactly 75 %.
    private static string Labelled(string method) => TestTables.TinyNet
        .Replace("using Knobs;", "using Knobs;\nusing Knobs.Runtime;")
        .Replace("    public Tensor Input(int batch)", "    " + method + "\n\n    public Tensor Input(int batch)");

    private const string Provider = """
        public LabelledSet Labelled()
            {
                Tensor images = Tensor.Random([4, 2, 6, 6], seed: 5);
                Tensor scores = Run(images);
                float[] s = scores.ToArray();
                int classes = s.Length / 4;
                int[] labels = new int[4];
                for (int i = 0; i < 4; i++)
                {
                    int best = 0;
                    for (int c = 1; c < classes; c++) if (s[i * classes + c] > s[i * classes + best]) best = c;
                    labels[i] = i < 3 ? best : (best + 1) % classes;
                }
                return new LabelledSet(images, labels);
            }
        """;

    [Fact]
    public void LabelledMethodIsPassedToTheDescriptor()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Labelled(Provider)));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(run.CompileProblems());
        string source = run.Source("TinyNet.Knobs.g.cs");
        Assert.Contains("static (template, input, choices) => template.__KnobsRun(input, choices),", source);
        Assert.Contains(Wired, source);
        Assert.True(run.Templates().Single().HasLabelled);

        BenchmarkDescriptor bench = Registry(Load(run)).Benchmarks.Single();
        LabelledSet set = bench.Labelled!();
        Assert.Equal(4, set.Count);
        Assert.Equal(new[] { 4, 2, 6, 6 }, set.Images.Shape);
    }

    [Fact]
    public void TemplateWithoutLabelledHasNone()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet));
        Assert.DoesNotContain("Labelled", run.Source("TinyNet.Knobs.g.cs"));
        Assert.Null(Registry(Load(run)).Benchmarks.Single().Labelled);
    }

    [Theory]
    [InlineData("public static LabelledSet Labelled() => throw null!;")]
    [InlineData("public LabelledSet Labelled(int n) => throw null!;")]
    [InlineData("public LabelledSet Labelled<T>() => throw null!;")]
    [InlineData("public object Labelled() => throw null!;")]
    [InlineData("public LabelledSet Labeled() => throw null!;")]
    public void OnlyAnInstanceLabelledSetLabelledWithoutParametersIsWired(string method)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Labelled(method)));
        Assert.Empty(run.CompileProblems());
        Assert.DoesNotContain("template.Labelled()", run.Source("TinyNet.Knobs.g.cs"));
        Assert.False(run.Templates().Single().HasLabelled);
    }

    [Fact]
    public void PrivateLabelledIsWiredToo()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Labelled(Provider.Replace("public LabelledSet", "private LabelledSet"))));
        Assert.Empty(run.CompileProblems());
        Assert.Contains(Wired, run.Source("TinyNet.Knobs.g.cs"));
    }

    [Fact]
    public void RunnerRecordsAccuracyFromTheGeneratedProvider()
    {
        Assembly app = Load(GeneratorHarness.Run(GeneratorHarness.Library(Labelled(Provider))));
        string dir = Path.Combine(Path.GetTempPath(), "knobs-labelled-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = Runner.Main(new[] { "run", "--iterations", "2", "--warmup", "1", "--meter", "none", "--quiet", "--batch", "3", "--out", dir },
                Registry(app), output, error);
            Assert.True(exit == 0, error.ToString());
            QosRecord fp32 = ProfileReader.Read(Path.Combine(dir, "TinyNet.fp32_11.profile.jsonl")).Qos!;
            Assert.Equal((75.0, 0.0), (fp32.Accuracy, fp32.AccuracyLoss));
            foreach (string variant in new[] { "fp16_12", "perf_121", "samp_fp16_261" })
            {
                QosRecord q = ProfileReader.Read(Path.Combine(dir, "TinyNet." + variant + ".profile.jsonl")).Qos!;
                Assert.NotNull(q.Accuracy);
                Assert.Equal(75.0 - q.Accuracy!.Value, q.AccuracyLoss!.Value, 12);
                Assert.Equal(0.0, q.Accuracy.Value % 25.0, 12);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static IBenchmarkRegistry Registry(Assembly app)
        => (IBenchmarkRegistry)app.GetType("Knobs.Generated.KnobsRegistry")!.GetProperty("Instance")!.GetValue(null)!;

    private static Assembly Load(GeneratorRun run)
    {
        Assert.Empty(run.CompileProblems());
        using var stream = new MemoryStream();
        EmitResult result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("knobs-labelled-test", isCollectible: true).LoadFromStream(stream);
    }
}
