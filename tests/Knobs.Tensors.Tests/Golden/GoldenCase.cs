using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Testing;

namespace Knobs.Tensors.Tests.Golden;

/// <summary>
/// One case of tests/data/hpvm/conv-golden: a MANIFEST.txt line (knob parameters and geometry) and its file's
/// <c>input</c>, <c>filter</c> and <c>output</c> blocks (a header line "name d0 d1 d2 d3", then the values, row-major).
/// </summary>
internal sealed record GoldenCase(
    string File, int Knob, int Row, int Col, int SkipEvery, int Offset,
    int PadH, int PadW, int StrideH, int StrideW,
    float[] Input, int[] InputShape, float[] Filter, int[] FilterShape, float[] Output, int[] OutputShape)
{
    public static string Directory => Path.Combine(RepoPaths.HpvmData, "conv-golden");

    /// <summary>The file names the manifest lists, in manifest order.</summary>
    public static IReadOnlyList<string> ManifestFiles() => ManifestLines().Select(f => f[0]).ToArray();

    public static GoldenCase Load(string file)
    {
        string[] m = ManifestLines().Single(f => f[0] == file);
        int[] p = m.Skip(1).Select(Int).ToArray();
        // knob row col skip offset n c h w k kh kw pad_h pad_w stride_h stride_w
        var blocks = ReadBlocks(Path.Combine(Directory, file));
        var (input, inShape) = blocks["input"];
        var (filter, fShape) = blocks["filter"];
        var (output, outShape) = blocks["output"];
        if (!inShape.SequenceEqual(new[] { p[5], p[6], p[7], p[8] }) || !fShape.SequenceEqual(new[] { p[9], p[6], p[10], p[11] }))
            throw new InvalidDataException($"{file}: block shapes disagree with MANIFEST.txt.");
        return new GoldenCase(file, p[0], p[1], p[2], p[3], p[4], p[12], p[13], p[14], p[15],
            input, inShape, filter, fShape, output, outShape);
    }

    private static IEnumerable<string[]> ManifestLines() =>
        System.IO.File.ReadLines(Path.Combine(Directory, "MANIFEST.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, (float[] Values, int[] Shape)> ReadBlocks(string path)
    {
        var blocks = new Dictionary<string, (float[], int[])>();
        string? name = null;
        int[] shape = [];
        var values = new List<float>();
        void Close()
        {
            if (name is null) return;
            if (values.Count != shape.Aggregate(1, (a, b) => a * b))
                throw new InvalidDataException($"{path}: block '{name}' has {values.Count} values for shape [{string.Join(",", shape)}].");
            blocks[name] = (values.ToArray(), shape);
            values.Clear();
        }
        foreach (string line in System.IO.File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (char.IsLetter(fields[0][0]))
            {
                Close();
                name = fields[0];
                shape = fields.Skip(1).Select(Int).ToArray();
            }
            else
            {
                values.AddRange(fields.Select(f => float.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)));
            }
        }
        Close();
        return blocks;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
