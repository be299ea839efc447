using System.IO;
using Knobs.Reporting;
using Knobs.Tasks.Tables;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Tables;

/// <summary>The one place both ProfileTable's report.html and Simulate's &lt;confs&gt;.report.html are written.</summary>
public sealed class ReportFileTests
{
    [Fact]
    public void TheBuiltInTemplateWritesTheReportOnceAndLeavesAnUnchangedOneAlone()
    {
        string dir = Directory.CreateTempSubdirectory("knobs-report").FullName;
        string path = Path.Combine(dir, "report.html");
        var log = new CollectingLog();
        var input = new ReportInput { Title = "report-file-test" };

        Assert.True(ReportFile.Write(log, path, input, template: "", out bool first));
        Assert.True(first);
        Assert.Contains("report-file-test", File.ReadAllText(path));
        Assert.True(ReportFile.Write(log, path, input, template: null, out bool second));
        Assert.False(second);
        Assert.Empty(log.Errors);
    }

    [Fact]
    public void AMissingTemplateIsKnb0425AtTheTemplatePathAndWritesNothing()
    {
        string dir = Directory.CreateTempSubdirectory("knobs-report").FullName;
        string path = Path.Combine(dir, "report.html");
        string template = Path.Combine(dir, "missing.sbn");
        var log = new CollectingLog();

        Assert.False(ReportFile.Write(log, path, new ReportInput(), template, out bool written));
        Assert.False(written);
        Assert.False(File.Exists(path));
        var error = Assert.Single(log.Errors);
        Assert.Equal("KNB0425", error.Code);
        Assert.Equal(template, error.File);
        Assert.StartsWith("the report template cannot be used:", error.Message);
    }

    [Fact]
    public void ABrokenTemplateIsKnb0425AtItsLineAndColumn()
    {
        string dir = Directory.CreateTempSubdirectory("knobs-report").FullName;
        string path = Path.Combine(dir, "report.html");
        string template = Path.Combine(dir, "mine.sbn");
        File.WriteAllText(template, "<h1>{{ Title }}</h1>\n<p>{{ Titel }}</p>\n");
        var log = new CollectingLog();

        Assert.False(ReportFile.Write(log, path, new ReportInput(), template, out _));
        Assert.False(File.Exists(path));
        var error = Assert.Single(log.Located);
        Assert.Equal(("KNB0425", template, 2, 7), (error.Code, error.File, error.Line, error.Column));
        Assert.StartsWith("the report template cannot be used: (2,7): ", error.Message);
        Assert.Contains("Titel", error.Message);
    }

    [Fact]
    public void AnOldHandlebarsTemplateIsKnb0425WithTheScribanTranslations()
    {
        string dir = Directory.CreateTempSubdirectory("knobs-report").FullName;
        string template = Path.Combine(dir, "old.hbs");
        File.WriteAllText(template, "{{#each Benchmarks}}<h2>{{Name}}</h2>{{/each}}");
        var log = new CollectingLog();

        Assert.False(ReportFile.Write(log, Path.Combine(dir, "report.html"), new ReportInput(), template, out _));
        var error = Assert.Single(log.Located);
        Assert.Equal("KNB0425", error.Code);
        Assert.True(error.Line > 0 && error.Column > 0, $"{error.Line},{error.Column}");
        Assert.Contains("report templates are Scriban now", error.Message);
        Assert.Contains("{{ for item in Items }}", error.Message);
    }
}
