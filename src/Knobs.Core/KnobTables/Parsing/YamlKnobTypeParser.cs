using System.Collections.Generic;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Knobs.KnobTables;

/// <summary>
/// One entry of <c>types:</c>: <c>name</c>, <c>from</c>, <c>to</c>, <c>parameters</c>, <c>arguments</c>, <c>precision</c>,
/// <c>applies_to</c>, <c>supported</c>, <c>reason</c>.
/// </summary>
internal static class YamlKnobTypeParser
{
    private const string Keys = "name, from, to, parameters, arguments, precision, applies_to, supported, reason";

    public static KnobType? Parse(YamlNodes reader, YamlNode node)
    {
        if (reader.Mapping(node, "each item of 'types'", "keys " + Keys) is not YamlMappingNode map) return null;
        Located? name = null, from = null, to = null, arguments = null, precision = null, supported = null, reason = null;
        List<Located>? parameters = null, appliesTo = null;
        bool ok = true;
        bool argumentsQuoted = false;
        foreach (KeyValuePair<YamlNode, YamlNode> e in map.Children)
        {
            string key = reader.Key(e.Key);
            switch (key)
            {
                case "name": name = reader.Scalar(e.Value, "'name'"); ok &= name is not null; break;
                case "from": from = reader.Scalar(e.Value, "'from'"); ok &= from is not null; break;
                case "to": to = reader.Scalar(e.Value, "'to'"); ok &= to is not null; break;
                case "parameters": parameters = reader.ScalarList(e.Value, "'parameters'"); ok &= parameters is not null; break;
                case "arguments":
                    argumentsQuoted = e.Value is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted };
                    arguments = e.Value is YamlScalarNode { Value: "" or null } ? new Located("", reader.Loc(e.Value)) : reader.Scalar(e.Value, "'arguments'"); ok &= arguments is not null; break;
                case "precision": precision = reader.Scalar(e.Value, "'precision'"); ok &= precision is not null; break;
                case "applies_to": appliesTo = reader.ScalarList(e.Value, "'applies_to'"); ok &= appliesTo is not null; break;
                case "supported": supported = reader.Scalar(e.Value, "'supported'"); ok &= supported is not null; break;
                case "reason": reason = reader.Scalar(e.Value, "'reason'"); ok &= reason is not null; break;
                default: reader.UnknownKey(e.Key, key, "a knob type", Keys); ok = false; break;
            }
        }
        if (!ok) return null;
        if (name is null) { reader.Missing(node, "name", "this knob type"); return null; }
        SourceLocation at = name.Value.Location;
        string typeName = name.Value.Text;
        if (!IsTypeName(typeName))
        {
            return Invalid(reader, at, typeName, "the name must start with a letter and contain only letters, digits and '_' (it becomes part of variant names)");
        }
        if (from is null || to is null)
        {
            return Invalid(reader, at, typeName, "a knob type needs 'from' (the op it rewrites) and 'to' (the op the call becomes)");
        }
        string? fromOp = ResolveOp(from.Value.Text), toOp = ResolveOp(to.Value.Text);
        if (fromOp is null || toOp is null)
        {
            Located bad = fromOp is null ? from.Value : to.Value;
            reader.Bag.Add(KnobDiagnosticCatalog.UnknownOp, bad.Location, fromOp is null ? "from" : "to", TextLines.Quote(bad.Text), "type " + typeName);
            return null;
        }
        var names = (parameters ?? new List<Located>()).Select(p => p.Text).ToList();
        foreach (Located p in parameters ?? new List<Located>())
        {
            if (!(p.Text == "_" || IsTypeName(p.Text))) return Invalid(reader, p.Location, typeName, "parameter name '" + TextLines.Quote(p.Text) + "' is not an identifier");
        }
        string? duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null) return Invalid(reader, at, typeName, "parameter '" + duplicate + "' is listed twice");
        string template = arguments?.Text ?? "";
        if (arguments is null && names.Count > 0)
        {
            return Invalid(reader, at, typeName, "it has parameters but no 'arguments' template saying how they become call arguments, e.g. arguments: \"{" + names[0] + "}\"");
        }
        string? templateError = ArgumentTemplate.Validate(template, names, out int offset);
        if (templateError is not null) return Invalid(reader, arguments is Located a ? At(a, argumentsQuoted, offset) : at, typeName, templateError);
        string precisionText = precision?.Text ?? KnobIdentity.Fp32Word;
        if (!KnobIdentity.IsPrecisionWord(precisionText)) return Invalid(reader, precision!.Value.Location, typeName, "precision must be fp32 or fp16");
        bool isSupported = true;
        if (supported is Located s)
        {
            if (s.Text != "true" && s.Text != "false") return Invalid(reader, s.Location, typeName, "supported must be true or false");
            isSupported = s.Text == "true";
        }
        if (!isSupported && reason is null) return Invalid(reader, at, typeName, "an unsupported type needs a 'reason' saying why Knobs cannot run it");
        foreach (Located target in appliesTo ?? new List<Located>())
        {
            if (OpAliases.ExpandAppliesTo(target.Text).Length == 0 && !KnobResolver.IsUserOpName(target.Text))
            {
                reader.Bag.Add(KnobDiagnosticCatalog.UnknownAppliesTo, target.Location, "type " + typeName, TextLines.Quote(target.Text));
                return null;
            }
        }
        return new KnobType
        {
            Name = typeName,
            FromOp = fromOp,
            ToOp = toOp,
            ParameterNames = ValueArray.From(names),
            ArgumentTemplate = template,
            Precision = precisionText,
            RewritesCall = true,
            AppliesTo = appliesTo is null ? ValueArray.Create(fromOp) : ValueArray.From(appliesTo.Select(a => a.Text)),
            IsBuiltIn = false,
            Supported = isSupported,
            UnsupportedReason = isSupported ? null : reason?.Text,
            Location = at,
        };
    }

    /// <summary>
    /// Where character <paramref name="offset"/> of a one-line template is in the file; the scalar's start when escapes or
    /// line breaks make the written text differ from the value.
    /// </summary>
    private static SourceLocation At(Located template, bool quoted, int offset)
    {
        string text = template.Text;
        if (text.IndexOf('\\') >= 0 || text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0 || (!quoted && offset > 0 && text.IndexOf('\t') >= 0)) return template.Location;
        return template.Location with { Column = template.Location.Column + offset + (quoted ? 1 : 0) };
    }

    private static string? ResolveOp(string name) =>
        OpAliases.Resolve(name) ?? (KnobResolver.IsUserOpName(name) ? OpAliases.StripOpsPrefix(name) : null);

    private static KnobType? Invalid(YamlNodes reader, SourceLocation at, string name, string message)
    {
        reader.Bag.Add(KnobDiagnosticCatalog.InvalidKnobTypeDeclaration, at, name, message);
        return null;
    }

    internal static bool IsTypeName(string name)
    {
        if (name.Length == 0 || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) return false;
        foreach (char c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }
}
