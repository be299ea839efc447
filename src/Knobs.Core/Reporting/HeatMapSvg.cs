using System;
using System.Collections.Generic;
using System.Text;

namespace Knobs.Reporting;

/// <summary>
/// An inline-SVG heat map of node × knob speedup (rows: nodes, columns: knobs). Colour is on a log scale: red below 1,
/// white at 1, green above (saturating at ¼× and 4×); every cell also prints its value.
/// </summary>
internal static class HeatMapSvg
{
    private const int Cell = 56, RowHeight = 22, Top = 96;

    public static string Render(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double?[,] values, string title)
    {
        // Room for the longest row label (about 6.5 px per character at 11 px) and for the last rotated column label.
        int longest = 0;
        foreach (string row in rows) longest = Math.Max(longest, row.Length);
        int Left = 12 + (int)Math.Ceiling(longest * 6.5);
        int width = Left + columns.Count * Cell + 90;
        int height = Top + rows.Count * RowHeight + 40;
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" role=\"img\" width=\"").Append(width)
          .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">");
        sb.Append("<title>").Append(Svg.Escape(title)).Append("</title>");
        for (int c = 0; c < columns.Count; c++)
        {
            double x = Left + c * Cell + Cell / 2.0;
            sb.Append("<text class=\"col\" transform=\"translate(").Append(Svg.N(x)).Append(',').Append(Top - 6)
              .Append(") rotate(-45)\">").Append(Svg.Escape(columns[c])).Append("</text>");
        }
        for (int r = 0; r < rows.Count; r++)
        {
            double y = Top + r * RowHeight;
            sb.Append("<text class=\"row\" x=\"").Append(Left - 6).Append("\" y=\"").Append(Svg.N(y + RowHeight * 0.7))
              .Append("\" text-anchor=\"end\">").Append(Svg.Escape(rows[r])).Append("</text>");
            for (int c = 0; c < columns.Count; c++)
            {
                double? v = values[r, c];
                double x = Left + c * Cell;
                sb.Append("<rect x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y)).Append("\" width=\"").Append(Cell - 1)
                  .Append("\" height=\"").Append(RowHeight - 1).Append("\" fill=\"").Append(v is { } s ? Colour(s) : "#e8e8e8").Append("\">");
                sb.Append("<title>").Append(Svg.Escape(rows[r] + " × " + columns[c] + ": " + (v is { } t ? Format(t) + "×" : "not measured"))).Append("</title></rect>");
                sb.Append("<text class=\"val\" x=\"").Append(Svg.N(x + Cell / 2.0)).Append("\" y=\"").Append(Svg.N(y + RowHeight * 0.7))
                  .Append("\" text-anchor=\"middle\">").Append(v is { } u ? Format(u) : "–").Append("</text>");
            }
        }
        sb.Append("<text class=\"legend\" x=\"").Append(Left).Append("\" y=\"").Append(Top + rows.Count * RowHeight + 24)
          .Append("\">speedup of each node over its fp32 time (red &lt; 1 &lt; green)</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Format(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Diverging colour on log2(speedup) in [-2, 2].</summary>
    internal static string Colour(double speedup)
    {
        double t = Math.Max(-2, Math.Min(2, Math.Log(Math.Max(speedup, 1e-9), 2))) / 2; // -1 … 1
        (int r, int g, int b) = t >= 0
            ? Mix((255, 255, 255), (26, 152, 80), t)
            : Mix((255, 255, 255), (215, 48, 39), -t);
        return "#" + r.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + g.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)
            + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int, int, int) Mix((int R, int G, int B) a, (int R, int G, int B) b, double t) =>
        ((int)Math.Round(a.R + (b.R - a.R) * t), (int)Math.Round(a.G + (b.G - a.G) * t), (int)Math.Round(a.B + (b.B - a.B) * t));
}
