using System.IO;
using System.Linq;
using System.Text.Json;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>The KnobTable item as a package user writes it: none, one bad, two.</summary>
[Collection(EndToEndCollection.Name)]
public class KnobTableItemTests
{
    private readonly LocalFeed _feed;

    public KnobTableItemTests(LocalFeed feed) => _feed = feed;

    private string Project(string name, string items, params (string File, string Text)[] files)
    {
        string folder = _feed.NewFolder(name);
        ProjectFiles.Write(folder, name + ".csproj", ProjectFiles.Project("Microsoft.NET.Sdk", _feed.Version, items));
        ProjectFiles.Write(folder, "Delta.cs", ProjectFiles.Template("Delta"));
        foreach (var (file, text) in files)
        {
            ProjectFiles.Write(folder, file, text);
        }
        return folder;
    }

    /// <summary>The variants the built app lists (<c>app list --json</c>).</summary>
    private string[] Variants(string folder, string name)
    {
        CommandResult list = _feed.Run(folder, Path.Combine(folder, "bin", "Debug", "net10.0", name + ".dll"), "list", "--json").ShouldSucceed();
        using JsonDocument doc = JsonDocument.Parse(list.Output.Substring(list.Output.IndexOf('{')));
        return doc.RootElement.GetProperty("benchmarks")[0].GetProperty("variants").EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    [Fact]
    public void BadKnobTableFailsTheBuildWithItsKnbIdAndLine()
    {
        string folder = Project("badtable", "<KnobTable Include=\"knobs.yaml\" />",
            ("knobs.yaml", "knobs:\n  - type: fp32\n    id: 11\n    speedup: 1.0\n  - type: perf\n    id: 121\n    parameters: [1, 2, 0]\n    speedup: two\n"));
        CommandResult build = _feed.Run(folder, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"knobs\.yaml\(8,\d+\): error KNB0008: speedup 'two'", build.Output);
    }

    [Fact]
    public void AnArgumentTemplateThatIsCodeFailsTheBuildAtItsColumnAndNeverRuns()
    {
        string marker = Path.Combine(Path.GetTempPath(), "knobs-pwned-" + System.Guid.NewGuid().ToString("N"));
        string folder = Project("evaltable", "<KnobTable Include=\"knobs.yaml\" />",
            ("knobs.yaml", "types:\n  - name: evil\n    from: Convolution\n    to: ConvApprox\n    parameters: [rate]\n" +
                "    arguments: \"1, 1, 1, (int)System.Diagnostics.Process.Start(\\\"touch\\\", \\\"" + marker + "\\\").Id * 0 + {rate}\"\n" +
                "knobs:\n  - {type: fp32, id: 11, speedup: 1.0}\n  - {type: evil, id: 700, parameters: [0], speedup: 2.0}\n"));
        CommandResult build = _feed.Run(folder, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"knobs\.yaml\(6,26\): error KNB0018: .*never an expression", build.Output);
        Assert.DoesNotMatch(@"error CS\d{4}", build.Output);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void AliasKeysDoublingAtEachLevelFailTheBuildAtOnce()
    {
        var yaml = new System.Text.StringBuilder("types:\n  - &x0 [a, b]\n");
        for (int i = 1; i <= 40; i++) yaml.Append("  - ? &x").Append(i).Append(" [*x").Append(i - 1).Append(", *x").Append(i - 1).Append("] : v\n");
        string folder = Project("bombtable", "<KnobTable Include=\"knobs.yaml\" />", ("knobs.yaml", yaml.ToString()));
        CommandResult build = _feed.Run(folder, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"knobs\.yaml\(3,\d+\): error KNB0016: .*mapping key must be a plain name", build.Output);
    }

    [Fact]
    public void ATableWithoutAnFp32KnobGetsQosForEveryVariantAndAnFp32Baseline()
    {
        string folder = Project("nofp32", "<KnobTable Include=\"knobs.yaml\" />",
            ("knobs.yaml", "knobs:\n  - {type: perf, id: 121, parameters: [1, 2, 0], speedup: 2.0}\n  - {type: samp, id: 231, parameters: [2, 0, 1], speedup: 2.0}\n"));
        _feed.Run(folder, "build").ShouldSucceed();
        Assert.Equal(new[] { "fp32_11", "perf_121", "samp_231" }, Variants(folder, Path.GetFileName(folder).Split('-')[0]).OrderBy(v => v));
        _feed.Run(folder, "msbuild", "-t:ProfileTable", "-p:KnobsIterations=3").ShouldSucceed();

        string csv = File.ReadAllText(Directory.GetFiles(Path.Combine(folder, "bin", "Debug", "net10.0", "knobs"), "*.table.csv").Single());
        string[][] rows = csv.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.Equal(new[] { "fp32", "perf_121", "samp_231" }, rows.Select(r => r[4]).Distinct().OrderBy(k => k));
        // Column 12 is QoS (relative L2 error against the fp32 reference): present for every knob.
        Assert.All(rows, r => Assert.NotEqual("", r[12]));
        Assert.All(rows.Where(r => r[4] == "fp32"), r => Assert.Equal("0", r[12]));
    }

    [Fact]
    public void NoKnobTableGivesTheHpvmDefaultTable()
    {
        string folder = Project("notable", "");
        _feed.Run(folder, "build").ShouldSucceed();
        string[] variants = Variants(folder, Path.GetFileName(folder).Split('-')[0]);
        // HPVM release table: fp32, fp16, perforation 121–138, fp16 perforation 151–168, sampling 231–239, fp16 sampling 261–269.
        Assert.Contains("fp32_11", variants);
        Assert.Contains("fp16_12", variants);
        foreach (int id in Enumerable.Range(121, 18).Concat(Enumerable.Range(231, 9)))
        {
            Assert.Contains(variants, v => v.EndsWith("_" + id, System.StringComparison.Ordinal));
        }
        Assert.Contains(variants, v => v.EndsWith("_168", System.StringComparison.Ordinal));
        Assert.Contains(variants, v => v.EndsWith("_269", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TwoKnobTablesGiveTheirUnion()
    {
        string folder = Project("twotables", "<KnobTable Include=\"a.yaml\" /><KnobTable Include=\"b.yaml\" />",
            ("a.yaml", "knobs:\n  - {type: fp32, id: 11, speedup: 1.0}\n  - {type: perf, id: 121, parameters: [1, 2, 0], speedup: 2.0}\n"),
            ("b.yaml", "knobs:\n  - {type: samp, id: 231, parameters: [2, 0, 1], speedup: 2.0}\n"));
        _feed.Run(folder, "build").ShouldSucceed();
        Assert.Equal(new[] { "fp32_11", "perf_121", "samp_231" }, Variants(folder, Path.GetFileName(folder).Split('-')[0]).OrderBy(v => v));
    }

    [Fact]
    public void TwoKnobTablesWithOneIdFailWithADuplicateIdError()
    {
        string folder = Project("duptables", "<KnobTable Include=\"a.yaml\" /><KnobTable Include=\"b.yaml\" />",
            ("a.yaml", "knobs:\n  - {type: fp32, id: 11, speedup: 1.0}\n  - {type: perf, id: 121, parameters: [1, 2, 0], speedup: 2.0}\n"),
            ("b.yaml", "knobs:\n  - {type: samp, id: 121, parameters: [2, 0, 1], speedup: 2.0}\n"));
        CommandResult build = _feed.Run(folder, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"b\.yaml\(2,\d+\): error KNB0005: knob id 121 is already used at .*a\.yaml\(3,\d+\)", build.Output);
    }

    [Fact]
    public void MissingKnobTableFileIsAClearError()
    {
        string folder = Project("missingtable", "<KnobTable Include=\"nope.yaml\" />");
        CommandResult build = _feed.Run(folder, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error KNB0408: The knob table 'nope.yaml' does not exist", build.Output);
    }
}
