using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Knobs.Configurations;

/// <summary>The state machine behind <see cref="ConfigurationReader"/>: one pass, line by line.</summary>
internal sealed class ConfigurationParser
{
    private const string BlockStart = "+++++";
    private const string BlockEnd = "-----";

    private readonly string _file;
    private readonly ConfigurationReaderOptions _options;
    private readonly List<ConfigurationDiagnostic> _diagnostics = new();
    private readonly List<Configuration> _configurations = new();
    private readonly List<Token> _tokens = new();
    private int _errors;

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

    public ConfigurationReadResult Parse(TextReader input)
    {
        var reader = new BoundedLineReader(input, _options.MaxLineLength);
        string? firstLine = null;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
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
                firstLine = line;
                ReadFirstLine(line);
            }
            else
            {
                ReadLine(line, lineNumber);
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
        if (!CheckCharacters(line, 1)) return;
        string text = line.TrimEnd(' ');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            Error(DiagnosticIds.FirstLineNotNumber, 1, 1,
                $"the first line must be a number (HPVM writes the baseline time there), found '{Shorten(line)}'");
        }
    }

    private void ReadLine(string line, int n)
    {
        if (line.Length == 0 || line.Trim().Length == 0)
        {
            Error(DiagnosticIds.BlankLine, n, 1, "blank line; configuration files have none (remove it)");
            return;
        }
        if (!CheckCharacters(line, n)) return;
        string content = line.TrimEnd(' ');
        if (line == BlockStart || content == BlockStart)
        {
            if (_header is not null || _nodes is not null)
            {
                Error(DiagnosticIds.MissingBlockEnd, n, 1,
                    FormattableString.Invariant($"'+++++' before the configuration started on line {_blockLine} was closed with '-----'"));
                CloseBlock(n, complete: false);
            }
            _nodes = new List<ConfigurationNode>();
            _header = null;
            _blockLine = n;
            return;
        }
        if (content == BlockEnd)
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
            Error(DiagnosticIds.ExpectedBlockStart, n, 1, $"expected '+++++' to start a configuration, found '{Shorten(line)}'");
            return;
        }
        List<Token> tokens = Tokenize(line, n);
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

    private void ReadHeader(List<Token> tokens, int n)
    {
        _header = tokens.Select(t => t.Text).ToList();
        _headerLine = n;
        if (tokens.Count < 5)
        {
            Error(DiagnosticIds.BadHeader, n, 1, FormattableString.Invariant(
                $"header has {tokens.Count} fields; expected 'name speedup energy accuracy accuracy_loss [extra…]'"));
            return;
        }
        string[] names = { "speedup", "energy", "accuracy", "accuracy_loss" };
        for (int i = 1; i <= 4; i++)
        {
            bool naAllowed = i <= 2;
            string text = tokens[i].Text;
            if (naAllowed && text == "NA") continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
            {
                Error(DiagnosticIds.BadHeader, n, tokens[i].Column,
                    $"header field {names[i - 1]} must be a number{(naAllowed ? " or NA" : "")}, found '{Shorten(text)}'");
            }
        }
    }

    private void ReadNode(List<Token> tokens, int n)
    {
        int expectedId = _nodes!.Count + 1;
        if (tokens.Count < 5 || (tokens.Count - 2) % 3 != 0)
        {
            Error(DiagnosticIds.BadNodeLine, n, tokens[tokens.Count - 1].Column, FormattableString.Invariant(
                $"node line has {tokens.Count} fields; expected 'id gpu|cpu op approx int [op approx int]…' (2 + 3 per op)"));
            return;
        }
        if (!tokens[0].TryInt(allowSign: false, out int id))
        {
            Error(DiagnosticIds.BadNodeLine, n, tokens[0].Column, $"node id must be a positive integer, found '{Shorten(tokens[0].Text)}'");
            return;
        }
        if (id != expectedId)
        {
            Error(DiagnosticIds.NodeOrder, n, tokens[0].Column, FormattableString.Invariant(
                $"node id {id} out of order: expected node {expectedId} (ids run 1, 2, 3, … without gaps)"));
        }
        string device = tokens[1].Text;
        if (device != "gpu" && device != "cpu")
        {
            Error(DiagnosticIds.UnknownDevice, n, tokens[1].Column,
                $"unknown device '{Shorten(device)}': expected gpu or cpu{(device == "promise" ? " (PROMISE accelerator knobs are not supported)" : "")}");
        }
        var ops = new List<ConfigurationOp>((tokens.Count - 2) / 3);
        for (int i = 2; i + 2 < tokens.Count; i += 3)
        {
            ConfigurationOp? op = ReadOp(tokens[i], tokens[i + 1], tokens[i + 2], device, n);
            if (op is not null) ops.Add(op);
        }
        if (ops.Count * 3 == tokens.Count - 2)
        {
            CheckShape(expectedId, ops, n, tokens[2].Column);
        }
        _nodes.Add(new ConfigurationNode(expectedId, device, ops, n));
    }

    private ConfigurationOp? ReadOp(Token op, Token approx, Token value, string device, int n)
    {
        bool ok = true;
        string opText = op.Text, approxText = approx.Text;
        if (!ApproxNames.Ops.Contains(opText))
        {
            Error(DiagnosticIds.UnknownOp, n, op.Column, $"unknown op '{Shorten(opText)}'; known ops: {string.Join(", ", ApproxNames.Ops)}");
            ok = false;
        }
        bool knownApprox = ApproxNames.Approx.Contains(approxText) || (_options.ExtraApproxNames?.Contains(approxText) ?? false);
        if (!knownApprox)
        {
            Error(DiagnosticIds.UnknownApprox, n, approx.Column,
                $"unknown approx '{Shorten(approxText)}'; known: {string.Join(", ", ApproxNames.Approx)}{(_options.ExtraApproxNames is { Count: > 0 } extra ? ", " + string.Join(", ", extra) : "")}");
            ok = false;
        }
        else if (device == "cpu" && ApproxNames.IsHalf(approxText))
        {
            Error(DiagnosticIds.Fp16OnCpu, n, approx.Column,
                $"'{approxText}' on a cpu line: HPVM's CPU runtime has no fp16; use gpu for fp16 knobs or an fp32 knob on cpu");
            ok = false;
        }
        if (!value.TryInt(allowSign: true, out int number))
        {
            Error(DiagnosticIds.BadNodeLine, n, value.Column, $"knob number must be an integer, found '{Shorten(value.Text)}'");
            ok = false;
        }
        return ok ? new ConfigurationOp(opText, approxText, number, op.Column) : null;
    }

    private void CheckShape(int nodeId, List<ConfigurationOp> ops, int n, int column)
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

    private static bool SameOps(IReadOnlyList<string> expected, List<ConfigurationOp> ops)
    {
        if (expected.Count != ops.Count) return false;
        for (int i = 0; i < ops.Count; i++)
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

    private bool CheckCharacters(string line, int n)
    {
        int tab = line.IndexOf('\t');
        if (tab >= 0)
        {
            Error(DiagnosticIds.Tab, n, tab + 1, "tab character; HPVM's grammar separates fields with single spaces");
            return false;
        }
        return true;
    }

    private List<Token> Tokenize(string line, int n)
    {
        List<Token> tokens = _tokens;
        tokens.Clear();
        int end = line.Length;
        while (end > 0 && line[end - 1] == ' ') end--;
        if (end < line.Length)
        {
            Warning(DiagnosticIds.TrailingSpace, n, end + 1, "trailing space (ignored; rewriting the file removes it)");
        }
        int start = 0;
        for (int i = 0; i <= end; i++)
        {
            if (i < end && line[i] != ' ') continue;
            if (i == start)
            {
                Error(DiagnosticIds.BadNodeLine, n, i + 1,
                    i == 0 ? "line starts with a space" : "two spaces in a row; fields are separated by single spaces");
                tokens.Clear();
                return tokens;
            }
            tokens.Add(new Token(line, start, i - start));
            start = i + 1;
        }
        return tokens;
    }

    private void Error(string id, int line, int column, string message)
    {
        _errors++;
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Error, message, _file, line, column));
    }

    private void Warning(string id, int line, int column, string message) =>
        _diagnostics.Add(new ConfigurationDiagnostic(id, ConfigurationSeverity.Warning, message, _file, line, column));

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    /// <summary>A field of the current line; its text is only made into a string when asked for (most never are).</summary>
    private readonly struct Token
    {
        private readonly string _line;
        private readonly int _start;
        private readonly int _length;

        public Token(string line, int start, int length)
        {
            _line = line;
            _start = start;
            _length = length;
        }

        public string Text => Vocabulary.Text(_line, _start, _length);
        public int Column => _start + 1;

        /// <summary>Parses a decimal integer (optional leading '-' or '+' when allowed) without allocating.</summary>
        public bool TryInt(bool allowSign, out int value)
        {
            value = 0;
            int i = _start, end = _start + _length;
            bool negative = false;
            if (allowSign && i < end && (_line[i] == '-' || _line[i] == '+'))
            {
                negative = _line[i] == '-';
                i++;
            }
            if (i == end || end - i > 9) return false;
            int v = 0;
            for (; i < end; i++)
            {
                int d = _line[i] - '0';
                if (d < 0 || d > 9) return false;
                v = v * 10 + d;
            }
            value = negative ? -v : v;
            return true;
        }
    }
}
