using System.Linq;
using Knobs.Generators.Tests.Harness;

namespace Knobs.Generators.Tests;

/// <summary>Generated code is byte-identical across runs and independent of where the sources live.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void TwoColdRunsGenerateIdenticalFiles()
    {
        string[] first = Generate(Templates.LeNet, Templates.ResNet18());
        string[] second = Generate(Templates.LeNet, Templates.ResNet18());

        Assert.Equal(first, second);
    }

    [Fact]
    public void SourcePathDoesNotLeakIntoGeneratedCode()
    {
        var compilation = GeneratorHarness.Library(TestTables.TinyNet);
        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0],
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(TestTables.TinyNet, GeneratorHarness.ParseOptions, "/elsewhere/deeper/Template0.cs"));

        Assert.Equal(GeneratorHarness.Run(compilation).Source("TinyNet.Knobs.g.cs"), GeneratorHarness.Run(moved).Source("TinyNet.Knobs.g.cs"));
    }

    [Fact]
    public void LinesInsertedAboveRunChangeNeitherTheGeneratedCodeNorTheProfileKeys()
    {
        string template = Templates.LeNet;
        int run = template.IndexOf("public Tensor Run(", System.StringComparison.Ordinal);
        Assert.True(run > 0, "the LeNet template has no Run method");
        string edited = template.Insert(template.LastIndexOf('\n', run) + 1, "    // a comment above Run\n\n    private const int Unrelated = 3;\n\n");

        var before = GeneratorHarness.Run(GeneratorHarness.Library(template));
        var after = GeneratorHarness.Run(GeneratorHarness.Library(edited));

        // The op descriptors (node, op index, call site line within Run) are what profiles are keyed and named by.
        Assert.Contains("OpDescriptor(0, 1, ", before.Source("LeNet.Knobs.g.cs"));
        Assert.Equal(before.Source("LeNet.Knobs.g.cs"), after.Source("LeNet.Knobs.g.cs"));
    }

    private static string[] Generate(params string[] sources)
        => GeneratorHarness.Run(GeneratorHarness.Library(sources)).Result.GeneratedTrees
            .OrderBy(t => t.FilePath, System.StringComparer.Ordinal).Select(t => t.GetText().ToString()).ToArray();
}
