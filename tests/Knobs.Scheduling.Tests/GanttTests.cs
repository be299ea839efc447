using System.Collections.Generic;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Output;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Tests;

/// <summary>The SVG Gantt chart: names from the input never become markup, and no schedule means no chart.</summary>
public class GanttTests
{
    private static ScheduleProblem Problem(string dnn, string device) => new(new[] { device },
        new[] { new DnnChain(dnn, new[] { new LayerGroup("g<1>", new[] { new GroupOption(0, "perf \"121\"", 1.0) }) }, new List<TransitionCosts>()) },
        NoContention.Instance, Source: "test");

    [Fact]
    public void NamesAreEscapedAndControlCharactersReplaced()
    {
        ScheduleProblem p = Problem("<script>alert(1)</script>&\u0001", "cpu&<0>");
        string svg = ScheduleGantt.Svg(p, CpSatScheduler.Solve(p))!;

        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;\uFFFD", svg);
        Assert.Contains(">cpu&amp;&lt;0&gt;</text>", svg);
        Assert.Contains("perf &quot;121&quot;", svg);
        Assert.DoesNotContain("\u0001", svg);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.EndsWith("</svg>\n", svg);
    }

    [Fact]
    public void AnInfeasibleProblemHasNoChart()
    {
        ScheduleProblem p = Problem("n", "cpu");
        p = p with { Dnns = new[] { p.Dnns[0] with { QosBudget = 0 } } };
        // The only option loses no QoS, so make it lose some: the budget of 0 then leaves no schedule.
        p = p with { Dnns = new[] { p.Dnns[0] with { Groups = new[] { new LayerGroup("g", new[] { new GroupOption(0, "perf", 1.0, null, 0.5) }) } } } };
        ScheduleResult r = CpSatScheduler.Solve(p);

        Assert.Equal(SolveStatus.Infeasible, r.Status);
        Assert.Null(ScheduleGantt.Svg(p, r));
    }
}
