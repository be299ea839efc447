using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// The user journey on a project that references the packed Knobs package: build, ProfileTable, ProfileTable again,
/// touch a template, change a template, Simulate, clean. The journey runs once (the first test to need it); each
/// test asserts one behaviour of it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class ProfileTableFlowTests
{
    private static readonly object Gate = new();
    private static Journey? s_journey;

    private static readonly string[] Knobs = { "fp32", "perf_121", "samp_231" };
    private static readonly string[] TableFiles = { ".tensors.txt", ".table.csv", ".table.json", ".table.md" };

    private readonly LocalFeed _feed;

    public ProfileTableFlowTests(LocalFeed feed) => _feed = feed;

    private sealed class Journey
    {
        public string Folder = "";
        public string TableDir = "";
        public string ProfileDir = "";
        public CommandResult Build = null!, First = null!, Second = null!, Touched = null!, Changed = null!, Simulate = null!, Validated = null!, Clean = null!;
        public Dictionary<string, DateTime> TablesAfterFirst = new(), TablesAfterSecond = new();
        public Dictionary<string, string> CsvAfterFirst = new();
        public bool TableDirAfterClean, ProfileDirAfterClean;
        public string? ValidationCsv, SimulatedReport, ValidatedReport;
    }

    private Journey Run()
    {
        lock (Gate)
        {
            return s_journey ??= Walk(_feed);
        }
    }

    private static Journey Walk(LocalFeed feed)
    {
        var j = new Journey { Folder = feed.NewFolder("flow") };
        ProjectFiles.Write(j.Folder, "flow.csproj", ProjectFiles.Project("Microsoft.NET.Sdk", feed.Version, "<KnobTable Include=\"knobs.yaml\" />",
            targets: ExtensionHooks));
        ProjectFiles.Write(j.Folder, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(j.Folder, "Alpha.cs", ProjectFiles.Template("Alpha"));
        ProjectFiles.Write(j.Folder, "Beta.cs", ProjectFiles.Template("Beta"));
        ProjectFiles.Write(j.Folder, "confs.txt", ProjectFiles.Configurations);
        j.TableDir = Path.Combine(j.Folder, "bin", "Debug", "net10.0", "knobs");
        j.ProfileDir = Path.Combine(j.Folder, "obj", "knobs", "profiles", "Debug");

        j.Build = feed.Run(j.Folder, "build").ShouldSucceed();
        j.First = feed.Run(j.Folder, "msbuild", "-t:ProfileTable").ShouldSucceed();
        j.TablesAfterFirst = Stamps(j.TableDir);
        j.CsvAfterFirst = Directory.GetFiles(j.TableDir, "*.table.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        j.Second = feed.Run(j.Folder, "msbuild", "-t:ProfileTable").ShouldSucceed();
        j.TablesAfterSecond = Stamps(j.TableDir);

        File.SetLastWriteTimeUtc(Path.Combine(j.Folder, "Beta.cs"), DateTime.UtcNow);
        j.Touched = feed.Run(j.Folder, "msbuild", "-t:ProfileTable").ShouldSucceed();

        ProjectFiles.Write(j.Folder, "Beta.cs", ProjectFiles.Template("Beta", seed: 11));
        j.Changed = feed.Run(j.Folder, "msbuild", "-t:ProfileTable").ShouldSucceed();

        j.Simulate = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=confs.txt", "-p:KnobsBenchmark=Alpha").ShouldSucceed();
        j.SimulatedReport = ReadIfExists(Path.Combine(j.TableDir, "confs.report.html"));

        j.Validated = feed.Run(j.Folder, "msbuild", "-t:Simulate", "-p:KnobsConfigurations=confs.txt", "-p:KnobsBenchmark=Alpha",
            "-p:KnobsValidate=true").ShouldSucceed();
        j.ValidationCsv = ReadIfExists(Path.Combine(j.TableDir, "confs.validation.csv"));
        j.ValidatedReport = ReadIfExists(Path.Combine(j.TableDir, "confs.report.html"));

        j.Clean = feed.Run(j.Folder, "clean").ShouldSucceed();
        j.TableDirAfterClean = Directory.Exists(j.TableDir);
        j.ProfileDirAfterClean = Directory.Exists(j.ProfileDir);
        return j;
    }

    // The user's hooks on the package's four extension points (docs/msbuild.md), each printing one line.
    private const string ExtensionHooks = """
        <Target Name="FlowBeforeProfile" AfterTargets="KnobsBeforeProfileTable"><Message Importance="high" Text="flow-hook: before ProfileTable" /></Target>
        <Target Name="FlowAfterProfile" AfterTargets="KnobsAfterProfileTable"><Message Importance="high" Text="flow-hook: after ProfileTable @(KnobsTableFile->Count()) table files" /></Target>
        <Target Name="FlowBeforeSimulate" AfterTargets="KnobsBeforeSimulate"><Message Importance="high" Text="flow-hook: before Simulate" /></Target>
        <Target Name="FlowAfterSimulate" AfterTargets="KnobsAfterSimulate"><Message Importance="high" Text="flow-hook: after Simulate" /></Target>
        """;

    private static Dictionary<string, DateTime> Stamps(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.GetLastWriteTimeUtc);

    [Fact]
    public void FirstProfileTableRunsEveryVariantOfEveryTemplate()
    {
        Journey j = Run();
        var expected = new[] { "Alpha", "Beta" }.SelectMany(b => new[] { "fp32_11", "perf_121", "samp_231" }.Select(v => b + "/" + v));
        Assert.Equal(expected.OrderBy(v => v, StringComparer.Ordinal), j.First.Profiled);
        Assert.Contains(j.First.KnobsLines, l => l.EndsWith("(0 left)", StringComparison.Ordinal));
    }

    [Fact]
    public void TablesHoldEveryNodeTimesEveryKnobWithPositiveTimes()
    {
        Journey j = Run();
        Assert.True(j.TablesAfterFirst.ContainsKey("report.html"), "no report.html next to the tables");
        foreach (string benchmark in new[] { "Alpha", "Beta" })
        {
            foreach (string suffix in TableFiles)
            {
                Assert.True(j.TablesAfterFirst.ContainsKey(benchmark + suffix), $"{benchmark}{suffix} missing: {string.Join(", ", j.TablesAfterFirst.Keys)}");
            }
            string[] rows = j.CsvAfterFirst[benchmark + ".table.csv"].TrimEnd('\n').Split('\n');
            Assert.Equal("device,benchmark,node,op,knob,provenance,n,mean,median,stdev,ci,energy,qos,accuracy,accuracy_loss,precision,inputs,output,flops,effective_flops,bytes_read,bytes_written,batch,threads", rows[0]);
            var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
            Assert.All(cells, c => Assert.Equal(new[] { "cpu", benchmark }, new[] { c[0], c[1] }));
            Assert.All(cells, c => Assert.Equal("measured", c[5]));
            // Features: every op recorded its shapes and FLOPs (version-2 profiles).
            Assert.All(cells, c => Assert.NotEqual("", c[15]));
            var pairs = cells.Select(c => (Node: c[2], Knob: c[4])).Distinct().ToHashSet();
            foreach (string node in new[] { "1", "2", "3" })
            {
                foreach (string knob in Knobs)
                {
                    Assert.Contains((node, knob), pairs);
                }
            }
            Assert.All(cells, c => Assert.True(double.Parse(c[7], CultureInfo.InvariantCulture) > 0, $"non-positive mean in {string.Join(",", c)}"));
        }
    }

    [Fact]
    public void ProfileTableSummarisesTheFastestKnobPerNode()
    {
        Journey j = Run();
        Assert.Contains("Knobs: Alpha: 3 nodes x 3 knobs", j.First.Output);
        Assert.Matches(@"node 1 \(conv add relu\): fastest (fp32|perf_121|samp_231), [0-9.]+ ms, [0-9.]+x vs fp32", j.First.Output);
    }

    [Fact]
    public void SecondProfileTableRunsNothingAndRewritesNoFile()
    {
        Journey j = Run();
        Assert.Empty(j.Second.Profiled);
        Assert.Contains(j.Second.KnobsLines, l => l.StartsWith("Knobs: profiles and lookup tables are up to date", StringComparison.Ordinal));
        Assert.Equal(j.TablesAfterFirst, j.TablesAfterSecond);
    }

    [Fact]
    public void TouchingATemplateWithoutChangingItRunsNothing()
    {
        Journey j = Run();
        Assert.Empty(j.Touched.Profiled);
        Assert.Contains("Knobs: profiled 0 variant(s), reused 6, failed 0", j.Touched.Output);
    }

    [Fact]
    public void ChangingOneTemplateReprofilesOnlyItsVariants()
    {
        Journey j = Run();
        Assert.Equal(new[] { "Beta/fp32_11", "Beta/perf_121", "Beta/samp_231" }, j.Changed.Profiled);
        Assert.Contains("reused 3", j.Changed.Output);
    }

    [Fact]
    public void SimulateWritesTheSimulatedConfigurationsAndCsvNextToTheTable()
    {
        Journey j = Run();
        Assert.Contains("Knobs: simulated 2 configuration(s) of confs.txt on the Alpha table", j.Simulate.Output);
        Assert.Matches(@"conf2: [0-9.]+ ms, speedup [0-9.]+x", j.Simulate.Output);
        Assert.Contains("Knobs: wrote confs.simulated.txt, confs.simulated.csv, confs.report.html", j.Simulate.Output);
    }

    [Fact]
    public void SimulateRendersAReportWithTheConfigurationsAndValidateAddsTheMeasurements()
    {
        Journey j = Run();
        Assert.NotNull(j.SimulatedReport);
        Assert.Contains("confs.txt simulated on Alpha", j.SimulatedReport);
        Assert.Contains("conf2", j.SimulatedReport);
        Assert.DoesNotContain("configurations measured; speedup error", j.SimulatedReport);
        Assert.NotNull(j.ValidatedReport);
        Assert.Matches(@"2 configurations measured; speedup error \|mean\| [0-9.]+ %", j.ValidatedReport);
    }

    [Fact]
    public void ValidateMeasuresEveryConfigurationAndReportsPredictedAgainstMeasured()
    {
        Journey j = Run();
        Assert.Contains("Knobs: measured conf1 in ", j.Validated.Output);
        Assert.Matches(@"conf2: predicted [0-9.]+x, measured [0-9.]+x, error [+-]?[0-9.]+ %", j.Validated.Output);
        Assert.Contains("Knobs: prediction error over 2 configuration(s)", j.Validated.Output);
        Assert.Contains("Knobs: speedups are paired: each configuration is measured interleaved (ABBA) with the baseline fp32_11", j.Validated.Output);
        Assert.Matches(@"Knobs: measured conf1 in [0-9.]+ s, paired speedup [0-9.]+x", j.Validated.Output);
        Assert.Matches(@"Knobs: baseline: speedups are paired .*; [0-9.]+ ms in the table", j.Validated.Output);
        Assert.NotNull(j.ValidationCsv);
        string[] rows = j.ValidationCsv!.TrimEnd('\n').Split('\n');
        Assert.Equal("configuration,index,predicted_speedup,measured_speedup,error,predicted_ms,measured_ms,measured_ci_ms,baseline_ms,baseline_source,table_baseline_ms,measured_speedup_vs_table,error_vs_table,predicted_accuracy_loss,measured_accuracy_loss", rows[0]);
        Assert.Equal(new[] { "conf1", "conf2" }, rows.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("paired", r.Split(',')[9]));
    }

    [Fact]
    public void ExtensionPointsRunAroundProfilingAndSimulation()
    {
        Journey j = Run();
        string first = j.First.Output;
        int before = first.IndexOf("flow-hook: before ProfileTable", StringComparison.Ordinal);
        int after = first.IndexOf("flow-hook: after ProfileTable", StringComparison.Ordinal);
        Assert.True(before >= 0 && after > before, "ProfileTable's hooks did not both run, in order:\n" + first);
        int profiled = first.IndexOf("Knobs: Alpha/", before, StringComparison.Ordinal);
        Assert.True(profiled > before && profiled < after, "the variants were not profiled between the two hooks:\n" + first);
        var tables = System.Text.RegularExpressions.Regex.Match(first, @"flow-hook: after ProfileTable (\d+) table files");
        Assert.True(tables.Success && int.Parse(tables.Groups[1].Value, CultureInfo.InvariantCulture) >= 2 * TableFiles.Length,
            "the after hook does not see @(KnobsTableFile):\n" + first);

        string simulate = j.Simulate.Output;
        int simBefore = simulate.IndexOf("flow-hook: before Simulate", StringComparison.Ordinal);
        int simAfter = simulate.IndexOf("flow-hook: after Simulate", StringComparison.Ordinal);
        Assert.True(simBefore >= 0 && simAfter > simBefore, "Simulate's hooks did not both run, in order:\n" + simulate);
    }

    [Fact]
    public void CleanRemovesProfilesAndTables()
    {
        Journey j = Run();
        Assert.False(j.TableDirAfterClean, "dotnet clean left the table folder");
        Assert.False(j.ProfileDirAfterClean, "dotnet clean left the profile folder");
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
