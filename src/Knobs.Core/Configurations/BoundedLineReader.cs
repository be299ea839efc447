using System;
using System.IO;
using System.Text;

namespace Knobs.Configurations;

/// <summary>
/// Reads lines of at most <c>maxLineLength</c> characters, so a file with one enormous line cannot exhaust memory.
/// Accepts <c>\n</c> and <c>\r\n</c> line ends. Reads in blocks (configuration files can hold millions of lines).
/// </summary>
internal sealed class BoundedLineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLineLength;
    private readonly char[] _block = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    public BoundedLineReader(TextReader reader, int maxLineLength)
    {
        _reader = reader;
        _maxLineLength = maxLineLength;
    }

    /// <summary>True when the most recent line was cut at the length limit.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Characters read so far (including line ends).</summary>
    public long CharsRead { get; private set; }

    /// <summary>The next line without its line end, or null at the end of input.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        LastLineTooLong = false;
        bool any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = _reader.Read(_block, 0, _block.Length);
                _position = 0;
                if (_length <= 0)
                {
                    _length = 0;
                    return any ? Finish() : null;
                }
            }
            any = true;
            int end = Array.IndexOf(_block, '\n', _position, _length - _position);
            int stop = end < 0 ? _length : end;
            int take = stop - _position;
            if (_line.Length + take > _maxLineLength)
            {
                int fits = _maxLineLength - _line.Length;
                _line.Append(_block, _position, fits);
                _position += fits;
                CharsRead += fits;
                LastLineTooLong = true;
                return _line.ToString();
            }
            _line.Append(_block, _position, take);
            CharsRead += take;
            _position = stop;
            if (end >= 0)
            {
                _position++;
                CharsRead++;
                return Finish();
            }
        }
    }

    private string Finish()
    {
        if (_line.Length > 0 && _line[_line.Length - 1] == '\r') _line.Length--;
        return _line.ToString();
    }
}
