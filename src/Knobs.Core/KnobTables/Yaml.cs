using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>Minimal YAML scalar quoting for the writer: plain when unambiguous, double-quoted otherwise.</summary>
internal static class Yaml
{
    public static string Scalar(string value) => NeedsQuotes(value) ? Quoted(value) : value;

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Scalar)) + "]";

    public static string Quoted(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ') text.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || value.Trim() != value) return true;
        if ("-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) >= 0 && !(value[0] == '-' && value.Length > 1 && char.IsDigit(value[1]))) return true;
        foreach (char c in value)
        {
            if (c < ' ' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || c == ':' || c == '"' || c == '\'') return true;
        }
        string lower = value.ToLowerInvariant();
        return lower is "null" or "~" or "true" or "false" or "yes" or "no" or "on" or "off";
    }
}
