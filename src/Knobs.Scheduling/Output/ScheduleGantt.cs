using System;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using Knobs.Scheduling.Model;
using Knobs.Scheduling.Solving;

namespace Knobs.Scheduling.Output;

/// <summary>
/// A schedule as a Gantt chart (SVG): one row per device, one bar per group, coloured by DNN, labelled with the group and
/// its knob where it is not the exact one, and a time axis in ms. Names from the input are XML-escaped; the same schedule
/// gives byte-identical text.
/// </summary>
public static class ScheduleGantt
{
    private const int Left = 90, Top = 30, RowHeight = 34, Width = 900, LegendRow = 18;

    // Colour-blind-safe palette (Okabe–Ito), repeated past eight DNNs.
    private static readonly string[] Palette = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999" };

    /// <summary>The chart of <paramref name="result"/> of <paramref name="problem"/>; null when no schedule was found.</summary>
    public static string? Svg(ScheduleProblem problem, ScheduleResult result)
    {
        if (result.MakespanMs is not double makespan || makespan <= 0) return null;
        int rows = problem.Devices.Count;
        int height = Top + rows * RowHeight + 40 + LegendRow * result.Dnns.Count;
        double scale = (Width - Left - 20) / makespan;
        var s = new StringBuilder();
        void Line(FormattableString f) => s.Append(FormattableString.Invariant(f)).Append('\n');
        Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        Line($"<text x=\"{Left}\" y=\"16\" font-size=\"13\">{X($"makespan {makespan:F3} ms ({Status(result)}), {result.Solver}")}</text>");
        for (int d = 0; d < rows; d++)
        {
            int y = Top + d * RowHeight;
            Line($"<text x=\"{Left - 8}\" y=\"{y + RowHeight / 2 + 4}\" text-anchor=\"end\">{X(problem.Devices[d])}</text>");
            Line($"<line x1=\"{Left}\" y1=\"{y + RowHeight}\" x2=\"{Width - 20}\" y2=\"{y + RowHeight}\" stroke=\"#ddd\"/>");
        }
        for (int k = 0; k < result.Dnns.Count; k++)
        {
            DnnSchedule dnn = result.Dnns[k];
            string colour = Palette[k % Palette.Length];
            foreach (GroupPlacement g in dnn.Groups)
            {
                int d = problem.DeviceIndex(g.Device);
                if (d < 0) continue;
                double x = Left + g.StartMs * scale, w = Math.Max(0.5, (g.EndMs - g.StartMs) * scale);
                int y = Top + d * RowHeight + 4;
                string label = g.Knob is "exact" or "fp32" ? g.Group : g.Group + " " + g.Knob;
                Line($"<rect x=\"{x:F2}\" y=\"{y}\" width=\"{w:F2}\" height=\"{RowHeight - 8}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{X($"{dnn.Name} group {g.Group} on {g.Device}, {g.Knob}: {g.StartMs:F3}–{g.EndMs:F3} ms")}</title></rect>");
                // A label only where it fits (about 6 px a character).
                if (w > 6 * label.Length + 4)
                    Line($"<text x=\"{x + 3:F2}\" y=\"{y + RowHeight / 2}\" fill=\"#fff\">{X(label)}</text>");
            }
        }
        int axis = Top + rows * RowHeight;
        double step = Step(makespan);
        for (double t = 0; t <= makespan + 1e-9; t += step)
        {
            double x = Left + t * scale;
            Line($"<line x1=\"{x:F2}\" y1=\"{axis}\" x2=\"{x:F2}\" y2=\"{axis + 5}\" stroke=\"#333\"/>");
            Line($"<text x=\"{x:F2}\" y=\"{axis + 17}\" text-anchor=\"middle\">{t.ToString("0.###", CultureInfo.InvariantCulture)}</text>");
        }
        Line($"<text x=\"{Width - 20}\" y=\"{axis + 30}\" text-anchor=\"end\">ms</text>");
        for (int k = 0; k < result.Dnns.Count; k++)
        {
            int y = axis + 40 + k * LegendRow;
            DnnSchedule dnn = result.Dnns[k];
            Line($"<rect x=\"{Left}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{Palette[k % Palette.Length]}\"/>");
            Line($"<text x=\"{Left + 18}\" y=\"{y}\">{X($"{dnn.Name}: ends {dnn.EndMs:F3} ms, {dnn.Switches} switch(es), QoS loss {dnn.QosLoss:0.######}")}</text>");
        }
        s.Append("</svg>\n");
        return s.ToString();
    }

    private static string Status(ScheduleResult r) => r.Status == SolveStatus.Optimal
        ? "optimal"
        : r.Gap is double g ? FormattableString.Invariant($"gap {g * 100:F1} %") : "not proven optimal";

    // A round tick step giving 5 to 10 ticks.
    private static double Step(double span)
    {
        double raw = span / 8;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double[] nice = { 1, 2, 5, 10 };
        return nice.Select(n => n * magnitude).First(v => v >= raw);
    }

    // XML-escaped; control characters, which XML cannot hold, become U+FFFD.
    private static string X(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (char c in text) clean.Append(char.IsControl(c) ? '\uFFFD' : c);
        return SecurityElement.Escape(clean.ToString()) ?? "";
    }
}
