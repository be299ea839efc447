using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Cuda.Convolution;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>One case of HPVM's conv-golden data: its MANIFEST.txt line and the file's input, filter and output blocks.</summary>
internal sealed record GoldenCase(string File, int Knob, ConvShape Shape, ConvApproxParams Params, float[] Input, float[] Filter, float[] Output)
{
    public static IReadOnlyList<GoldenCase> LoadAll(string folder) =>
        System.IO.File.ReadLines(Path.Combine(folder, "MANIFEST.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => Load(folder, f))
            .ToArray();

    // knob row col skip offset n c h w k kh kw pad_h pad_w stride_h stride_w
    private static GoldenCase Load(string folder, string[] m)
    {
        int[] p = m.Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var shape = new ConvShape(p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
        var blocks = ReadBlocks(Path.Combine(folder, m[0]));
        if (blocks["output"].Length != shape.OutputLength) throw new InvalidDataException($"{m[0]}: output block disagrees with the manifest's shape.");
        return new GoldenCase(m[0], p[0], shape, new ConvApproxParams(p[1], p[2], p[3], p[4]), blocks["input"], blocks["filter"], blocks["output"]);
    }

    private static Dictionary<string, float[]> ReadBlocks(string path)
    {
        var blocks = new Dictionary<string, float[]>();
        string? name = null;
        var values = new List<float>();
        foreach (string line in System.IO.File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (char.IsLetter(fields[0][0]))
            {
                if (name is not null) blocks[name] = values.ToArray();
                name = fields[0];
                values.Clear();
            }
            else
            {
                values.AddRange(fields.Select(f => float.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)));
            }
        }
        if (name is not null) blocks[name] = values.ToArray();
        return blocks;
    }

    /// <summary>The knob family: exact, column perforation, row perforation or filter sampling.</summary>
    public string Family => Params.Mode switch
    {
        ConvApproxMode.Exact => "exact (11)",
        ConvApproxMode.ColumnPerforation => "column perforation",
        ConvApproxMode.RowPerforation => "row perforation",
        _ => "filter sampling",
    };
}

/// <summary>Errors of one GPU result against a reference, in the CPU golden test's terms.</summary>
internal static class Errors
{
    /// <summary>fp32 tolerance (docs/tensors.md): |err| ≤ 1e-5 · max(|ref|, 1e-2 · scale), scale = max |ref|.</summary>
    public const double Fp32Tolerance = 1e-5;

    /// <summary>fp16 tolerance: |err| ≤ 2⁻⁸ · scale (16 half ulps of the output's largest magnitude).</summary>
    public const double Fp16Tolerance = 1.0 / 256;

    /// <summary>max over i of |got − ref| / max(|ref_i|, 1e-2 · scale): the fp32 golden test's relative error.</summary>
    public static double Relative(float[] got, float[] reference)
    {
        double scale = reference.Max(v => Math.Abs((double)v));
        double worst = 0;
        for (int i = 0; i < got.Length; i++)
        {
            double err = Math.Abs((double)got[i] - reference[i]);
            double denominator = Math.Max(Math.Abs((double)reference[i]), scale * 1e-2);
            worst = Math.Max(worst, denominator == 0 ? (err == 0 ? 0 : double.PositiveInfinity) : err / denominator);
        }
        return worst;
    }

    /// <summary>max |got − ref| / max |ref|: the fp16 measure.</summary>
    public static double OfScale(float[] got, float[] reference)
    {
        double scale = reference.Max(v => Math.Abs((double)v));
        double worst = 0;
        for (int i = 0; i < got.Length; i++) worst = Math.Max(worst, Math.Abs((double)got[i] - reference[i]));
        return scale == 0 ? (worst == 0 ? 0 : double.PositiveInfinity) : worst / scale;
    }

    public static bool HasNaN(float[] v) => v.Any(float.IsNaN);
}

/// <summary>Every golden case on the GPU, fp32 and fp16.</summary>
internal sealed record GoldenResult(GoldenCase Case, CudaPrecision Precision, double Error, double ErrorVsCpuHalf, bool Pass, string? Failure);

internal static class GoldenCheck
{
    public static IReadOnlyList<GoldenResult> Run(GpuRunner gpu, IReadOnlyList<GoldenCase> cases)
    {
        var results = new List<GoldenResult>();
        foreach (GoldenCase g in cases)
            foreach (CudaPrecision precision in new[] { CudaPrecision.Float32, CudaPrecision.Float16 })
            {
                try
                {
                    float[] y = gpu.Run(g.Shape, g.Params, precision, g.Input, g.Filter);
                    if (precision == CudaPrecision.Float32)
                    {
                        double e = Errors.Relative(y, g.Output);
                        results.Add(new GoldenResult(g, precision, e, double.NaN, e <= Errors.Fp32Tolerance && !Errors.HasNaN(y), null));
                    }
                    else
                    {
                        double e = Errors.OfScale(y, g.Output);
                        double vsCpu = Errors.OfScale(y, GpuRunner.Reference(g.Shape, g.Params, half: true, g.Input, g.Filter));
                        results.Add(new GoldenResult(g, precision, e, vsCpu, e <= Errors.Fp16Tolerance && !Errors.HasNaN(y), null));
                    }
                }
                catch (Exception ex) when (ex is CudaException or ArgumentException or InvalidOperationException)
                {
                    results.Add(new GoldenResult(g, precision, double.NaN, double.NaN, false, ex.GetType().Name + ": " + ex.Message));
                }
            }
        return results;
    }
}
