using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>Splits text into lines (LF, CRLF or CR) without copying the whole text; line numbers are 1-based.</summary>
internal static class TextLines
{
    public static IEnumerable<(int Number, string Text)> Enumerate(string text)
    {
        int number = 1, start = 0;
        while (start <= text.Length)
        {
            int end = start;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
            yield return (number, text.Substring(start, end - start));
            if (end >= text.Length) yield break;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            number++;
        }
    }

    /// <summary>True for lines readers skip: blank, or a <c>#</c> comment (an extension HPVM's readers also tolerate in practice).</summary>
    public static bool IsBlankOrComment(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    /// <summary>1-based line and column of character <paramref name="index"/>.</summary>
    public static (int Line, int Column) Position(string text, int index)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }

    /// <summary>A field quoted for a message, cut to a readable length.</summary>
    public static string Quote(string text) => SafeText.Escape(text.Length <= 40 ? text : text.Substring(0, 37) + "...");
}
