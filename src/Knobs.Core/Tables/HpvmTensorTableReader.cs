using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Knobs.KnobTables;

namespace Knobs.Tables;

/// <summary>
/// Reads <c>&lt;bench&gt;.tensors.txt</c> (HPVM's soc-simulator layout, as <see cref="HpvmTensorTableWriter"/> writes it).
/// The layout holds only means, energies and conversion costs: the table read back has no statistics, no environment
/// and no per-op approx (<see cref="TableCell.Approx"/> is null), and node ids are 1..n in file order.
/// </summary>
public static class HpvmTensorTableReader
{
    /// <summary>Reads the file at <paramref name="path"/>; the benchmark name is the file name before <c>.tensors.txt</c>.</summary>
    public static LookupTable Read(string path)
    {
        string name = Path.GetFileName(path);
        const string suffix = ".tensors.txt";
        string benchmark = name.EndsWith(suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - suffix.Length) : Path.GetFileNameWithoutExtension(name);
        if (new FileInfo(path).Length > MaxLength) throw new TableFormatException(path, 0, "the file is larger than 64 MB, so it is not an HPVM tensor table");
        return Parse(File.ReadAllText(path), path, benchmark);
    }

    /// <summary>The largest table file read (64 MB).</summary>
    public const int MaxLength = 64 * 1024 * 1024;

    /// <summary>Parses the text; <paramref name="file"/> names it in errors.</summary>
    public static LookupTable Parse(string text, string file, string benchmark)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        int count = lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines.Length - 1 : lines.Length;
        List<(string Approx, int Id)>? columns = null;
        var nodes = new List<TableNode>();
        int i = 0;
        while (i < count)
        {
            string[] head = lines[i].Split(' ');
            if (head.Length < 7 || head[0] != "**")
            {
                throw new TableFormatException(file, i + 1, "expected a node header '** <Node> <NumOps> h2f_time h2f_energy <knob>_time <knob>_energy … f2h_time f2h_energy'");
            }
            var nodeColumns = ReadColumns(head, file, i + 1);
            if (columns is null) columns = nodeColumns;
            else if (!SameColumns(columns, nodeColumns)) throw new TableFormatException(file, i + 1, "the knob columns differ from the first node's");
            if (!int.TryParse(head[2], NumberStyles.None, CultureInfo.InvariantCulture, out int opCount) || opCount < 1)
            {
                throw new TableFormatException(file, i + 1, $"NumOps must be a positive integer, found '{head[2]}'");
            }
            if ((long)i + opCount > count - 1)
            {
                throw new TableFormatException(file, count, FormattableString.Invariant($"node {head[1]} announces {opCount} ops but the file ends"));
            }
            var ops = new List<TableOp>(opCount);
            for (int o = 1; o <= opCount; o++)
            {
                ops.Add(ReadOp(lines[i + o], columns.Count, file, i + o + 1));
            }
            nodes.Add(new TableNode(nodes.Count + 1, head[1], ops));
            i += opCount + 1;
        }
        if (columns is null) throw new TableFormatException(file, 0, "the file has no nodes");
        var knobs = columns.ConvertAll(c => new TableKnob(c.Approx, c.Id, null, null, null));
        try
        {
            return new LookupTable(benchmark, null, null, knobs, nodes, new[] { file });
        }
        catch (ArgumentException e)
        {
            throw new TableFormatException(file, 1, e.Message);
        }
    }

    private static List<(string Approx, int Id)> ReadColumns(string[] head, string file, int line)
    {
        if ((head.Length - 3) % 2 != 0 || head[3] != "h2f_time" || head[4] != "h2f_energy" ||
            head[head.Length - 2] != "f2h_time" || head[head.Length - 1] != "f2h_energy")
        {
            throw new TableFormatException(file, line, "columns must be 'h2f_time h2f_energy <knob>_time <knob>_energy … f2h_time f2h_energy'");
        }
        var columns = new List<(string, int)>();
        for (int c = 5; c < head.Length - 2; c += 2)
        {
            const string time = "_time", energy = "_energy";
            if (!head[c].EndsWith(time, StringComparison.Ordinal) || head[c + 1] != head[c].Substring(0, head[c].Length - time.Length) + energy)
            {
                throw new TableFormatException(file, line, $"expected '<knob>_time <knob>_energy', found '{head[c]} {head[c + 1]}'");
            }
            columns.Add(ParseKey(head[c].Substring(0, head[c].Length - time.Length), file, line));
        }
        return columns;
    }

    private static (string, int) ParseKey(string key, string file, int line)
    {
        if (KnobIdentity.TryParseColumnKey(key, out KnobIdentity knob)) return (knob.Approx, knob.Id);
        throw new TableFormatException(file, line, $"knob column '{key}' is neither fp32, fp16 nor <approx>_<id>");
    }

    private static bool SameColumns(List<(string, int)> a, List<(string, int)> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++) if (a[i] != b[i]) return false;
        return true;
    }

    private static TableOp ReadOp(string line, int knobCount, string file, int lineNumber)
    {
        string[] f = line.Split(' ');
        int expected = 1 + 2 + 2 * knobCount + 2;
        if (f.Length != expected || f[0].Length == 0 || f[0] == "**")
        {
            throw new TableFormatException(file, lineNumber, FormattableString.Invariant($"op line has {f.Length} fields; expected {expected} (name, h2f, one time/energy pair per knob, f2h)"));
        }
        var cells = new List<TableCell?>(knobCount);
        for (int k = 0; k < knobCount; k++)
        {
            double? mean = Value(f[3 + 2 * k], file, lineNumber);
            double? energy = Value(f[4 + 2 * k], file, lineNumber);
            cells.Add(mean is { } m ? new TableCell(null, null, m, null, energy) : null);
        }
        return new TableOp(f[0], cells, Conversion(f[f.Length - 2], f[f.Length - 1], file, lineNumber), Conversion(f[1], f[2], file, lineNumber));
    }

    private static Profiles.ConversionCost? Conversion(string time, string energy, string file, int line) =>
        Value(time, file, line) is { } t ? new Profiles.ConversionCost(t, Value(energy, file, line)) : null;

    private static double? Value(string text, string file, int line)
    {
        if (text == "NA") return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !double.IsNaN(v) && !double.IsInfinity(v))
        {
            if (v < 0 || v > Profiles.Json.DtoFields.MaxMeasure)
            {
                throw new TableFormatException(file, line, $"'{Knobs.KnobTables.TextLines.Quote(text)}' is not a time or energy: they are from 0 to 1e12");
            }
            return v;
        }
        throw new TableFormatException(file, line, $"'{Knobs.KnobTables.TextLines.Quote(text)}' is not a number or NA");
    }
}
