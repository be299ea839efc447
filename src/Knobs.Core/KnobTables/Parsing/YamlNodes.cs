using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace Knobs.KnobTables;

/// <summary>Typed access to YAML nodes that reports schema problems (KNB0017) at the node's position.</summary>
internal sealed class YamlNodes
{
    public YamlNodes(string file, DiagnosticBag bag)
    {
        File = file;
        Bag = bag;
    }

    public string File { get; }

    public DiagnosticBag Bag { get; }

    public SourceLocation Loc(YamlNode node) => YamlTableParser.Loc(File, node.Start);

    public YamlMappingNode? Mapping(YamlNode node, string what, string expected)
    {
        if (node is YamlMappingNode mapping) return mapping;
        Schema(node, what + " must be a mapping with " + expected);
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what, string expected)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        Schema(node, what + " must be " + expected + " (items starting with '- ')");
        return null;
    }

    public string Key(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    public Located? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value)) return new Located(scalar.Value!.Trim(), Loc(node));
        Schema(node, what + " must be a single value");
        return null;
    }

    /// <summary>A scalar or a flow/block list of scalars; a scalar may itself be comma-separated (<c>1,2,0</c>).</summary>
    public List<Located>? ScalarList(YamlNode node, string what)
    {
        var values = new List<Located>();
        if (node is YamlScalarNode scalar)
        {
            if (string.IsNullOrEmpty(scalar.Value)) return values;
            foreach (Located part in FieldSplitter.SplitCommas(new Located(scalar.Value!, Loc(node)))) values.Add(part);
            return values;
        }
        if (node is YamlSequenceNode sequence)
        {
            foreach (YamlNode item in sequence.Children)
            {
                Located? value = Scalar(item, "each item of " + what);
                if (value is null) return null;
                values.Add(value.Value);
            }
            return values;
        }
        Schema(node, what + " must be a value or a list of values");
        return null;
    }

    public void UnknownKey(YamlNode key, string name, string where, string allowed) =>
        Schema(key, "unknown key '" + TextLines.Quote(name) + "' in " + where + "; allowed keys: " + allowed);

    public void Missing(YamlNode node, string key, string where) => Schema(node, where + " has no '" + key + "'");

    public void Schema(YamlNode node, string message) => Bag.Add(KnobDiagnosticCatalog.YamlSchema, Loc(node), message);
}
