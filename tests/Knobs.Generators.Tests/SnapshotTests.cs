using System.Linq;
using Knobs.Generators.Tests.Harness;
using Knobs.Testing;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Tests;

/// <summary>The generated files, checked in as Snapshots/*.verified.cs (KNOBS_ACCEPT_SNAPSHOTS=1 accepts changes).</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void LeNetWithBuiltInHpvmTableMatchesSnapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(Templates.LeNet));

        Snapshot.Match(run.Source("LeNet.Knobs.g.cs"), "LeNet.HpvmTable", "cs");
        Snapshot.Match(run.Source("KnobsRegistry.g.cs"), "LeNet.Registry", "cs");
    }

    [Theory]
    [InlineData("PerTensor")]
    [InlineData("Total")]
    public void ProfilingModeSelectsTheHooks(string mode)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.TinyNet), new[] { TestTables.HpvmRows(11, 12, 121, 261) }, mode);

        string source = run.Source("TinyNet.Knobs.g.cs");
        Snapshot.Match(source, "TinyNet." + mode, "cs");
        int hooks = source.Split('\n').Count(l => l.Contains("global::Knobs.Runtime.Profiler.Begin()"));
        // one switched Run: 4 ops, hooked in PerTensor mode only
        Assert.Equal(mode == "PerTensor" ? 4 : 0, hooks);
    }

    [Fact]
    public void CustomOpWithYamlKnobTypeMatchesSnapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Library(TestTables.CustomOpTemplate), new[] { TestTables.ShiftYaml() });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Snapshot.Match(run.Source("ShiftNet.Knobs.g.cs"), "ShiftNet.Yaml", "cs");
    }
}
