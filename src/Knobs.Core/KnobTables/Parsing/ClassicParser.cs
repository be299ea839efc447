using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>
/// The older HPVM code autogenerator format: space-separated <c>type,id  p1,p2,…  speedup  old_function  new_function</c>,
/// e.g. <c>samp,31 1,1,2,0 1.88 tensorHalfConvolution tensorConvApproxHalf</c>; parameters are appended to the call literally.
/// </summary>
internal static class ClassicParser
{
    private const int FieldCount = 5;
    private const string FieldNames = "type,id params speedup old_function new_function";

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
        string body = line.TrimEnd(' ', '\t');
        int tab = body.IndexOf('\t');
        if (tab >= 0)
        {
            bag.Add(KnobDiagnosticCatalog.MixedSeparators, new SourceLocation(file, number, tab + 1), "classic", "spaces", "a TAB");
            return null;
        }
        List<Located> fields = FieldSplitter.Split(body, ' ', file, number);
        var rowLocation = fields.Count > 0 ? fields[0].Location : new SourceLocation(file, number, 1);
        if (fields.Count != FieldCount)
        {
            SourceLocation at = fields.Count > FieldCount ? fields[FieldCount].Location : rowLocation;
            bag.Add(KnobDiagnosticCatalog.WrongFieldCount, at, "classic row", FieldCount, FieldNames, fields.Count);
            return null;
        }
        var knob = new RawKnob { Location = rowLocation, LiteralArguments = true, Classic = true };
        if (!KnobRowFields.ParseTypeAndId(fields[0], knob, bag)) return null;
        KnobRowFields.ParseParameters(fields[1], knob);
        knob.Speedup = fields[2];
        knob.From = fields[3];
        knob.To = fields[4];
        return knob;
    }
}
