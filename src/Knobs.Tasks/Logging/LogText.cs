using System.Globalization;
using System.Text;

namespace Knobs.Tasks.Logging;

/// <summary>
/// Text from data files (names, paths, readers' messages) made safe for one log line: line breaks, tabs and other
/// control characters (and lone surrogates, which no log can show) become visible escapes, so a crafted name can
/// neither forge log lines nor hide in them.
/// </summary>
internal static class LogText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        if (!NeedsEscaping(text!))
        {
            return text!;
        }
        var sb = new StringBuilder(text!.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\\': sb.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (IsUnsafe(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return true;
            }
        }
        return false;
    }

    // Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides and lone surrogates.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
