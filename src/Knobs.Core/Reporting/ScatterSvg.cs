using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Knobs.Reporting;

/// <summary>One point of the speedup-vs-QoS-loss scatter.</summary>
internal sealed class ScatterPoint
{
    public ScatterPoint(string label, double loss, double speedup, bool configuration)
    {
        Label = label;
        Loss = loss;
        Speedup = speedup;
        Configuration = configuration;
    }

    public string Label { get; }
    public double Loss { get; }
    public double Speedup { get; }
    public bool Configuration { get; }
    public bool OnFront { get; set; }
}

/// <summary>
/// An inline-SVG scatter of speedup (y) against QoS loss (x, %): knobs as circles, simulated configurations as squares,
/// the Pareto front of each series drawn as a step line and its points outlined.
/// </summary>
internal static class ScatterSvg
{
    private const int Width = 640, Height = 400, Left = 60, Right = 20, Top = 20, Bottom = 50;

    public static string Render(IReadOnlyList<ScatterPoint> points, string title)
    {
        double maxLoss = Nice(points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Loss), 1e-9));
        double maxSpeedup = Nice(points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Speedup), 1));
        double X(double loss) => Left + loss / maxLoss * (Width - Left - Right);
        double Y(double speedup) => Height - Bottom - speedup / maxSpeedup * (Height - Top - Bottom);
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart scatter\" role=\"img\" width=\"").Append(Width).Append("\" height=\"")
          .Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\">");
        sb.Append("<title>").Append(Svg.Escape(title)).Append("</title>");
        for (int i = 0; i <= 5; i++)
        {
            double loss = maxLoss * i / 5, speedup = maxSpeedup * i / 5;
            sb.Append("<line class=\"grid\" x1=\"").Append(Svg.N(X(loss))).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Svg.N(X(loss)))
              .Append("\" y2=\"").Append(Height - Bottom).Append("\"/>");
            sb.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" y1=\"").Append(Svg.N(Y(speedup))).Append("\" x2=\"").Append(Width - Right)
              .Append("\" y2=\"").Append(Svg.N(Y(speedup))).Append("\"/>");
            sb.Append("<text class=\"tick\" x=\"").Append(Svg.N(X(loss))).Append("\" y=\"").Append(Height - Bottom + 16).Append("\" text-anchor=\"middle\">")
              .Append(Tick(loss)).Append("</text>");
            sb.Append("<text class=\"tick\" x=\"").Append(Left - 6).Append("\" y=\"").Append(Svg.N(Y(speedup) + 4)).Append("\" text-anchor=\"end\">")
              .Append(Tick(speedup)).Append("</text>");
        }
        sb.Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" y1=\"").Append(Height - Bottom).Append("\" x2=\"").Append(Width - Right)
          .Append("\" y2=\"").Append(Height - Bottom).Append("\"/>");
        sb.Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"")
          .Append(Height - Bottom).Append("\"/>");
        sb.Append("<text class=\"label\" x=\"").Append((Left + Width - Right) / 2).Append("\" y=\"").Append(Height - 12)
          .Append("\" text-anchor=\"middle\">QoS loss (%)</text>");
        sb.Append("<text class=\"label\" transform=\"translate(16,").Append((Top + Height - Bottom) / 2).Append(") rotate(-90)\" text-anchor=\"middle\">speedup (×)</text>");
        foreach (bool configurations in new[] { true, false })
        {
            var front = points.Where(p => p.Configuration == configurations && p.OnFront).OrderBy(p => p.Loss).ToList();
            if (front.Count > 1)
            {
                var path = new StringBuilder();
                for (int i = 0; i < front.Count; i++)
                {
                    path.Append(i == 0 ? "M" : " H").Append(i == 0 ? Svg.N(X(front[i].Loss)) + " " + Svg.N(Y(front[i].Speedup)) : Svg.N(X(front[i].Loss)) + " V" + Svg.N(Y(front[i].Speedup)));
                }
                sb.Append("<path class=\"front ").Append(configurations ? "conf" : "knob").Append("\" d=\"").Append(path).Append("\"/>");
            }
        }
        foreach (ScatterPoint p in points)
        {
            string cls = (p.Configuration ? "conf" : "knob") + (p.OnFront ? " pareto" : "");
            string tip = "<title>" + Svg.Escape(FormattableString.Invariant($"{p.Label}: speedup {p.Speedup:0.###}×, QoS loss {p.Loss:0.###} %{(p.OnFront ? " (Pareto front)" : "")}")) + "</title>";
            if (p.Configuration)
            {
                sb.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(Svg.N(X(p.Loss) - 4)).Append("\" y=\"").Append(Svg.N(Y(p.Speedup) - 4))
                  .Append("\" width=\"8\" height=\"8\">").Append(tip).Append("</rect>");
            }
            else
            {
                sb.Append("<circle class=\"").Append(cls).Append("\" cx=\"").Append(Svg.N(X(p.Loss))).Append("\" cy=\"").Append(Svg.N(Y(p.Speedup)))
                  .Append("\" r=\"5\">").Append(tip).Append("</circle>");
            }
        }
        sb.Append("<g class=\"legend\" transform=\"translate(").Append(Width - Right - 210).Append(',').Append(Top + 6).Append(")\">")
          .Append("<circle class=\"knob\" cx=\"6\" cy=\"6\" r=\"5\"/><text x=\"16\" y=\"10\">knob (whole network)</text>")
          .Append("<rect class=\"conf\" x=\"2\" y=\"20\" width=\"8\" height=\"8\"/><text x=\"16\" y=\"28\">configuration (simulated)</text>")
          .Append("<path class=\"front conf\" d=\"M0 42 H12\"/><text x=\"16\" y=\"46\">Pareto front</text></g>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Tick(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A round upper bound: 1, 2, 2.5 or 5 × 10^k at or above <paramref name="v"/>.</summary>
    internal static double Nice(double v)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= v * 1.0000001) return step * magnitude;
        }
        return 10 * magnitude;
    }
}
