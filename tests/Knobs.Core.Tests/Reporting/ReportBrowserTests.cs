using System;
using System.IO;
using Knobs.Core.Tests.Tables;
using Knobs.Reporting;

namespace Knobs.Core.Tests.Reporting;

/// <summary>Opens the rendered report in headless Chromium: it must render (screenshot, DOM with both charts) without console messages.</summary>
public sealed class ReportBrowserTests
{
    [Fact]
    public void ReportRendersInChromiumWithoutConsoleErrors()
    {
        using var dir = new TempDir();
        string page = dir.File("report.html");
        ReportRenderer.Write(page, ReportTests.Sample());

        string shot = dir.File("report.png");
        var screenshot = HeadlessChromium.Run(page, "--window-size=1400,2200", "--hide-scrollbars", "--screenshot=" + shot);
        Assert.True(File.Exists(shot), "no screenshot; chromium said:\n" + screenshot.Stderr);
        byte[] png = File.ReadAllBytes(shot);
        Assert.True(png.Length > 20_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Empty(screenshot.Console);

        var dom = HeadlessChromium.Run(page, "--dump-dom");
        Assert.Empty(dom.Console);
        Assert.Contains("class=\"chart heatmap\"", dom.Stdout);
        Assert.Contains("class=\"chart scatter\"", dom.Stdout);
        Assert.Contains("LeNetMnist", dom.Stdout);

        string? keep = Environment.GetEnvironmentVariable("KNOBS_REPORT_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.Copy(shot, Path.Combine(keep, "report.png"), overwrite: true);
            File.Copy(page, Path.Combine(keep, "report.html"), overwrite: true);
        }
    }

    [Fact]
    public void TheConsoleCheckCatchesAnUncaughtScriptError()
    {
        using var dir = new TempDir();
        string page = dir.File("bad.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/x.png\"><script>undefinedFunction();</script></body></html>");
        var result = HeadlessChromium.Run(page, "--dump-dom");
        Assert.Contains(result.Console, l => l.Contains("Uncaught ReferenceError", StringComparison.Ordinal));
    }
}
