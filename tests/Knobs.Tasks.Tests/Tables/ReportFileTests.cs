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
        string template = Path.Combine(dir, "missing.hbs");
        var log = new CollectingLog();

        Assert.False(ReportFile.Write(log, path, new ReportInput(), template, out bool written));
        Assert.False(written);
        Assert.False(File.Exists(path));
        var error = Assert.Single(log.Errors);
        Assert.Equal("KNB0425", error.Code);
        Assert.Equal(template, error.File);
        Assert.StartsWith("the report template cannot be used:", error.Message);
    }
}
