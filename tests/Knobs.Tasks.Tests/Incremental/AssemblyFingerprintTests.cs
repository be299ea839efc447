using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Incremental;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Knobs.Tasks.Tests.Incremental;

public class AssemblyFingerprintTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-fingerprint-tests", Guid.NewGuid().ToString("N"));

    private const string Attributes = """
        namespace Knobs { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class KnobBenchmarkAttribute : System.Attribute { } }
        """;

    private const string TemplateA = """
        [Knobs.KnobBenchmark] public partial class A { public float Run(float x) { return Helper.Scale(x) + 1f; } public sealed class Variant1 { public float Run(float x) => x * 2f; } }
        """;

    private const string TemplateB = """
        [Knobs.KnobBenchmark] public partial class B { public float Run(float x) { return Helper.Scale(x) - 1f; } }
        """;

    private const string Helper = """
        public static class Helper { public static float Scale(float x) => x * 3f; }
        """;

    private const string Generated = """
        [System.CodeDom.Compiler.GeneratedCode("Knobs", "0.1.0")] public static class KnobsRegistry { public static string[] Names => new[] { "A", "B", "a.cs:1" }; }
        """;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private IReadOnlyDictionary<string, string> Fingerprint(params string[] sources)
    {
        string folder = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "App.dll");
        var compilation = CSharpCompilation.Create("App",
            sources.Select(s => CSharpSyntaxTree.ParseText(s)),
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                    MetadataReference.CreateFromFile(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute).Assembly.Location),
                    MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll")) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return AssemblyFingerprint.PerBenchmark(path);
    }

    [Fact]
    public void FindsEveryTemplate()
    {
        var prints = Fingerprint(Attributes, TemplateA, TemplateB, Helper);
        Assert.Equal(new[] { "A", "B" }, prints.Keys.OrderBy(k => k));
    }

    [Fact]
    public void SameSourceGivesSameFingerprints()
    {
        Assert.Equal(Fingerprint(Attributes, TemplateA, TemplateB, Helper), Fingerprint(Attributes, TemplateA, TemplateB, Helper));
    }

    [Fact]
    public void EditingOneTemplateChangesOnlyItsFingerprint()
    {
        var before = Fingerprint(Attributes, TemplateA, TemplateB, Helper);
        var after = Fingerprint(Attributes, TemplateA.Replace("+ 1f", "+ 2f"), TemplateB, Helper);
        Assert.NotEqual(before["A"], after["A"]);
        Assert.Equal(before["B"], after["B"]);
    }

    [Fact]
    public void EditingAVariantNestedInATemplateChangesItsFingerprint()
    {
        var before = Fingerprint(Attributes, TemplateA, TemplateB, Helper);
        var after = Fingerprint(Attributes, TemplateA.Replace("x * 2f", "x * 4f"), TemplateB, Helper);
        Assert.NotEqual(before["A"], after["A"]);
        Assert.Equal(before["B"], after["B"]);
    }

    [Fact]
    public void AddingMembersToOneTemplateDoesNotShiftAnotherThroughTokens()
    {
        var before = Fingerprint(Attributes, TemplateA, TemplateB, Helper);
        string bigger = TemplateA.Replace("public sealed class Variant1",
            "public static string Extra() => \"new string\"; public int Field; public sealed class Variant1");
        var after = Fingerprint(Attributes, bigger, TemplateB, Helper);
        Assert.NotEqual(before["A"], after["A"]);
        Assert.Equal(before["B"], after["B"]);
    }

    [Fact]
    public void EditingSharedCodeChangesEveryFingerprint()
    {
        var before = Fingerprint(Attributes, TemplateA, TemplateB, Helper);
        var after = Fingerprint(Attributes, TemplateA, TemplateB, Helper.Replace("3f", "5f"));
        Assert.NotEqual(before["A"], after["A"]);
        Assert.NotEqual(before["B"], after["B"]);
    }

    [Fact]
    public void KnobsGeneratedTopLevelTypesAreLeftOut()
    {
        var before = Fingerprint(Attributes, TemplateA, TemplateB, Helper, Generated);
        var after = Fingerprint(Attributes, TemplateA, TemplateB, Helper, Generated.Replace("a.cs:1", "a.cs:2"));
        Assert.Equal(before, after);
    }
}
