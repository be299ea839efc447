using System.Globalization;

namespace Knobs.Reporting;

/// <summary>Culture-invariant helpers for writing inline SVG.</summary>
internal static class Svg
{
    /// <summary>A coordinate with at most two decimals.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text escaped for XML content and attributes.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
