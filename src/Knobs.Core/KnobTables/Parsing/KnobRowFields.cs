using System.Collections.Generic;
using System.Globalization;

namespace Knobs.KnobTables;

/// <summary>Field parsing shared by the two text formats.</summary>
internal static class KnobRowFields
{
    /// <summary>Parses <c>type,id</c>; reports KNB0006 and returns false when malformed.</summary>
    public static bool ParseTypeAndId(Located field, RawKnob knob, DiagnosticBag bag)
    {
        List<Located> parts = FieldSplitter.SplitCommas(field);
        if (parts.Count != 2 || parts[0].Text.Length == 0 || !TryParseId(parts[1].Text, out int id))
        {
            bag.Add(KnobDiagnosticCatalog.InvalidKnobId, field.Location, TextLines.Quote(field.Text));
            return false;
        }
        knob.Type = parts[0];
        knob.Id = id;
        knob.IdField = parts[1];
        return true;
    }

    /// <summary>Parameters of a field: <c>-1</c> means none, otherwise comma-separated values (checked later).</summary>
    public static void ParseParameters(Located field, RawKnob knob)
    {
        knob.ParametersLocation = field.Location;
        if (field.Text == "-1") return;
        knob.Parameters.AddRange(FieldSplitter.SplitCommas(field));
    }

    public static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
