using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>
/// HPVM's release format: one knob per line, TAB-separated
/// <c>name,id  params  speedup  base_op  approx_op  dev|install  applies_to</c>; empty fields are dropped, <c>-1</c> = no parameters.
/// </summary>
internal static class HpvmReleaseParser
{
    private const int FieldCount = 7;
    private const string FieldNames = "name,id params speedup from_op to_op dev|install applies_to";

    public static List<RawKnob> Parse(string file, string text, DiagnosticBag bag)
    {
        var knobs = new List<RawKnob>();
        foreach ((int number, string line) in TextLines.Enumerate(text))
        {
            if (bag.IsFull) break;
            if (TextLines.IsBlankOrComment(line)) continue;
            RawKnob? knob = ParseLine(file, number, line, bag);
            if (knob is not null) knobs.Add(knob);
        }
        return knobs;
    }

    private static RawKnob? ParseLine(string file, int number, string line, DiagnosticBag bag)
    {
        var rowLocation = new SourceLocation(file, number, FirstNonBlank(line) + 1);
        List<Located> fields = FieldSplitter.Split(line, '\t', file, number);
        foreach (Located field in fields)
        {
            int space = field.Text.IndexOf(' ');
            if (space >= 0)
            {
                bag.Add(KnobDiagnosticCatalog.MixedSeparators, field.Location with { Column = field.Location.Column + space }, "HPVM release", "TABs", "a space");
                return null;
            }
        }
        if (fields.Count != FieldCount)
        {
            SourceLocation at = fields.Count > FieldCount ? fields[FieldCount].Location : rowLocation;
            bag.Add(KnobDiagnosticCatalog.WrongFieldCount, at, "HPVM release row", FieldCount, FieldNames, fields.Count);
            return null;
        }
        var knob = new RawKnob { Location = rowLocation };
        if (!KnobRowFields.ParseTypeAndId(fields[0], knob, bag)) return null;
        KnobRowFields.ParseParameters(fields[1], knob);
        knob.Speedup = fields[2];
        knob.From = fields[3];
        knob.To = fields[4];
        knob.Device = fields[5];
        knob.AppliesTo = FieldSplitter.SplitCommas(fields[6]);
        return knob;
    }

    private static int FirstNonBlank(string line)
    {
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        return i < line.Length ? i : 0;
    }
}
