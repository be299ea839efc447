using System;
using System.Collections.Generic;
using System.Globalization;

namespace Knobs.Accelerators.Description;

/// <summary>Where and why a description is not in the YAML subset <see cref="YamlTreeNode.Read"/> accepts.</summary>
internal sealed class YamlSubsetException : Exception
{
    public YamlSubsetException(int line, int column, string message) : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }
}

/// <summary>
/// The YAML an accelerator description is written in: block mappings (nested by indentation), flow mappings on one line
/// (<c>{ rows: 32, columns: 32 }</c>), plain or quoted one-line scalars and <c>#</c> comments, in one document. Anything
/// else YAML allows — lists, anchors and aliases, tags, multi-line scalars, several documents — is refused with its line
/// and column, so a description reads the same everywhere and no input can make reading expensive. Read without a YAML
/// library: the runner that models an accelerator carries none.
/// </summary>
internal abstract class YamlTreeNode
{
    protected YamlTreeNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }

    /// <summary>Block mappings nested deeper than this are refused.</summary>
    public const int MaxDepth = 16;

    /// <summary>Reads the text; null when it holds no content (only blanks and comments).</summary>
    public static YamlTreeNode? Read(string text) => new SubsetParser(text).Document();

    private sealed class SubsetParser
    {
        private readonly List<(int Number, int Indent, string Content)> _lines = new();
        private int _next;

        public SubsetParser(string text)
        {
            string[] raw = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            bool started = false;
            for (int i = 0; i < raw.Length; i++)
            {
                int number = i + 1;
                string line = raw[i];
                if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1);
                int indent = 0;
                while (indent < line.Length && line[indent] == ' ') indent++;
                if (indent < line.Length && line[indent] == '\t') throw new YamlSubsetException(number, indent + 1, "a tab in the indentation; indent with spaces");
                string content = StripComment(line, number).Substring(indent).TrimEnd(' ', '\t');
                if (content.Length == 0) continue;
                if (content == "---" || content.StartsWith("--- ", StringComparison.Ordinal))
                {
                    if (started) throw new YamlSubsetException(number, 1, "an accelerator description is one YAML document, but this file has more; keep one");
                    if (content != "---") throw new YamlSubsetException(number, 5, "content after '---'; start the description on the next line");
                    continue;
                }
                if (content == "...") throw new YamlSubsetException(number, 1, "a document end marker ('...'); an accelerator description is one document without one");
                if (content[0] == '%') throw new YamlSubsetException(number, indent + 1, "YAML directives are not used in an accelerator description");
                started = true;
                _lines.Add((number, indent, content));
            }
        }

        public YamlTreeNode? Document()
        {
            if (_lines.Count == 0) return null;
            var first = _lines[0];
            if (first.Indent != 0) throw new YamlSubsetException(first.Number, first.Indent + 1, "the description's first key is indented; start it at the first column");
            YamlMappingValue root = Block(0, 0);
            if (_next < _lines.Count)
            {
                var stray = _lines[_next];
                throw new YamlSubsetException(stray.Number, stray.Indent + 1, "this line's indentation matches no mapping above it; align it with the keys it belongs with");
            }
            return root;
        }

        private YamlMappingValue Block(int indent, int depth)
        {
            if (depth > MaxDepth) throw new YamlSubsetException(_lines[_next].Number, 1, "the YAML is nested more than " + MaxDepth + " levels deep; an accelerator description needs at most 3");
            var entries = new List<KeyValuePair<YamlScalarValue, YamlTreeNode>>();
            int startLine = _lines[_next].Number;
            while (_next < _lines.Count && _lines[_next].Indent == indent)
            {
                (int number, int _, string content) = _lines[_next];
                int column = indent + 1;
                if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-")
                {
                    throw new YamlSubsetException(number, column, "a list item; an accelerator description has no lists: write a mapping of names to values");
                }
                int colon = FindColon(content);
                if (colon < 0) throw new YamlSubsetException(number, column, "expected 'key: value' (a name, a colon and a space, then the value)");
                string key = content.Substring(0, colon);
                CheckKey(key, number, column);
                var keyNode = new YamlScalarValue(key, false, number, column);
                string rest = content.Substring(colon + 1).TrimStart(' ');
                int valueColumn = column + content.Length - rest.Length;
                _next++;
                if (rest.Length == 0)
                {
                    if (_next < _lines.Count && _lines[_next].Indent > indent)
                    {
                        entries.Add(new KeyValuePair<YamlScalarValue, YamlTreeNode>(keyNode, Block(_lines[_next].Indent, depth + 1)));
                    }
                    else
                    {
                        entries.Add(new KeyValuePair<YamlScalarValue, YamlTreeNode>(keyNode, new YamlScalarValue("", false, number, valueColumn)));
                    }
                    continue;
                }
                YamlTreeNode value = rest[0] == '{' ? Flow(rest, number, valueColumn) : Scalar(rest, number, valueColumn);
                entries.Add(new KeyValuePair<YamlScalarValue, YamlTreeNode>(keyNode, value));
                if (_next < _lines.Count && _lines[_next].Indent > indent)
                {
                    var more = _lines[_next];
                    throw new YamlSubsetException(more.Number, more.Indent + 1, $"this line is indented under '{key}', which already has a value on its own line");
                }
            }
            return new YamlMappingValue(entries, startLine, indent + 1);
        }

        private static YamlMappingValue Flow(string text, int line, int column)
        {
            if (text[text.Length - 1] != '}') throw new YamlSubsetException(line, column, "a flow mapping must open and close on one line: { key: value, key: value }");
            string inner = text.Substring(1, text.Length - 2);
            var entries = new List<KeyValuePair<YamlScalarValue, YamlTreeNode>>();
            int offset = 1;
            foreach (string part in inner.Split(','))
            {
                string item = part.Trim(' ');
                int itemColumn = column + offset + (part.Length - part.TrimStart(' ').Length);
                offset += part.Length + 1;
                if (item.Length == 0)
                {
                    if (inner.Trim(' ').Length == 0) break;
                    throw new YamlSubsetException(line, itemColumn, "an empty entry in a flow mapping (two commas, or a comma before '}')");
                }
                if (item.IndexOfAny(new[] { '{', '}', '[', ']' }) >= 0) throw new YamlSubsetException(line, itemColumn, "nested collections inside a flow mapping are not used in an accelerator description");
                int colon = FindColon(item);
                if (colon < 0) throw new YamlSubsetException(line, itemColumn, "expected 'key: value' inside the flow mapping");
                string key = item.Substring(0, colon);
                CheckKey(key, line, itemColumn);
                string value = item.Substring(colon + 1).Trim(' ');
                int valueColumn = itemColumn + item.IndexOf(value, colon + 1, StringComparison.Ordinal);
                if (value.Length == 0) throw new YamlSubsetException(line, itemColumn, $"'{key}' has no value in the flow mapping");
                entries.Add(new KeyValuePair<YamlScalarValue, YamlTreeNode>(new YamlScalarValue(key, false, line, itemColumn), Scalar(value, line, valueColumn)));
            }
            return new YamlMappingValue(entries, line, column);
        }

        private static YamlScalarValue Scalar(string text, int line, int column)
        {
            char c = text[0];
            if (c == '"' || c == '\'')
            {
                if (text.Length < 2 || text[text.Length - 1] != c) throw new YamlSubsetException(line, column, "a quoted value must close on the same line");
                string inner = text.Substring(1, text.Length - 2);
                if (c == '"' && inner.IndexOf('\\') >= 0) throw new YamlSubsetException(line, column, "escape sequences are not used in an accelerator description; write the value plainly");
                if (inner.IndexOf(c) >= 0 && c == '"') throw new YamlSubsetException(line, column, "a quote inside a quoted value");
                return new YamlScalarValue(c == '\'' ? inner.Replace("''", "'") : inner, true, line, column);
            }
            switch (c)
            {
                case '&': throw new YamlSubsetException(line, column, "anchors (&name) are not allowed in an accelerator description; write the values out");
                case '*': throw new YamlSubsetException(line, column, "aliases (*name) are not allowed in an accelerator description; write the value out");
                case '!': throw new YamlSubsetException(line, column, "tags (!name) are not used in an accelerator description; write the plain value");
                case '|':
                case '>': throw new YamlSubsetException(line, column, "multi-line values are not used in an accelerator description; write the value on one line");
                case '[': throw new YamlSubsetException(line, column, "a list; an accelerator description has no lists: write a mapping of names to values");
                case '@':
                case '`': throw new YamlSubsetException(line, column, $"a value cannot start with '{c}'");
            }
            if (FindColon(text) >= 0) throw new YamlSubsetException(line, column, "a second 'key:' on one line; put each key on its own line, or use { key: value, … }");
            return new YamlScalarValue(text, false, line, column);
        }

        private static void CheckKey(string key, int line, int column)
        {
            if (key.Length == 0) throw new YamlSubsetException(line, column, "an empty key");
            if (key[0] == '?') throw new YamlSubsetException(line, column, "complex keys ('? …') are not used; a mapping key must be a plain name");
            if (key[0] == '&' || key[0] == '*') throw new YamlSubsetException(line, column, "anchors and aliases are not allowed as keys; a mapping key must be a plain name");
            foreach (char ch in key)
            {
                if (!(char.IsLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.')) throw new YamlSubsetException(line, column, $"'{Shorten(key)}' is not a plain name; a mapping key is letters, digits, '_', '-' and '.'");
            }
        }

        // The first ':' followed by a space or the end, outside quotes.
        private static int FindColon(string text)
        {
            char quote = '\0';
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                if ((c == '"' || c == '\'') && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '{' || text[i - 1] == ':')) { quote = c; continue; }
                if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' ')) return i;
            }
            return -1;
        }

        // Everything from a '#' that starts the line or follows a space, outside quotes.
        private static string StripComment(string line, int number)
        {
            char quote = '\0';
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (char.IsControl(c) && c != '\t') throw new YamlSubsetException(number, i + 1, string.Format(CultureInfo.InvariantCulture, "a control character (U+{0:X4}); remove it", (int)c));
                if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                if (c == '"' || c == '\'') { if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '{' || line[i - 1] == ':') quote = c; continue; }
                if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.Substring(0, i);
            }
            return line;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}

internal sealed class YamlScalarValue : YamlTreeNode
{
    public YamlScalarValue(string value, bool quoted, int line, int column) : base(line, column)
    {
        Value = value;
        Quoted = quoted;
    }

    public string Value { get; }
    public bool Quoted { get; }
}

internal sealed class YamlMappingValue : YamlTreeNode
{
    public YamlMappingValue(IReadOnlyList<KeyValuePair<YamlScalarValue, YamlTreeNode>> entries, int line, int column) : base(line, column) => Entries = entries;

    public IReadOnlyList<KeyValuePair<YamlScalarValue, YamlTreeNode>> Entries { get; }
}
