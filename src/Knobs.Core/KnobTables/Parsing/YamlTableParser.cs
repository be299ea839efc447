using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Knobs.KnobTables;

/// <summary>
/// The native YAML format (docs/knob-tables.md): a mapping with <c>types:</c> (user-defined knob types) and <c>knobs:</c>.
/// Uses YamlDotNet's representation model, so every node keeps its line and column.
/// </summary>
internal static class YamlTableParser
{
    public static KnobTable? Parse(string file, string text, DiagnosticBag bag)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException?.Message ?? ex.Message;
            // YamlDotNet reports a TAB in indentation where the enclosing block began; point at the TAB instead.
            SourceLocation at = message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FindIndentationTab(file, text) is SourceLocation tab
                ? tab
                : Loc(file, ex.Start);
            bag.Add(KnobDiagnosticCatalog.YamlSyntax, at, message);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input; report them after the last well-formed token.
            bag.Add(KnobDiagnosticCatalog.YamlSyntax, Loc(file, parser.LastGoodEnd), "YamlDotNet could not scan the text after this point (" + ex.Message + ")");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            bag.Add(KnobDiagnosticCatalog.YamlSchema, Loc(file, stream.Documents[1].RootNode.Start), "a knob table is one YAML document, but this file has " + stream.Documents.Count + "; merge them into one");
            return null;
        }
        var rows = new List<RawKnob>();
        var userTypes = new List<KnobType>();
        YamlNode? root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" } || root is null)
        {
            return TableAssembler.Assemble(file, rows, userTypes, bag);
        }
        var reader = new YamlNodes(file, bag);
        if (reader.Mapping(root, "the top level of a knob table", "keys 'types' and 'knobs'") is not YamlMappingNode top) return null;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in top.Children)
        {
            string key = reader.Key(entry.Key);
            if (key == "types") ParseTypes(reader, entry.Value, userTypes);
            else if (key == "knobs") ParseKnobs(reader, entry.Value, rows);
            else reader.UnknownKey(entry.Key, key, "the top level", "types, knobs");
        }
        if (bag.HasErrors) return null;
        return TableAssembler.Assemble(file, rows, userTypes, bag);
    }

    private static void ParseTypes(YamlNodes reader, YamlNode node, List<KnobType> types)
    {
        if (reader.Sequence(node, "'types'", "a list of knob type declarations") is not YamlSequenceNode list) return;
        var declared = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (YamlNode item in list.Children)
        {
            if (reader.Bag.IsFull) return;
            KnobType? type = YamlKnobTypeParser.Parse(reader, item);
            if (type is null) continue;
            if (BuiltInKnobTypes.Find(type.Name) is not null)
            {
                reader.Bag.Add(KnobDiagnosticCatalog.DuplicateKnobType, type.Location, type.Name, "a built-in type");
            }
            else if (declared.TryGetValue(type.Name, out SourceLocation first))
            {
                reader.Bag.Add(KnobDiagnosticCatalog.DuplicateKnobType, type.Location, type.Name, "declared at " + first);
            }
            else
            {
                declared[type.Name] = type.Location;
                types.Add(type);
            }
        }
    }

    private static void ParseKnobs(YamlNodes reader, YamlNode node, List<RawKnob> rows)
    {
        if (reader.Sequence(node, "'knobs'", "a list of knobs") is not YamlSequenceNode list) return;
        foreach (YamlNode item in list.Children)
        {
            if (reader.Bag.IsFull) return;
            RawKnob? knob = YamlKnobParser.Parse(reader, item);
            if (knob is not null) rows.Add(knob);
        }
    }

    private static SourceLocation? FindIndentationTab(string file, string text)
    {
        foreach ((int number, string line) in TextLines.Enumerate(text))
        {
            for (int i = 0; i < line.Length && (line[i] == ' ' || line[i] == '\t'); i++)
            {
                if (line[i] == '\t') return new SourceLocation(file, number, i + 1);
            }
        }
        return null;
    }

    internal static SourceLocation Loc(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>
    /// Remembers where the last successfully parsed event ended (for errors YamlDotNet reports without a position), stops at
    /// <see cref="MaxDepth"/> levels of nesting (YamlDotNet's representation model recurses per level, and a file of nested
    /// brackets would otherwise overflow the stack of the compiler process), and refuses any mapping key that is not a plain
    /// scalar: a knob table's keys are names, and YamlDotNet hashes a sequence or mapping key through its aliases, so
    /// anchors doubling at each level (<c>? &amp;x1 [*x0, *x0]</c>) would take 2ⁿ time before any schema check ran.
    /// </summary>
    private sealed class TrackingParser : IParser
    {
        public const int MaxDepth = 64;

        private readonly IParser inner;

        // One entry per open collection: true for a mapping whose next node is a key.
        private readonly Stack<Frame> open = new();

        public TrackingParser(IParser inner) => this.inner = inner;

        public Mark LastGoodEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is not null) LastGoodEnd = inner.Current.End;
            if (!inner.MoveNext()) return false;
            ParsingEvent current = inner.Current!;
            switch (current)
            {
                case Scalar:
                    CheckKey(current);
                    NodeDone();
                    break;
                case AnchorAlias:
                    CheckKey(current);
                    NodeDone();
                    break;
                case SequenceStart:
                case MappingStart:
                    CheckKey(current);
                    if (open.Count >= MaxDepth)
                    {
                        throw new YamlException(current.Start, current.End, "the YAML is nested more than " + MaxDepth + " levels deep, but a knob table needs at most 4");
                    }
                    open.Push(new Frame(current is MappingStart, ExpectKey: current is MappingStart));
                    break;
                case SequenceEnd:
                case MappingEnd:
                    if (open.Count > 0) open.Pop();
                    NodeDone();
                    break;
            }
            return true;
        }

        private void CheckKey(ParsingEvent node)
        {
            if (open.Count == 0 || !open.Peek().ExpectKey) return;
            if (node is AnchorAlias)
            {
                throw new YamlException(node.Start, node.End, "an alias (*name) cannot be a mapping key in a knob table; write the key as a plain name");
            }
            if (node is not Scalar)
            {
                throw new YamlException(node.Start, node.End, "a mapping key must be a plain name, but this one is a " + (node is MappingStart ? "mapping" : "list") + "; write the key as a plain name");
            }
        }

        private void NodeDone()
        {
            if (open.Count > 0 && open.Peek().IsMapping)
            {
                Frame top = open.Pop();
                open.Push(top with { ExpectKey = !top.ExpectKey });
            }
        }

        private readonly record struct Frame(bool IsMapping, bool ExpectKey);
    }
}
