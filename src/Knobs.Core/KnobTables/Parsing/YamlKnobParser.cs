using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace Knobs.KnobTables;

/// <summary>
/// One entry of <c>knobs:</c>: <c>type</c>, <c>id</c>, <c>parameters</c> (or literal <c>arguments</c>), <c>speedup</c>,
/// <c>from</c>, <c>to</c>, <c>device</c>, <c>applies_to</c>.
/// </summary>
internal static class YamlKnobParser
{
    private const string Keys = "type, id, parameters, arguments, speedup, from, to, device, applies_to";

    public static RawKnob? Parse(YamlNodes reader, YamlNode node)
    {
        if (reader.Mapping(node, "each item of 'knobs'", "keys " + Keys) is not YamlMappingNode map) return null;
        var knob = new RawKnob { Location = reader.Loc(node), AllowUserOps = true, ParametersLocation = reader.Loc(node) };
        Located? type = null, id = null, speedup = null;
        bool ok = true, hasParameters = false;
        foreach (KeyValuePair<YamlNode, YamlNode> e in map.Children)
        {
            string key = reader.Key(e.Key);
            switch (key)
            {
                case "type": type = reader.Scalar(e.Value, "'type'"); ok &= type is not null; break;
                case "id": id = reader.Scalar(e.Value, "'id'"); ok &= id is not null; break;
                case "speedup": speedup = reader.Scalar(e.Value, "'speedup'"); ok &= speedup is not null; break;
                case "from": knob.From = reader.Scalar(e.Value, "'from'"); ok &= knob.From is not null; break;
                case "to": knob.To = reader.Scalar(e.Value, "'to'"); ok &= knob.To is not null; break;
                case "device": knob.Device = reader.Scalar(e.Value, "'device'"); ok &= knob.Device is not null; break;
                case "applies_to": knob.AppliesTo = reader.ScalarList(e.Value, "'applies_to'"); ok &= knob.AppliesTo is not null; break;
                case "parameters":
                case "arguments":
                    if (hasParameters)
                    {
                        reader.Schema(e.Key, "a knob has either 'parameters' (mapped through its type's argument template) or 'arguments' (appended literally), not both");
                        ok = false;
                        break;
                    }
                    hasParameters = true;
                    knob.LiteralArguments = key == "arguments";
                    knob.ParametersLocation = reader.Loc(e.Value);
                    List<Located>? values = reader.ScalarList(e.Value, "'" + key + "'");
                    if (values is null) { ok = false; break; }
                    if (!(values.Count == 1 && values[0].Text == "-1")) knob.Parameters.AddRange(values);
                    break;
                default: reader.UnknownKey(e.Key, key, "a knob", Keys); ok = false; break;
            }
        }
        if (!ok) return null;
        if (type is null) { reader.Missing(node, "type", "this knob"); return null; }
        if (id is null) { reader.Missing(node, "id", "this knob"); return null; }
        if (speedup is null) { reader.Missing(node, "speedup", "this knob"); return null; }
        if (!KnobRowFields.TryParseId(id.Value.Text, out int knobId))
        {
            reader.Bag.Add(KnobDiagnosticCatalog.InvalidKnobId, id.Value.Location, TextLines.Quote(type.Value.Text + "," + id.Value.Text));
            return null;
        }
        knob.Type = type.Value;
        knob.Id = knobId;
        knob.IdField = id;
        knob.Speedup = speedup.Value;
        return knob;
    }
}
