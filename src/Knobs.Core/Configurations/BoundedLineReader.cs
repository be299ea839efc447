using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Knobs.Configurations;

/// <summary>
/// Reads lines of at most <c>maxLineLength</c> characters, so a file with one enormous line cannot exhaust memory.
/// Accepts <c>\n</c> and <c>\r\n</c> line ends. Reads in blocks (configuration files can hold millions of lines) and
/// hands each line out as a slice of its buffers, so reading allocates no string per line.
/// </summary>
internal sealed class BoundedLineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLineLength;
    private readonly char[] _block = new char[64 * 1024];
    // A line that crosses a block boundary is assembled here (grown as needed, never past the line limit).
    private char[] _line = new char[256];
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

    /// <summary>
    /// The next line without its line end as <paramref name="buffer"/>[<paramref name="start"/>..+<paramref name="length"/>],
    /// valid until the next call; false at the end of input.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public bool ReadLine(out char[] buffer, out int start, out int length)
    {
        LastLineTooLong = false;
        int pending = 0;
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
                    buffer = _line;
                    start = 0;
                    length = any ? WithoutCarriageReturn(_line, 0, pending) : 0;
                    return any;
                }
            }
            any = true;
            int end = _block.AsSpan(_position, _length - _position).IndexOf('\n');
            int stop = end < 0 ? _length : _position + end;
            int take = stop - _position;
            if (pending + take > _maxLineLength)
            {
                int fits = _maxLineLength - pending;
                if (pending == 0)
                {
                    buffer = _block;
                    start = _position;
                }
                else
                {
                    Append(pending, fits);
                    buffer = _line;
                    start = 0;
                }
                length = pending + fits;
                _position += fits;
                CharsRead += fits;
                LastLineTooLong = true;
                return true;
            }
            CharsRead += take;
            if (end >= 0)
            {
                CharsRead++;
                if (pending == 0)
                {
                    buffer = _block;
                    start = _position;
                    length = WithoutCarriageReturn(_block, _position, take);
                }
                else
                {
                    Append(pending, take);
                    buffer = _line;
                    start = 0;
                    length = WithoutCarriageReturn(_line, 0, pending + take);
                }
                _position = stop + 1;
                return true;
            }
            Append(pending, take);
            pending += take;
            _position = stop;
        }
    }

    private void Append(int pending, int count)
    {
        if (pending + count > _line.Length)
        {
            var grown = new char[Math.Max(pending + count, Math.Min(_line.Length * 2, _maxLineLength + 1))];
            Array.Copy(_line, grown, pending);
            _line = grown;
        }
        Array.Copy(_block, _position, _line, pending, count);
    }

    private static int WithoutCarriageReturn(char[] buffer, int start, int length) =>
        length > 0 && buffer[start + length - 1] == '\r' ? length - 1 : length;
}
