using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.Reporting;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Reporting;

public sealed class ReportTests
{
    /// <summary>The LeNet sample table with HPVM's 51 LeNet configurations simulated on it.</summary>
    internal static ReportInput Sample()
    {
        string path = Path.Combine(RepoPaths.HpvmData, "tuner_confs", "lenet_mnist.txt");
        ConfigurationFile file = ConfigurationReader.ReadFile(path).File!;
        var knobs = file.Configurations.SelectMany(c => c.Nodes).SelectMany(n => n.Ops).Select(o => (o.Approx, o.KnobId)).Distinct().ToList();
        knobs.Add(("perf", 121));
        knobs.Add(("samp", 231));
        LookupTable table = SampleTables.Build(knobs);
        SimulationResult simulation = new Simulator(table).Simulate(file, Knobs.Core.Tests.Simulation.SimulatorTests.GpuOnCpu);
        Assert.False(simulation.HasErrors, string.Join("\n", simulation.Diagnostics));
        return new ReportInput().Add(table, simulation);
    }

    [Fact]
    public void PageIsSelfContained()
    {
        string html = ReportRenderer.Render(Sample());
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { "http://www.w3.org/2000/svg" }, Regex.Matches(html, "https?://[^\"' )]+").Select(m => m.Value).Distinct());
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void EveryChartHasItsNumbersAsATable()
    {
        string html = ReportRenderer.Render(Sample());
        Assert.Equal(2, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("<table class=\"heat\">", html);
        Assert.Contains("<table class=\"points\">", html);
        Assert.Contains("<table class=\"configurations\">", html);
        Assert.Contains("<table class=\"environment\">", html);
        Assert.Contains("Intel(R) Xeon(R) CPU @ 2.20GHz", html);
        // 51 configurations and 2 + 17 knob points (fp32 is a point too).
        Assert.Equal(51, Regex.Matches(html, "<td>configuration</td>").Count);
        Assert.Contains("Energy: not measured", html);
        Assert.DoesNotContain("flagged noisy", html);
    }

    [Fact]
    public void NoisyMeasurementsAreCountedInTheNotes()
    {
        LookupTable table = SampleTables.Build();
        TableOp conv = table.Nodes[0].Ops[0];
        TableCell cell = conv.Cells[0]!;
        var t = cell.Time!;
        var noisyStats = new Knobs.Profiles.ProfileStatistics(t.N, t.Mean, t.Median, t.Stdev, t.Min, t.Max, t.CiLow, t.CiHigh, t.Outliers, noisy: true);
        var cells = conv.Cells.ToList();
        cells[0] = new TableCell(cell.Op, cell.Approx, cell.Mean, noisyStats, cell.Energy);
        var nodes = table.Nodes.ToList();
        nodes[0] = new TableNode(1, "node1", new[] { new TableOp(conv.Kind, cells, conv.F2h, conv.H2f) }.Concat(table.Nodes[0].Ops.Skip(1)).ToList());
        var noisyTable = new LookupTable(table.Benchmark, table.Environment, table.Settings, table.Knobs, nodes, table.Sources);
        Assert.Contains("1 of 75 op measurements are flagged noisy", ReportRenderer.Render(new ReportInput().Add(noisyTable)));
    }

    [Fact]
    public void ValidationIsShownWithItsErrorDistribution()
    {
        (SimulationResult sim, LookupTable table) = Knobs.Core.Tests.Simulation.ValidationTests.Simulate();
        ValidationReport validation = ValidationReport.Create(sim, table, new[] { Knobs.Core.Tests.Simulation.ValidationTests.Measured("conf2", 2, "perf", 121, 14.0) });
        string html = ReportRenderer.Render(new ReportInput().Add(table, sim, validation));
        Assert.Contains("<table class=\"validation\">", html);
        Assert.Contains("1 configurations measured; speedup error |mean|", html);
        Assert.Contains("<tr><td>conf2</td><td class=\"num\">1.063</td><td class=\"num\">1.079</td>", html);
        Assert.DoesNotContain("<table class=\"validation\">", ReportRenderer.Render(new ReportInput().Add(table, sim)));
    }

    [Fact]
    public void ParetoFrontIsMarkedInChartAndTable()
    {
        string html = ReportRenderer.Render(Sample());
        int marked = Regex.Matches(html, "<tr class=\"pareto\">").Count;
        Assert.InRange(marked, 2, 40);
        Assert.Equal(marked, Regex.Matches(html, "class=\"(knob|conf) pareto\"").Count);
        Assert.Contains("<path class=\"front conf\" d=\"M", html);
    }

    [Fact]
    public void ParetoFrontKeepsOnlyUndominatedPoints()
    {
        var points = new[] { (0.0, 1.0), (1.0, 2.0), (1.0, 1.5), (2.0, 1.9), (3.0, 3.0), (0.5, 0.9) };
        Assert.Equal(new[] { 0, 1, 4 }, Pareto.Front(points));
    }

    [Fact]
    public void HeatMapColoursAreRedBelowOneWhiteAtOneGreenAbove()
    {
        Assert.Equal("#ffffff", HeatMapSvg.Colour(1));
        Assert.Equal("#1a9850", HeatMapSvg.Colour(4));
        Assert.Equal("#d73027", HeatMapSvg.Colour(0.25));
    }

    [Fact]
    public void UserTemplateOverridesTheBuiltInOne()
    {
        using var dir = new TempDir();
        string template = dir.File("mine.sbn");
        File.WriteAllText(template, "{{ for b in Benchmarks }}{{ b.Name }}:{{ for c in b.Configurations }}{{ c.Name }}={{ c.Speedup }};{{ end }}{{ end }}");
        string text = ReportRenderer.Render(Sample(), template);
        Assert.StartsWith("LeNetMnist:conf1=1.000;conf2=", text);
    }

    [Fact]
    public void BrokenTemplateIsAnErrorNamingIt()
    {
        using var dir = new TempDir();
        string template = dir.File("broken.sbn");
        File.WriteAllText(template, "<p>\n{{ for b in Benchmarks }}never closed");
        var e = Assert.Throws<ReportTemplateException>(() => ReportRenderer.Render(Sample(), template));
        Assert.StartsWith(template, e.Message);
    }

    [Fact]
    public void MissingTemplateIsAnErrorNamingIt()
    {
        var e = Assert.Throws<ReportTemplateException>(() => ReportRenderer.Render(Sample(), "/nonexistent/report.sbn"));
        Assert.StartsWith("/nonexistent/report.sbn: cannot read", e.Message);
    }

    [Fact]
    public void DefaultTemplateIsTheRepositoryCopy() =>
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("templates", "report", "report.html.sbn")), ReportRenderer.DefaultTemplate());

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void ReportIsCultureInvariant(string culture)
    {
        ReportInput input = Sample();
        string invariant = ReportRenderer.Render(input);
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            Assert.Equal(invariant, ReportRenderer.Render(input));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
