using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Knobs.Reporting;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Reporting;

/// <summary>The Scriban report template: the built-in page, escaping, the sandbox user templates run in, and errors.</summary>
public sealed class ReportTemplateTests
{
    /// <summary>Every value a template can write, each holding markup and every character Handlebars escaped.</summary>
    private const string Hostile = "<script>alert('x&y')</script>\"`=";

    private static string RenderDefault(ReportView view)
    {
        view.KnobsVersion = "0.0.0-test";
        return ReportRenderer.Render(view, ReportRenderer.DefaultTemplate(), ReportRenderer.DefaultTemplateName);
    }

    private static string RenderText(string template, ReportView? view = null) =>
        ReportRenderer.Render(view ?? HostileView(), template, "mine.sbn");

    private static ReportTemplateException Fails(string template) =>
        Assert.Throws<ReportTemplateException>(() => RenderText(template));

    internal static ReportView HostileView()
    {
        var view = new ReportView { Title = Hostile, KnobsVersion = Hostile };
        var benchmark = new BenchmarkView { Name = Hostile, Baseline = Hostile, HeatMapSvg = "<svg>heat</svg>", ScatterSvg = "<svg>scatter</svg>", ValidationSummary = Hostile };
        benchmark.Environment.Add(new NameValue { Name = Hostile, Value = Hostile });
        benchmark.Knobs.Add(Hostile);
        var heat = new ValuesRow { Label = Hostile, Op = Hostile };
        heat.Values.Add(Hostile);
        benchmark.HeatRows.Add(heat);
        var op = new ValuesRow { Label = Hostile, Op = Hostile };
        op.Values.Add(Hostile);
        benchmark.OpTimes.Add(op);
        benchmark.Points.Add(new PointRow { Kind = Hostile, Label = Hostile, Speedup = Hostile, Loss = Hostile, Pareto = true });
        benchmark.Points.Add(new PointRow { Kind = Hostile, Label = Hostile, Speedup = Hostile, Loss = Hostile, Pareto = false });
        benchmark.KnobQos.Add(new KnobQosRow { Knob = Hostile, RelL2 = Hostile, Top1 = Hostile, Accuracy = Hostile, AccuracyLoss = Hostile });
        benchmark.Configurations.Add(new ConfigurationRow { Name = Hostile, Time = Hostile, Speedup = Hostile, EnergyReduction = Hostile, AccuracyLoss = Hostile, UnmeasuredConversions = Hostile, Provenance = Hostile });
        benchmark.Device.Add(new NameValue { Name = Hostile, Value = Hostile });
        benchmark.ModelledOps.Add(new ModelledOpRow { Node = Hostile, Op = Hostile, Engine = Hostile, Cycles = Hostile, StallCycles = Hostile, Utilisation = Hostile, Macs = Hostile, DramBytes = Hostile, EnergyMicrojoules = Hostile });
        var cycles = new ValuesRow { Label = Hostile, Op = Hostile };
        cycles.Values.Add(Hostile);
        benchmark.ModelledCycles.Add(cycles);
        benchmark.Validation.Add(new ValidationRowView { Name = Hostile, Predicted = Hostile, Measured = Hostile, Error = Hostile });
        benchmark.Notes.Add(Hostile);
        benchmark.Notes.Add("é ü 中");
        view.Benchmarks.Add(benchmark);
        view.Benchmarks.Add(new BenchmarkView { Name = "second" });
        return view;
    }

    // The verified pages were written by the Handlebars template this one replaced: the built-in page is byte for byte the same.
    [Fact]
    public void BuiltInPageMatchesSnapshot() =>
        Snapshot.Match(RenderDefault(ReportViewBuilder.Build(ReportTests.Sample())), "LeNetMnist.report", "html");

    [Fact]
    public void AModelledAcceleratorsPageShowsItsDeviceAndEachOpsModelledCostAndSaysModelled()
    {
        string page = RenderDefault(ReportViewBuilder.Build(new ReportInput().Add(Knobs.Core.Tests.Simulation.AcceleratorSimulationTests.AcceleratorTable())));
        Assert.Contains("<h3>Modelled cost per op under fp32 (modelled, not measured)</h3>", page);
        Assert.Contains("<tr><th>device</th><td>accel:arr32_ws (arr32_ws)</td></tr>", page);
        Assert.Contains("<li>Modelled: every time and energy of this table is computed by the accel:arr32_ws model", page);
        Assert.Contains("Knob points: modelled whole-run speedup", page);
        Assert.Contains("<td>systolic</td><td class=\"num\">1000</td><td class=\"num\">10</td><td class=\"num\">50.0</td>", page);
        Snapshot.Match(page, "Accelerator.report", "html");
    }

    [Fact]
    public void BuiltInPageWithValidationMatchesSnapshot()
    {
        (SimulationResult sim, LookupTable table) = Knobs.Core.Tests.Simulation.ValidationTests.Simulate();
        ValidationReport validation = ValidationReport.Create(sim, table, new[] { Knobs.Core.Tests.Simulation.ValidationTests.Measured("conf2", 2, "perf", 121, 14.0) });
        Snapshot.Match(RenderDefault(ReportViewBuilder.Build(new ReportInput().Add(table, sim, validation))), "Validation.report", "html");
    }

    [Fact]
    public void BuiltInPageEscapesEveryValueButTheSvg()
    {
        string html = RenderDefault(HostileView());
        Snapshot.Match(html, "Hostile.report", "html");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'x", html, StringComparison.Ordinal);
        Assert.Contains("<svg>heat</svg>", html);
        Assert.Contains("<svg>scatter</svg>", html);
        // 39 before the device, modelled-cost and provenance fields: + 2 device, + 10 modelled cost (its heading names the baseline), + 4 modelled cycles, + 1 provenance.
        Assert.Equal(56, Regex.Matches(html, Regex.Escape("&lt;script&gt;alert(&#x27;x&amp;y&#x27;)&lt;/script&gt;&quot;&#x60;&#x3D;")).Count);
    }

    [Theory]
    [InlineData("&", "&amp;")]
    [InlineData("<", "&lt;")]
    [InlineData(">", "&gt;")]
    [InlineData("\"", "&quot;")]
    [InlineData("'", "&#x27;")]
    [InlineData("`", "&#x60;")]
    [InlineData("=", "&#x3D;")]
    [InlineData("é 中 plain", "é 中 plain")]
    public void EscapingIsHandlebars(string text, string expected) => Assert.Equal(expected, ReportTemplateContext.Escape(text));

    [Theory]
    [InlineData("{{ Title }}")]
    [InlineData("{{ Title | string.upcase | string.downcase }}")]
    [InlineData("{{ for b in Benchmarks limit:1 }}{{ b.Name }}{{ end }}")]
    [InlineData("{{ x = Title; x }}")]
    [InlineData("{{ Benchmarks[0].HeatMapSvg | string.replace 'heat' Title }}")]
    public void UserTemplatesAreEscapedToo(string template) =>
        Assert.DoesNotContain("<script", RenderText(template).ToLowerInvariant(), StringComparison.Ordinal);

    [Fact]
    public void OnlyThePreRenderedSvgIsWrittenAsIs() =>
        Assert.Equal("<svg>heat</svg>|<svg>scatter</svg>|True", RenderText("{{ b = Benchmarks[0] }}{{ b.HeatMapSvg }}|{{ b.ScatterSvg }}|{{ b.HasValidation ? 'True' : 'False' }}"));

    [Theory]
    [InlineData("{{ Benchmarks[0].HeatMapSvg.Length }}")]
    [InlineData("{{ Benchmarks[0].HeatMapSvg.GetType }}")]
    [InlineData("{{ include 'report.html.sbn' }}")]
    [InlineData("{{ Titel }}")]
    [InlineData("{{ Benchmarks[0].Nmae }}")]
    public void TemplatesReachNothingButTheView(string template) => Fails(template);

    [Fact]
    public void AnEndlessLoopStopsAtTheLoopLimit()
    {
        var clock = Stopwatch.StartNew();
        ReportTemplateException e = Fails("{{ while true }}{{ end }}");
        Assert.Contains("loop", e.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void EndlessRecursionStopsAtTheRecursionLimit()
    {
        ReportTemplateException e = Fails("{{ func f; f; end; f }}");
        Assert.Contains("recurs", e.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ALargeReportStaysWithinTheLimits()
    {
        var view = new ReportView { Title = "large" };
        var benchmark = new BenchmarkView { Name = "big" };
        for (int i = 0; i < 20_000; i++)
        {
            benchmark.Configurations.Add(new ConfigurationRow { Name = "conf" + i, Time = "1", Speedup = "1", EnergyReduction = "1", AccuracyLoss = "0", UnmeasuredConversions = "" });
        }
        view.Benchmarks.Add(benchmark);
        Assert.Equal(20_000, Regex.Matches(RenderDefault(view), "<tr><td>conf").Count);
    }

    [Fact]
    public void AnUnknownNameIsAnErrorAtItsLineAndColumn()
    {
        ReportTemplateException e = Fails("<h1>\n  <p>{{ Titel }}</p>");
        Assert.Equal((2, 9), (e.Line, e.Column));
        Assert.StartsWith("mine.sbn: (2,9): ", e.Message);
        Assert.Contains("Titel", e.Problem);
    }

    [Fact]
    public void AParseErrorIsAnErrorAtItsLineAndColumn()
    {
        ReportTemplateException e = Fails("line one\nline two {{ for b in Benchmarks }}\nnever closed");
        Assert.True(e.Line > 0 && e.Column > 0, e.Message);
        Assert.DoesNotContain("Handlebars", e.Problem);
    }

    [Fact]
    public void AHandlebarsTemplateIsToldTheScribanTranslations()
    {
        ReportTemplateException e = Fails("<h1>{{Title}}</h1>\n{{#each Benchmarks}}<h2>{{Name}}</h2>{{#if HasValidation}}{{ValidationSummary}}{{/if}}{{/each}}");
        Assert.True(e.Line > 0 && e.Column > 0, e.Message);
        Assert.Contains("report templates are Scriban now", e.Problem);
        Assert.Contains("{{ for item in Items }}…{{ end }}", e.Problem);
        Assert.Contains("{{ if X }}…{{ end }}", e.Problem);
    }
}
