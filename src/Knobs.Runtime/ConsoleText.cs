using System.Globalization;
using System.Text;

namespace Knobs.Runtime;

/// <summary>
/// Makes text from input files and arguments safe to print: configuration names, op names and paths may hold line
/// breaks or escape sequences, which would split a one-line diagnostic or drive the terminal.
/// </summary>
internal static class ConsoleText
{
    /// <summary>
    /// <paramref name="text"/> with every control character and line or paragraph separator written as an escape:
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, otherwise <c>\uXXXX</c> (ESC is <c>\u001B</c>).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first])) first++;
        if (first == text.Length) return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
