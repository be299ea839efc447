using System.Globalization;

namespace Knobs.Tables;

/// <summary>
/// Culture-invariant text shared by the table writers and the other files Knobs writes: numbers, tokens and CSV fields.
/// </summary>
public static class TableText
{
    /// <summary>Shortest round-trip form (<c>0.5</c>, <c>1E-05</c>).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value with six significant digits, or <c>NA</c> when not measured (HPVM tensor table). Means are sums of
    /// tick-to-millisecond conversions divided by a count, so their shortest round-trip form carries float noise
    /// (<c>1.5465900000000001</c>); six digits are more than a measurement resolves and read as a person wrote them.
    /// </summary>
    public static string ShortOrNA(double? value) => value is { } v ? Short(v) : "NA";

    /// <summary>A value or empty when not measured (CSV).</summary>
    public static string NumberOrEmpty(double? value) => value is { } v ? Number(v) : "";

    /// <summary>Six significant digits, for human-facing tables (Markdown, report).</summary>
    public static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A name with whitespace replaced by <c>_</c>, so it stays one token in space-separated text.</summary>
    public static string Token(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsWhiteSpace(chars[i])) chars[i] = '_';
        }
        return chars.Length == 0 ? "_" : new string(chars);
    }

    /// <summary>
    /// A CSV field, quoted when it holds a comma, quote or line break. Text that a spreadsheet would run as a formula
    /// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR, and not a plain number) gets a leading <c>'</c>.
    /// </summary>
    public static string Csv(string field)
    {
        if (field.Length > 0 && "=+-@\t\r".IndexOf(field[0]) >= 0
            && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }
        return field.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
