using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>Splits a row into located fields; empty fields are dropped (HPVM's release table has some).</summary>
internal static class FieldSplitter
{
    /// <summary>Fields separated by <paramref name="separator"/>, trimmed of spaces, each with its 1-based start column.</summary>
    public static List<Located> Split(string line, char separator, string file, int lineNumber, int startIndex = 0, int endIndex = -1)
    {
        if (endIndex < 0) endIndex = line.Length;
        var fields = new List<Located>();
        int start = startIndex;
        for (int i = startIndex; i <= endIndex; i++)
        {
            if (i < endIndex && line[i] != separator) continue;
            int a = start, b = i;
            while (a < b && IsPad(line[a], separator)) a++;
            while (b > a && IsPad(line[b - 1], separator)) b--;
            if (b > a) fields.Add(new Located(line.Substring(a, b - a), new SourceLocation(file, lineNumber, a + 1)));
            start = i + 1;
        }
        return fields;
    }

    /// <summary>Comma-separated values of a field, each located (columns relative to the line).</summary>
    public static List<Located> SplitCommas(Located field)
    {
        var parts = new List<Located>();
        int start = 0;
        string text = field.Text;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ',') continue;
            string part = text.Substring(start, i - start);
            int lead = part.Length - part.TrimStart().Length;
            parts.Add(new Located(part.Trim(), field.Location with { Column = field.Location.Column + start + lead }));
            start = i + 1;
        }
        return parts;
    }

    private static bool IsPad(char c, char separator) => c != separator && (c == ' ' || c == '\t');
}
