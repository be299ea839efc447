using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Knobs.Accelerators.Description;

/// <summary>
/// A small YAML tree built from YamlDotNet's event stream, for accelerator descriptions: mappings (keys in file order),
/// sequences and scalars, each with its line and column. Anchors, aliases, tags on collections, non-scalar keys and
/// nesting deeper than <see cref="MaxDepth"/> are refused as they stream in, so no input can make reading expensive.
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

    public const int MaxDepth = 16;

    /// <summary>Reads one document; throws <see cref="YamlException"/> with a position on anything refused.</summary>
    public static YamlTreeNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        YamlTreeNode root = ReadNode(parser, 0);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out DocumentStart? second))
        {
            throw new YamlException(second.Start, second.End, "an accelerator description is one YAML document, but this file has more; keep one");
        }
        return root;
    }

    private static YamlTreeNode ReadNode(IParser parser, int depth)
    {
        if (depth > MaxDepth) throw new YamlException(parser.Current!.Start, parser.Current.End, "the YAML is nested more than " + MaxDepth + " levels deep; an accelerator description needs at most 3");
        ParsingEvent e = parser.Current!;
        if (e is AnchorAlias) throw new YamlException(e.Start, e.End, "aliases (*name) are not allowed in an accelerator description; write the value out");
        if (e is NodeEvent { Anchor.IsEmpty: false }) throw new YamlException(e.Start, e.End, "anchors (&name) are not allowed in an accelerator description; write the values out");
        int line = (int)Math.Max(1, e.Start.Line), column = (int)Math.Max(1, e.Start.Column);
        switch (e)
        {
            case Scalar s:
                parser.MoveNext();
                return new YamlScalarValue(s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, line, column);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<YamlTreeNode>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, depth + 1));
                return new YamlSequenceValue(items, line, column);
            }
            case MappingStart:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalarValue, YamlTreeNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    ParsingEvent k = parser.Current!;
                    if (k is not Scalar key || (k is NodeEvent { Anchor.IsEmpty: false }))
                    {
                        throw new YamlException(k.Start, k.End, "a mapping key must be a plain name; write the key as a plain name");
                    }
                    parser.MoveNext();
                    var keyNode = new YamlScalarValue(key.Value, false, (int)Math.Max(1, key.Start.Line), (int)Math.Max(1, key.Start.Column));
                    entries.Add(new KeyValuePair<YamlScalarValue, YamlTreeNode>(keyNode, ReadNode(parser, depth + 1)));
                }
                return new YamlMappingValue(entries, line, column);
            }
            default:
                throw new YamlException(e.Start, e.End, "unexpected YAML event " + e.GetType().Name);
        }
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

internal sealed class YamlSequenceValue : YamlTreeNode
{
    public YamlSequenceValue(IReadOnlyList<YamlTreeNode> items, int line, int column) : base(line, column) => Items = items;

    public IReadOnlyList<YamlTreeNode> Items { get; }
}

internal sealed class YamlMappingValue : YamlTreeNode
{
    public YamlMappingValue(IReadOnlyList<KeyValuePair<YamlScalarValue, YamlTreeNode>> entries, int line, int column) : base(line, column) => Entries = entries;

    public IReadOnlyList<KeyValuePair<YamlScalarValue, YamlTreeNode>> Entries { get; }
}
