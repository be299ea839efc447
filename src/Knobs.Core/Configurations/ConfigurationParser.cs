using System;
using Knobs.Profiles;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Knobs.KnobTables;

namespace Knobs.Configurations;

/// <summary>
/// The state machine behind <see cref="ConfigurationReader"/>: one pass, line by line. Lines are slices of the reader's
/// buffers (no string per line); op and approx names are matched against a fixed table, and identical op entries
/// (same op, approx, integer and column) share one <see cref="ConfigurationOp"/>, and node lines with the same entries
/// share one read-only op list, so a node line that repeats earlier entries costs one allocation (its node).
/// </summary>
internal sealed class ConfigurationParser
{
    private const string BlockStart = "+++++";
    private const string BlockEnd = "-----";

    private readonly string _file;
    private readonly ConfigurationReaderOptions _options;
    private readonly List<ConfigurationDiagnostic> _diagnostics = new();
    private readonly List<Configuration> _configurations = new();
    private readonly List<Token> _tokens = new();
    // Configuration names already read, with their header line.
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private int _errors;
    // Op entries already built, by op code, approx code, integer and column (see OpKey).
    private readonly Dictionary<long, ConfigurationOp> _ops = new();
    // Op lists already built from shared entries, by a hash of the entries (checked entry by entry on a hit): node
    // lines that say the same after their id share one read-only list.
    private readonly Dictionary<int, ConfigurationOp[]> _opLists = new();
    private ConfigurationOp[] _scratch = new ConfigurationOp[8];

    // The line being read: _buffer[_start.._start+_length].
    private char[] _buffer = Array.Empty<char>();
    private int _start;
    private int _length;

    // The block being read: null outside a block.
    private List<string>? _header;
    private int _headerLine;
    private List<ConfigurationNode>? _nodes;
    private int _blockLine;
    private IReadOnlyList<IReadOnlyList<string>>? _shape;

    public ConfigurationParser(string file, ConfigurationReaderOptions options)
    {
        _file = file;
        _options = options;
        _shape = options.Nodes;
    }

    [MethodImpl(HotPath.Optimized)]
    public ConfigurationReadResult Parse(TextReader input)
    {
        var reader = new BoundedLineReader(input, _options.MaxLineLength);
        string? firstLine = null;
        int lineNumber = 0;
        while (reader.ReadLine(out _buffer, out _start, out _length))
        {
            lineNumber++;
            if (reader.LastLineTooLong)
            {
                Error(DiagnosticIds.TooLarge, lineNumber, _options.MaxLineLength + 1, FormattableString.Invariant(
                    $"line is longer than {_options.MaxLineLength} characters; reading stopped"));
                return Finish(firstLine, lineNumber, stopped: true);
            }
            if (reader.CharsRead > _options.MaxChars)
            {
                Error(DiagnosticIds.TooLarge, lineNumber, 1, FormattableString.Invariant(
                    $"the file is over the limit of {_options.MaxChars} characters; reading stopped. Split it into smaller files"));
                return Finish(firstLine, lineNumber, stopped: true);
            }
            if (lineNumber == 1)
            {
                firstLine = Line.ToString();
                ReadFirstLine(firstLine);
            }
            else
            {
                ReadLine(lineNumber);
            }
            if (_errors >= _options.MaxErrors)
            {
                Error(DiagnosticIds.TooManyErrors, lineNumber, 1, "too many errors; reading stopped");
                return Finish(firstLine, lineNumber, stopped: true);
            }
        }
        return Finish(firstLine, lineNumber, stopped: false);
    }

    private void ReadFirstLine(string line)
    {
        if (!CheckCharacters(1)) return;
        string text = line.TrimEnd(' ');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            Error(DiagnosticIds.FirstLineNotNumber, 1, 1,
                $"the first line must be a number (HPVM writes the baseline time there), found '{Shorten(line)}'");
        }
    }

    /// <summary>The line being read.</summary>
    private ReadOnlySpan<char> Line => new(_buffer, _start, _length);

    [MethodImpl(HotPath.Optimized)]
    private void ReadLine(int n)
    {
        ReadOnlySpan<char> line = Line;
        if (line.Length == 0 || line.Trim().Length == 0)
        {
            Error(DiagnosticIds.BlankLine, n, 1, "blank line; configuration files have none (remove it)");
            return;
        }
        if (!CheckCharacters(n)) return;
        ReadOnlySpan<char> content = line.TrimEnd(' ');
        if (content.SequenceEqual(BlockStart.AsSpan()))
        {
            if (_header is not null || _nodes is not null)
            {
                Error(DiagnosticIds.MissingBlockEnd, n, 1,
                    FormattableString.Invariant($"'+++++' before the configuration started on line {_blockLine} was closed with '-----'"));
                CloseBlock(n, complete: false);
            }
            _nodes = new List<ConfigurationNode>(_shape?.Count ?? 4);
            _header = null;
            _blockLine = n;
            return;
        }
        if (content.SequenceEqual(BlockEnd.AsSpan()))
        {
            if (_nodes is null)
            {
                Error(DiagnosticIds.ExpectedBlockStart, n, 1, "'-----' without a '+++++' block before it");
                return;
            }
            CloseBlock(n, complete: true);
            return;
        }
        if (_nodes is null)
        {
            Error(DiagnosticIds.ExpectedBlockStart, n, 1, $"expected '+++++' to start a configuration, found '{Shorten(line.ToString())}'");
            return;
        }
        List<Token> tokens = Tokenize(n);
        if (tokens.Count == 0) return;
        if (_header is null)
        {
            ReadHeader(tokens, n);
        }
        else
        {
            ReadNode(tokens, n);
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private void ReadHeader(List<Token> tokens, int n)
    {
        var header = new List<string>(tokens.Count);
        foreach (Token token in tokens) header.Add(Text(token));
        _header = header;
        _headerLine = n;
        if (tokens.Count < 5)
        {
            Error(DiagnosticIds.BadHeader, n, 1, FormattableString.Invariant(
                $"header has {tokens.Count} fields; expected 'name speedup energy accuracy accuracy_loss [extra…]'"));
            return;
        }
        if (NameProblem(header[0]) is string problem)
        {
            Error(DiagnosticIds.BadName, n, tokens[0].Column,
                $"configuration name '{Shorten(header[0])}' {problem}; a name names files, so use letters, digits, '_', '-', '.' and '+' (e.g. conf12)");
        }
        else if (_names.TryGetValue(header[0], out int first))
        {
            Error(DiagnosticIds.BadName, n, tokens[0].Column, FormattableString.Invariant(
                $"configuration name '{header[0]}' is also used on line {first}; every configuration needs its own name (results are stored by name)"));
        }
        else
        {
            _names.Add(header[0], n);
        }
        string[] names = { "speedup", "energy", "accuracy", "accuracy_loss" };
        for (int i = 1; i <= 4; i++)
        {
            bool naAllowed = i <= 2;
            string text = header[i];
            if (naAllowed && text == "NA") continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
            {
                Error(DiagnosticIds.BadHeader, n, tokens[i].Column,
                    $"header field {names[i - 1]} must be a number{(naAllowed ? " or NA" : "")}, found '{Shorten(text)}'");
            }
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private void ReadNode(List<Token> tokens, int n)
    {
        int expectedId = _nodes!.Count + 1;
        if (tokens.Count < 5 || (tokens.Count - 2) % 3 != 0)
        {
            Error(DiagnosticIds.BadNodeLine, n, tokens[tokens.Count - 1].Column, FormattableString.Invariant(
                $"node line has {tokens.Count} fields; expected 'id gpu|cpu op approx int [op approx int]…' (2 + 3 per op)"));
            return;
        }
        if (!TryInt(tokens[0], allowSign: false, out int id))
        {
            Error(DiagnosticIds.BadNodeLine, n, tokens[0].Column, $"node id must be a positive integer, found '{Shorten(Text(tokens[0]))}'");
            return;
        }
        if (id != expectedId)
        {
            Error(DiagnosticIds.NodeOrder, n, tokens[0].Column, FormattableString.Invariant(
                $"node id {id} out of order: expected node {expectedId} (ids run 1, 2, 3, … without gaps)"));
        }
        ReadOnlySpan<char> deviceText = Span(tokens[1]);
        string device = deviceText.SequenceEqual("gpu".AsSpan()) ? "gpu" : deviceText.SequenceEqual("cpu".AsSpan()) ? "cpu" : Text(tokens[1]);
        // Knobs extension: accel:<name> runs the node on a modelled accelerator (HPVM's files only say gpu or cpu).
        if (device != "gpu" && device != "cpu" && !(device.StartsWith("accel:", StringComparison.Ordinal) && ProfileDevice.IsKind(device)))
        {
            Error(DiagnosticIds.UnknownDevice, n, tokens[1].Column,
                $"unknown device '{Shorten(device)}': expected gpu, cpu or accel:<name> (a modelled accelerator){(device == "promise" ? " (PROMISE accelerator knobs are not supported)" : "")}");
        }
        int count = (tokens.Count - 2) / 3;
        if (_scratch.Length < count) _scratch = new ConfigurationOp[count];
        ConfigurationOp[] scratch = _scratch;
        int read = 0;
        for (int i = 2; i + 2 < tokens.Count; i += 3)
        {
            ConfigurationOp? op = ReadOp(tokens[i], tokens[i + 1], tokens[i + 2], device, n);
            if (op is not null) scratch[read++] = op;
        }
        ConfigurationOp[] ops = read == count ? SharedList(scratch, count) : Copy(scratch, read);
        if (read == count)
        {
            CheckShape(expectedId, ops, n, tokens[2].Column);
        }
        _nodes.Add(new ConfigurationNode(expectedId, device, ops, n));
    }

    [MethodImpl(HotPath.Optimized)]
    private ConfigurationOp? ReadOp(Token op, Token approx, Token value, string device, int n)
    {
        bool ok = true;
        int opCode = Vocabulary.Find(Span(op), Vocabulary.Ops);
        int approxCode = Vocabulary.Find(Span(approx), Vocabulary.Approx);
        bool parsed = TryInt(value, allowSign: true, out int number);
        // The common case: a known op and approx, an integer, a device that can take it: share the entry.
        if (opCode >= 0 && approxCode >= 0 && parsed && op.Column <= MaxKeyColumn
            && (device != "cpu" || !KnobIdentity.IsHalfApprox(Vocabulary.Approx[approxCode])))
        {
            long key = OpKey(opCode, approxCode, number, op.Column);
            if (!_ops.TryGetValue(key, out ConfigurationOp? shared))
            {
                shared = new ConfigurationOp(Vocabulary.Ops[opCode], Vocabulary.Approx[approxCode], number, op.Column);
                _ops.Add(key, shared);
            }
            return shared;
        }
        string opText = Text(op), approxText = Text(approx);
        if (opCode < 0)
        {
            Error(DiagnosticIds.UnknownOp, n, op.Column, $"unknown op '{Shorten(opText)}'; known ops: {string.Join(", ", ApproxNames.Ops)}");
            ok = false;
        }
        bool knownApprox = approxCode >= 0 || (_options.ExtraApproxNames?.Contains(approxText) ?? false);
        if (!knownApprox)
        {
            Error(DiagnosticIds.UnknownApprox, n, approx.Column,
                $"unknown approx '{Shorten(approxText)}'; known: {string.Join(", ", ApproxNames.Approx)}{(_options.ExtraApproxNames is { Count: > 0 } extra ? ", " + string.Join(", ", extra) : "")}");
            ok = false;
        }
        else if (device == "cpu" && KnobIdentity.IsHalfApprox(approxText))
        {
            Error(DiagnosticIds.Fp16OnCpu, n, approx.Column,
                $"'{approxText}' on a cpu line: HPVM's CPU runtime has no fp16; use gpu for fp16 knobs or an fp32 knob on cpu");
            ok = false;
        }
        if (!parsed)
        {
            Error(DiagnosticIds.BadNodeLine, n, value.Column, $"knob number must be an integer, found '{Shorten(Text(value))}'");
            ok = false;
        }
        return ok ? new ConfigurationOp(opText, approxText, number, op.Column) : null;
    }

    /// <summary>The list of <paramref name="ops"/>[0..count], shared with earlier node lines that had the same entries.</summary>
    [MethodImpl(HotPath.Optimized)]
    private ConfigurationOp[] SharedList(ConfigurationOp[] ops, int count)
    {
        int hash = count;
        for (int i = 0; i < count; i++) hash = (hash * 31) + RuntimeHelpers.GetHashCode(ops[i]);
        if (_opLists.TryGetValue(hash, out ConfigurationOp[]? list) && list.Length == count)
        {
            bool same = true;
            for (int i = 0; i < count && same; i++) same = ReferenceEquals(list[i], ops[i]);
            if (same) return list;
            return Copy(ops, count); // a hash collision: keep the first list
        }
        list = Copy(ops, count);
        _opLists[hash] = list;
        return list;
    }

    private static ConfigurationOp[] Copy(ConfigurationOp[] ops, int count)
    {
        var copy = new ConfigurationOp[count];
        Array.Copy(ops, copy, count);
        return copy;
    }

    /// <summary>The largest column an op entry key holds (entries further right, on lines over 16 Mi characters, are not shared).</summary>
    private const int MaxKeyColumn = 0xFFFFFF;

    /// <summary>Packs an op entry: op code (4 bits), approx code (3 bits), column (24 bits), integer (32 bits).</summary>
    private static long OpKey(int opCode, int approxCode, int number, int column) =>
        ((long)opCode << 59) | ((long)approxCode << 56) | ((long)column << 32) | (uint)number;

    [MethodImpl(HotPath.Optimized)]
    private void CheckShape(int nodeId, ConfigurationOp[] ops, int n, int column)
    {
        if (_shape is null) return;
        if (nodeId > _shape.Count)
        {
            Error(DiagnosticIds.ShapeMismatch, n, 1, FormattableString.Invariant(
                $"node {nodeId} does not exist: the benchmark has {_shape.Count} nodes"));
            return;
        }
        IReadOnlyList<string> expected = _shape[nodeId - 1];
        if (!SameOps(expected, ops))
        {
            Error(DiagnosticIds.ShapeMismatch, n, column, FormattableString.Invariant(
                $"node {nodeId} has ops '{string.Join(" ", ops.Select(o => o.Op))}' but the benchmark's node {nodeId} is '{string.Join(" ", expected)}'"));
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private static bool SameOps(IReadOnlyList<string> expected, ConfigurationOp[] ops)
    {
        if (expected.Count != ops.Length) return false;
        for (int i = 0; i < ops.Length; i++)
        {
            if (!string.Equals(expected[i], ops[i].Op, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private void CloseBlock(int n, bool complete)
    {
        if (_header is null)
        {
            Error(DiagnosticIds.BadHeader, n, 1, FormattableString.Invariant($"the configuration starting on line {_blockLine} has no header line"));
        }
        else if (_nodes!.Count == 0)
        {
            Error(DiagnosticIds.BadNodeLine, n, 1, FormattableString.Invariant($"the configuration starting on line {_blockLine} has no node lines"));
        }
        else
        {
            if (complete && _shape is not null && _nodes.Count != _shape.Count)
            {
                Error(DiagnosticIds.ShapeMismatch, n, 1, FormattableString.Invariant(
                    $"configuration '{_header[0]}' has {_nodes.Count} nodes but the benchmark has {_shape.Count}"));
            }
            if (_header.Count >= 5)
            {
                _configurations.Add(new Configuration(_configurations.Count + 1, _headerLine, _header, _nodes));
                // Without a benchmark to check against, the first configuration defines the nodes.
                _shape ??= _nodes.Select(node => (IReadOnlyList<string>)node.Ops.Select(o => o.Op).ToList()).ToList();
            }
        }
        _header = null;
        _nodes = null;
    }

    private ConfigurationReadResult Finish(string? firstLine, int lines, bool stopped)
    {
        if (!stopped)
        {
            if (firstLine is null)
            {
                Error(DiagnosticIds.NoConfigurations, 0, 0, "the file is empty; expected a number on the first line, then '+++++' blocks");
            }
            else if (_nodes is not null)
            {
                Error(DiagnosticIds.MissingBlockEnd, lines, 1, FormattableString.Invariant(
                    $"the file ends inside the configuration started on line {_blockLine}: '-----' is missing (truncated file?)"));
            }
            else if (_configurations.Count == 0 && _errors == 0)
            {
                Error(DiagnosticIds.NoConfigurations, lines, 1, "the file has no configurations ('+++++' … '-----' blocks)");
            }
        }
        bool failed = _errors > 0;
        return new ConfigurationReadResult(failed ? null : new ConfigurationFile(_file, firstLine ?? "", _configurations), _diagnostics);
    }

    [MethodImpl(HotPath.Optimized)]
    private bool CheckCharacters(int n)
    {
        int tab = Line.IndexOf('\t');
        if (tab >= 0)
        {
            Error(DiagnosticIds.Tab, n, tab + 1, "tab character; HPVM's grammar separates fields with single spaces");
            return false;
        }
        ReadOnlySpan<char> line = Line;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
            {
                Error(DiagnosticIds.ControlCharacter, n, i + 1, FormattableString.Invariant(
                    $"control character U+{(int)c:X4}; configuration files hold printable text only (remove it)"));
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a configuration, or null. Names become file names (one profile per
    /// configuration), so they are letters, digits, '_', '-', '.' and '+', do not start with '.', and have at most
    /// <see cref="MaxNameLength"/> characters.
    /// </summary>
    public static string? NameProblem(string name)
    {
        if (name.Length > MaxNameLength) return FormattableString.Invariant($"has {name.Length} characters, more than {MaxNameLength}");
        if (name[0] == '.') return "starts with '.'";
        foreach (char c in name)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '+';
            if (!ok) return FormattableString.Invariant($"contains '{c}' (U+{(int)c:X4})");
        }
        return null;
    }

    /// <summary>The longest configuration name accepted.</summary>
    public const int MaxNameLength = 100;

    [MethodImpl(HotPath.Optimized)]
    private List<Token> Tokenize(int n)
    {
        List<Token> tokens = _tokens;
        tokens.Clear();
        ReadOnlySpan<char> line = Line;
        int end = line.Length;
        while (end > 0 && line[end - 1] == ' ') end--;
        if (end < line.Length)
        {
            Warning(DiagnosticIds.TrailingSpace, n, end + 1, "trailing space (ignored; rewriting the file removes it)");
        }
        int start = 0;
        while (true)
        {
            int space = line.Slice(start, end - start).IndexOf(' ');
            int i = space < 0 ? end : start + space;
            if (i == start)
            {
                Error(DiagnosticIds.BadNodeLine, n, i + 1,
                    i == 0 ? "line starts with a space" : "two spaces in a row; fields are separated by single spaces");
                tokens.Clear();
                return tokens;
            }
            tokens.Add(new Token(start, i - start));
            if (i == end) return tokens;
            start = i + 1;
        }
    }

    /// <summary>A field of the current line.</summary>
    private ReadOnlySpan<char> Span(Token token) => new(_buffer, _start + token.Start, token.Length);

    /// <summary>A field of the current line as a string (shared when it is a known word).</summary>
    private string Text(Token token) => Vocabulary.Text(Span(token));

    /// <summary>Parses a decimal integer (optional leading '-' or '+' when allowed) without allocating.</summary>
    [MethodImpl(HotPath.Optimized)]
    private bool TryInt(Token token, bool allowSign, out int value)
    {
        value = 0;
        ReadOnlySpan<char> text = Span(token);
        int i = 0;
        bool negative = false;
        if (allowSign && text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i++;
        }
        if (i == text.Length || text.Length - i > 9) return false;
        int v = 0;
        for (; i < text.Length; i++)
        {
            int d = text[i] - '0';
            if (d < 0 || d > 9) return false;
            v = v * 10 + d;
        }
        value = negative ? -v : v;
        return true;
    }

    private void Error(string id, int line, int column, string message)
    {
        _errors++;
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Error, message, _file, line, column));
    }

    private void Warning(string id, int line, int column, string message) =>
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Warning, message, _file, line, column));

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    /// <summary>A field of the current line: where it starts in the line and how long it is.</summary>
    private readonly struct Token
    {
        public Token(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }
        public int Length { get; }
        public int Column => Start + 1;
    }
}
