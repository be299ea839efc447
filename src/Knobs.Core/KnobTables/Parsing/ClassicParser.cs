using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>
/// The older HPVM code autogenerator format: space-separated <c>type,id  p1,p2,…  speedup  old_function  new_function</c>,
/// e.g. <c>samp,31 1,1,2,0 1.88 tensorHalfConvolution tensorConvApproxHalf</c>; parameters are appended to the call literally.
/// </summary>
internal static class ClassicParser
{
    public const int FieldCount = 5;
    private const string FieldNames = "type,id params speedup old_function new_function";

    public static List<RawKnob> Parse(string file, string text, DiagnosticBag bag)
    {
        var knobs = new List<RawKnob>();
        char separator = '\0';
        foreach ((int number, string line) in TextLines.Enumerate(text))
        {
            if (bag.IsFull) break;
            if (TextLines.IsBlankOrComment(line)) continue;
            // Spaces normally; TABs when the first row uses them (some classic tables were saved that way).
            if (separator == '\0') separator = line.IndexOf('\t') >= 0 ? '\t' : ' ';
            RawKnob? knob = ParseLine(file, number, line, separator, bag);
            if (knob is not null) knobs.Add(knob);
        }
        return knobs;
    }

    private static RawKnob? ParseLine(string file, int number, string line, char separator, DiagnosticBag bag)
    {
        string body = line.TrimEnd(' ', '\t');
        List<Located> fields = FieldSplitter.Split(body, separator, file, number);
        int mixed = separator == ' ' ? body.IndexOf('\t') : FirstInnerSpace(fields);
        if (mixed >= 0)
        {
            string expected = separator == ' ' ? "spaces" : "TABs", found = separator == ' ' ? "a TAB" : "a space";
            bag.Add(KnobDiagnosticCatalog.MixedSeparators, new SourceLocation(file, number, mixed + 1), "classic", expected, found);
            return null;
        }
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

    // 0-based index in the line of the first space inside a TAB-separated field, or -1.
    private static int FirstInnerSpace(List<Located> fields)
    {
        foreach (Located field in fields)
        {
            int space = field.Text.IndexOf(' ');
            if (space >= 0) return field.Location.Column - 1 + space;
        }
        return -1;
    }
}
