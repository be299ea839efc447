using System.Globalization;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>
/// Text from input files and arguments made safe for one line of a message, a log or a terminal: every control
/// character (C0, DEL, C1), line and paragraph separator, bidirectional override and lone surrogate is written as a
/// visible escape (<c>\n</c>, <c>\r</c>, <c>\t</c>, otherwise <c>\uXXXX</c>, e.g. ESC as <c>\u001B</c>), so input can
/// neither forge a line, drive the terminal nor reorder what it shows. Surrogate pairs stay as they are. The one rule
/// for every part of Knobs (the readers' diagnostics, the runner's console, the MSBuild tasks' log).
/// </summary>
public static class SafeText
{
    /// <summary><paramref name="text"/> with every unsafe character escaped; null becomes empty.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int first = FirstUnsafe(text!);
        if (first < 0) return text!;
        var builder = new StringBuilder(text!.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (IsPair(text, i))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (IsUnsafe(c)) builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i)) i++;
            else if (IsUnsafe(text[i])) return i;
        }
        return -1;
    }

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    // Called only for characters that are not part of a surrogate pair, so a surrogate here is a lone one.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
