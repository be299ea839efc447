using System;
using System.IO;
using System.Linq;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// A user's app built from the packed package carries what it runs and nothing the build needs: knob tables (YamlDotNet)
/// are read by the generator and the tasks, report.html (Scriban) is rendered by the tasks, each from its own folder.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class LeanAppTests
{
    private readonly LocalFeed _feed;

    public LeanAppTests(LocalFeed feed) => _feed = feed;

    private string Project(string name)
    {
        string folder = _feed.NewFolder(name);
        ProjectFiles.Write(folder, name + ".csproj", ProjectFiles.Project("Microsoft.NET.Sdk", _feed.Version, "<KnobTable Include=\"knobs.yaml\" />"));
        ProjectFiles.Write(folder, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(folder, "Gamma.cs", ProjectFiles.Template("Gamma"));
        return folder;
    }

    [Fact]
    public void TheAppShipsNeitherYamlDotNetNorATemplateEngineAndStillRuns()
    {
        string folder = Project("lean");
        _feed.Run(folder, "build").ShouldSucceed();
        string output = Path.Combine(folder, "bin", "Debug", "net10.0");
        string[] files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray()!;
        Assert.Contains("Knobs.Runtime.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("YamlDotNet", StringComparison.OrdinalIgnoreCase)
            || f.StartsWith("Handlebars", StringComparison.OrdinalIgnoreCase) || f.StartsWith("Scriban", StringComparison.OrdinalIgnoreCase));
        string deps = File.ReadAllText(Path.Combine(output, "lean.deps.json"));
        Assert.DoesNotContain("YamlDotNet", deps);
        Assert.DoesNotContain("Scriban", deps);

        CommandResult list = _feed.Run(folder, Path.Combine(output, "lean.dll"), "list").ShouldSucceed();
        Assert.Contains("Gamma", list.Output);
        Assert.Contains("perf_121", list.Output);
    }

    [Fact]
    public void ProfileTableRendersAUsersScribanTemplateAndExplainsAnOldHandlebarsOne()
    {
        string folder = Project("mytemplate");
        _feed.Run(folder, "build").ShouldSucceed();
        ProjectFiles.Write(folder, "old.hbs", "<h1>{{Title}}</h1>\n{{#each Benchmarks}}<h2>{{Name}}</h2>{{/each}}\n");
        CommandResult old = _feed.Run(folder, "msbuild", "-t:ProfileTable", "-p:KnobsReportTemplate=old.hbs");
        Assert.NotEqual(0, old.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "bin", "Debug", "net10.0", "knobs", "report.html")));
        Assert.Matches(@"old\.hbs\(2,\d+\): error KNB0425: the report template cannot be used: .*report templates are Scriban now", old.Output);

        ProjectFiles.Write(folder, "mine.sbn", "{{ for b in Benchmarks }}<h2 data-knobs=\"{{ b.Knobs | array.size }}\">{{ b.Name }}</h2>{{ end }}\n");
        _feed.Run(folder, "msbuild", "-t:ProfileTable", "-p:KnobsReportTemplate=mine.sbn").ShouldSucceed();
        string report = File.ReadAllText(Path.Combine(folder, "bin", "Debug", "net10.0", "knobs", "report.html"));
        Assert.Equal("<h2 data-knobs=\"3\">Gamma</h2>\n", report);
    }
}
