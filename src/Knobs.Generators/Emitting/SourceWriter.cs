using System.Text;

namespace Knobs.Generators.Emitting;

/// <summary>Indented text with '\n' line ends (generated files are byte-identical on every OS).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            _builder.Append(' ', _indent * 4).Append(line).Append('\n');
        }
        return this;
    }

    public SourceWriter Open(string header)
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
