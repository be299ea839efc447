using System.IO;
using System.Text;

namespace Knobs.Configurations;

/// <summary>
/// Reads lines of at most <c>maxLineLength</c> characters, so a file with one enormous line cannot exhaust memory.
/// Accepts <c>\n</c> and <c>\r\n</c> line ends; reports whether the last line had a line end.
/// </summary>
internal sealed class BoundedLineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLineLength;
    private readonly StringBuilder _buffer = new();

    public BoundedLineReader(TextReader reader, int maxLineLength)
    {
        _reader = reader;
        _maxLineLength = maxLineLength;
    }

    /// <summary>True when the most recent line was cut at the length limit.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Characters read so far.</summary>
    public long CharsRead { get; private set; }

    /// <summary>The next line without its line end, or null at the end of input.</summary>
    public string? ReadLine()
    {
        _buffer.Clear();
        LastLineTooLong = false;
        int c;
        bool any = false;
        while ((c = _reader.Read()) >= 0)
        {
            CharsRead++;
            any = true;
            if (c == '\n') break;
            if (_buffer.Length >= _maxLineLength)
            {
                LastLineTooLong = true;
                return _buffer.ToString();
            }
            _buffer.Append((char)c);
        }
        if (!any) return null;
        if (_buffer.Length > 0 && _buffer[_buffer.Length - 1] == '\r') _buffer.Length--;
        return _buffer.ToString();
    }
}
