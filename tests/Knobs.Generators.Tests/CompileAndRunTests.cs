using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Knobs.Generators.Tests.Harness;
using Knobs.Runtime;
using Knobs.Tensors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Knobs.Generators.Tests;

/// <summary>Every generated variant compiles without warnings, and runs.</summary>
public sealed class CompileAndRunTests
{
    [Theory]
    [InlineData("LeNet")]
    [InlineData("ResNet18")]
    [InlineData("MobileNet")]
    public void EveryVariantOfTheTemplateCompilesWithoutWarnings(string name)
    {
        string source = name switch { "LeNet" => Templates.LeNet, "ResNet18" => Templates.ResNet18(), _ => Templates.MobileNet() };
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(source));

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(run.CompileProblems());
        Assert.Contains("\"samp_fp16_269\"", run.Source(name + ".Knobs.g.cs"));
    }

    [Fact]
    public void Fp32VariantComputesExactlyWhatTheTemplateComputes()
    {
        Assembly app = Load(GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet)));
        BenchmarkDescriptor bench = Registry(app).Benchmarks.Single();
        object template = Activator.CreateInstance(app.GetType("Demo.Tiny.TinyNet")!)!;
        Tensor input = Tensor.Random([1, 2, 6, 6], seed: 3);
        var expected = (Tensor)template.GetType().GetMethod("Run")!.Invoke(template, new object[] { input })!;

        BenchmarkVariant fp32 = bench.CreateVariant("fp32_11");
        Assert.Equal(expected.ToArray(), fp32.Run(input).ToArray());
        BenchmarkVariant perf = bench.CreateVariant("perf_121");
        Assert.Equal("ConvApprox", perf.Ops[0].OpName);
        Assert.Equal(expected.Shape, perf.Run(input).Shape);
        Assert.NotEqual(expected.ToArray(), perf.Run(input).ToArray());
    }

    [Fact]
    public void PerTensorHooksRecordEveryOpOfARun()
    {
        Assembly app = Load(GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet)));
        BenchmarkVariant variant = Registry(app).Benchmarks.Single().CreateVariant("fp16_12");
        var session = new ProfileSession(variant.Ops.Count);
        using (session.Activate())
        {
            variant.Run(variant.Input(1));
        }
        Assert.Equal(new[] { "HalfConvolution", "HalfAdd", "HalfRelu", "Softmax" }, variant.Ops.Select(o => o.OpName));
        Assert.All(Enumerable.Range(0, variant.Ops.Count), i => Assert.Equal(1, session.Calls(i)));
    }

    [Fact]
    public void ConfigurationAppliesAKnobPerNode()
    {
        Assembly app = Load(GeneratorHarness.Run(GeneratorHarness.Library(Templates.LeNet)));
        BenchmarkDescriptor bench = Registry(app).Benchmarks.Single();
        Assert.Equal(5, bench.Nodes.Count);
        NodeKnob[] nodes = { new("perf", 121), new("samp_fp16", 263), new("fp16", 12), new("fp32", 11), new("fp32", 1) };

        BenchmarkVariant config = bench.CreateConfiguration("conf2", nodes);
        Tensor output = config.Run(config.Input(1));

        Assert.Equal(new[] { "ConvApprox", "Add", "Tanh", "Pooling", "ConvApproxHalf", "HalfAdd", "HalfTanh", "HalfPooling", "HalfGemm", "HalfAdd", "HalfTanh", "Gemm", "Add", "Tanh", "Softmax" },
            config.Ops.Select(o => o.OpName));
        Assert.Equal(new[] { 1, 10, 1, 1 }, output.Shape);
        Assert.Throws<ArgumentException>(() => bench.CreateConfiguration("bad", nodes.Take(4).ToArray()));
        Assert.Throws<ArgumentException>(() => bench.CreateConfiguration("bad", new NodeKnob[] { new("perf", 999), nodes[1], nodes[2], nodes[3], nodes[4] }));
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
        // Each generated app in its own collectible context (they share an assembly name); Knobs.* resolve from the default context.
        return new AssemblyLoadContext("knobs-test", isCollectible: true).LoadFromStream(stream);
    }
}
