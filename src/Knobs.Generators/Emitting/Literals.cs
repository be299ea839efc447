using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Knobs.Generators.Emitting;

/// <summary>C# literals, culture-invariant.</summary>
internal static class Literals
{
    public static string String(string? value)
    {
        if (value is null) return "null";
        var builder = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsNaN(value) || double.IsInfinity(value)) return "double.NaN";
        return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text + "d" : text + ".0d";
    }

    public static string StringArray(IEnumerable<string> values)
    {
        string[] items = values.Select(String).ToArray();
        return items.Length == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items) + " }";
    }
}
