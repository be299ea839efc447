using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Knobs.Accelerators.Systolic;

/// <summary>
/// A SCALE-Sim v2 topology CSV. Conv format: a header line (skipped), then
/// <c>name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride,</c> with an optional column stride
/// before the trailing comma (every row must end with a comma: SCALE-Sim drops the last field); blank lines skipped; a
/// layer whose name contains <c>DP</c> is depthwise and becomes Channels one-channel layers named
/// <c>&lt;name&gt;Channel_&lt;i&gt;</c>. GEMM format: header, then <c>name, M, N, K,</c>, mapped by
/// <see cref="ConvLayer.Gemm"/>.
/// </summary>
public static class ScaleSimTopology
{
    /// <summary>Reads the layers of a topology file; throws <see cref="ScaleSimInputException"/> on rows SCALE-Sim would reject or misread.</summary>
    public static IReadOnlyList<ConvLayer> Load(string path, bool gemm)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        string[] lines = ScaleSimInputException.ReadAllLines(path, "SCALE-Sim topology");
        var layers = new List<ConvLayer>();
        for (int i = 1; i < lines.Length; i++)
        {
            string row = lines[i].Trim();
            if (row.Length == 0) continue;
            int number = i + 1;
            string[] parts = row.Split(',');
            var fields = new string[parts.Length - 1];
            for (int k = 0; k < fields.Length; k++) fields[k] = parts[k].Trim();
            if (gemm) layers.Add(ParseGemm(path, number, fields));
            else ParseConv(path, number, fields, layers);
        }
        if (layers.Count == 0) throw new ScaleSimInputException(path, Math.Max(1, lines.Length), "the topology has no layers; add rows after the header line.");
        return layers;
    }

    private static ConvLayer ParseGemm(string file, int line, string[] f)
    {
        if (f.Length < 4) throw new ScaleSimInputException(file, line, $"a GEMM row needs 'name, M, N, K,' (with the trailing comma); found {f.Length} field(s).");
        string name = f[0];
        int m = Number(file, line, f[1], "M"), n = Number(file, line, f[2], "N"), k = Number(file, line, f[3], "K");
        try
        {
            return ConvLayer.Gemm(name, m, n, k);
        }
        catch (ArgumentException e)
        {
            throw new ScaleSimInputException(file, line, e.Message);
        }
    }

    private static void ParseConv(string file, int line, string[] f, List<ConvLayer> layers)
    {
        if (f.Length < 8 || f.Length > 9)
            throw new ScaleSimInputException(file, line, $"a conv row needs 'name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride,' (optionally a column stride before the trailing comma); found {f.Length} field(s) before the last comma.");
        string name = f[0];
        int ih = Number(file, line, f[1], "IFMAP Height"), iw = Number(file, line, f[2], "IFMAP Width");
        int fh = Number(file, line, f[3], "Filter Height"), fw = Number(file, line, f[4], "Filter Width");
        int ch = Number(file, line, f[5], "Channels"), nf = Number(file, line, f[6], "Num Filter");
        int sh = Number(file, line, f[7], "Strides");
        int sw = f.Length == 9 ? Number(file, line, f[8], "column stride") : sh;
        if (fh > ih) throw new ScaleSimInputException(file, line, $"Filter Height {fh} is larger than IFMAP Height {ih}; SCALE-Sim has no padding, so give the padded IFMAP size.");
        if (fw > iw) throw new ScaleSimInputException(file, line, $"Filter Width {fw} is larger than IFMAP Width {iw}; SCALE-Sim has no padding, so give the padded IFMAP size.");
        try
        {
            if (name.Contains("DP"))
            {
                for (int c = 0; c < ch; c++) layers.Add(new ConvLayer(name + "Channel_" + c.ToString(CultureInfo.InvariantCulture), ih, iw, fh, fw, 1, nf, sh, sw));
            }
            else
            {
                layers.Add(new ConvLayer(name, ih, iw, fh, fw, ch, nf, sh, sw));
            }
        }
        catch (ArgumentException e)
        {
            throw new ScaleSimInputException(file, line, e.Message);
        }
    }

    private static int Number(string file, int line, string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new ScaleSimInputException(file, line, $"{what} '{text}' is not an integer; give a whole number.");
        if (value < 1) throw new ScaleSimInputException(file, line, $"{what} is {value}; it must be at least 1.");
        return value;
    }
}
