using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Tasks;

/// <summary>Diagnostics keep their column through MSBuild, are capped per file, and data-file text is escaped.</summary>
public class LoggingTests
{
    [Fact]
    public void ConfigurationDiagnosticsReachMSBuildWithLineAndColumn()
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteLookupTables { BuildEngine = engine };
        var log = new MSBuildTaskLog(task.Log);
        DiagnosticReport.Log(log, new[]
        {
            new ConfigurationDiagnostic("KNB0201", ConfigurationSeverity.Error, "bad knob", "/x/confs.txt", 12, 7),
            new ConfigurationDiagnostic("KNB0202", ConfigurationSeverity.Warning, "odd knob", "/x/confs.txt", 3, 5),
        });
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("/x/confs.txt", 12, 7), (error.File, error.LineNumber, error.ColumnNumber));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("/x/confs.txt", 3, 5), (warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.EndsWith("KNB0201.md", error.HelpLink ?? "");
    }

    [Fact]
    public void DiagnosticsAreCappedPerFileWithOneLineSayingHowManyMore()
    {
        var log = new CollectingLog();
        var many = Enumerable.Range(1, 91_854).Select(i => new ConfigurationDiagnostic("KNB0210", ConfigurationSeverity.Warning, "same warning", "/big.txt", i, 1))
            .Concat(new[] { new ConfigurationDiagnostic("KNB0210", ConfigurationSeverity.Warning, "other file", "/small.txt", 1, 1) })
            .Concat(new[] { new ConfigurationDiagnostic("KNB0211", ConfigurationSeverity.Error, "an error late in the file", "/big.txt", 99_999, 1) });

        DiagnosticReport.Log(log, many);

        Assert.Equal(DiagnosticReport.PerFile, log.Warnings.Count(w => w.Message == "same warning"));
        Assert.Single(log.Warnings, w => w.Message == "other file");
        Assert.Empty(log.Errors);
        string summary = Assert.Single(log.Lines);
        Assert.Equal("Knobs: 91755 more diagnostic(s) for /big.txt were not shown (1 error(s), 91754 warning(s)) after the first 100; fix those and build again, or build with -v:detailed to see them all.", summary);
        Assert.Equal(91_755, log.Details.Count);
        Assert.Contains("/big.txt(99999,1): error KNB0211: an error late in the file", log.Details);
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nERROR KNB9999: forged", "a\\r\\nERROR KNB9999: forged")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("esc\u001b[31mred", "esc\\u001B[31mred")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("pair \ud83d\ude00 ok", "pair \ud83d\ude00 ok")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("bidi\u202eevil", "bidi\\u202Eevil")]
    public void LogTextEscapesControlCharactersAndLineBreaks(string text, string expected)
    {
        Assert.Equal(expected, LogText.Escape(text));
    }

    [Fact]
    public void LogTextEscapesALoneSurrogate()
    {
        // (not theory data: xunit's serialization would replace the lone surrogate)
        Assert.Equal("lone \\uD800 surrogate", LogText.Escape("lone \ud800 surrogate"));
        Assert.Equal("end \\uDC00", LogText.Escape("end \udc00"));
    }

    [Fact]
    public void DiagnosticMessagesAndFilesFromDataFilesAreEscaped()
    {
        var log = new CollectingLog();
        DiagnosticReport.Log(log, new[] { new ConfigurationDiagnostic("KNB0201", ConfigurationSeverity.Error, "name 'x\ny' is bad", "/d/a\rb.txt", 1, 2) });
        var e = Assert.Single(log.Located);
        Assert.Equal("name 'x\\ny' is bad", e.Message);
        Assert.Equal("/d/a\\rb.txt", e.File);
    }

    [Fact]
    public void VariantNamesFromTheAppAreEscapedInProgressAndWarnings()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "crash_\\u001b[2J" }));
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants { BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "30" };
        Assert.True(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Contains("A/crash_\\u001B[2J failed", warning.Message);
        Assert.False((warning.Message ?? "").Contains('\u001b'), warning.Message);
        Assert.All(engine.Messages, m => Assert.DoesNotContain('\u001b', m));
    }
}
