using System.Linq;
using Knobs.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Tests;

/// <summary>The registry always; Main only for an executable without one.</summary>
public sealed class EntryPointTests
{
    [Fact]
    public void ExecutableWithoutMainGetsAnEntryPointThatCallsTheRunner()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(OutputKind.ConsoleApplication, TestTables.TinyNet));

        string registry = run.Source("KnobsRegistry.g.cs");
        Assert.Contains("private static int Main(string[] args) => global::Knobs.Runtime.Runner.Main(args, KnobsRegistry.Instance);", registry);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ExecutableWithItsOwnMainGetsNoEntryPoint()
    {
        const string program = "public static class Program { public static int Main(string[] args) => 0; }";
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(OutputKind.ConsoleApplication, TestTables.TinyNet, program));

        Assert.DoesNotContain("KnobsProgram", run.Source("KnobsRegistry.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void LibraryGetsARegistryButNoEntryPoint()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet));

        Assert.DoesNotContain("Main(", run.Source("KnobsRegistry.g.cs"));
    }

    [Fact]
    public void ProjectWithoutTemplatesGetsNothing()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(OutputKind.ConsoleApplication, "public static class Program { }"));

        Assert.Empty(run.Result.GeneratedTrees);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }
}
