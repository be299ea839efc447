using System;
using System.Collections.Generic;
using System.Globalization;
using Knobs.Profiles;

namespace Knobs.Predictors;

/// <summary>
/// The numbers a predictor sees for one op call: its shapes, window, stride, padding and groups, its approximation (mode,
/// rate, offset), nominal and effective FLOPs, bytes moved, precision, the run's batch and threads, and the device's cores
/// and cache sizes. Everything comes from the op's recorded features (docs/formats.md, "features") and the device record;
/// nothing is guessed from names. The order of <see cref="Names"/> is part of the predictor file format.
/// </summary>
public static class OpFeatureVector
{
    /// <summary>Feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "batch", "threads",
        "in_c", "in_h", "in_w", "out_c", "out_h", "out_w",
        "operand2_elements", "window_h", "window_w", "stride_h", "stride_w", "pad_h", "pad_w", "groups",
        "approx_mode", "approx_rate", "approx_offset",
        "log2_flops", "log2_effective_flops", "effective_fraction", "log2_bytes", "log2_intensity", "fp16",
        "cores", "l1d_kib", "l2_kib", "l3_kib",
    };

    /// <summary>No approximation.</summary>
    public const int ModeExact = 0;
    /// <summary>Row perforation (approximation <c>[row &gt; 1, 1, 1, offset]</c>).</summary>
    public const int ModeRows = 1;
    /// <summary>Column perforation (<c>[1, col &gt; 1, 1, offset]</c>).</summary>
    public const int ModeColumns = 2;
    /// <summary>Filter sampling (<c>[1, 1, skip &gt; 1, offset]</c>).</summary>
    public const int ModeSampling = 3;

    /// <summary>The vector of one op call on <paramref name="device"/>.</summary>
    public static float[] Of(OpFeatureRecord f, ProfileDevice? device)
    {
        var v = new float[Names.Count];
        int[] input = Dims4(f.Inputs.Count > 0 ? f.Inputs[0] : Array.Empty<int>());
        int[] output = Dims4(f.Output);
        long second = f.Inputs.Count > 1 ? Elements(f.Inputs[1]) : 0;
        int i = 0;
        v[i++] = f.Batch;
        v[i++] = f.Threads;
        v[i++] = input[1]; v[i++] = input[2]; v[i++] = input[3];
        v[i++] = output[1]; v[i++] = output[2]; v[i++] = output[3];
        v[i++] = second;
        v[i++] = At(f.Window, 0); v[i++] = At(f.Window, 1);
        v[i++] = At(f.Stride, 0); v[i++] = At(f.Stride, 1);
        v[i++] = At(f.Padding, 0); v[i++] = At(f.Padding, 1);
        v[i++] = f.Groups;
        (int mode, int rate, int offset) = Approximation(f.Approximation);
        v[i++] = mode; v[i++] = rate; v[i++] = offset;
        long bytes = f.BytesRead + f.BytesWritten;
        v[i++] = Log2(f.NominalFlops);
        v[i++] = Log2(f.EffectiveFlops);
        v[i++] = f.NominalFlops > 0 ? (float)((double)f.EffectiveFlops / f.NominalFlops) : 1f;
        v[i++] = Log2(bytes);
        v[i++] = bytes > 0 ? (float)Math.Log(Math.Max(1.0, f.EffectiveFlops) / bytes, 2) : 0f;
        v[i++] = f.Precision == "fp16" ? 1f : 0f;
        v[i++] = DeviceNumber(device, "cores");
        v[i++] = DeviceKib(device, "l1d");
        v[i++] = DeviceKib(device, "l2");
        v[i++] = DeviceKib(device, "l3");
        return v;
    }

    /// <summary>Values a precision conversion at this op converts: its first input (its output when it has none).</summary>
    public static long ConvertedElements(OpFeatureRecord f) => Elements(f.Inputs.Count > 0 ? f.Inputs[0] : f.Output);

    /// <summary>The approximation's mode (<see cref="ModeExact"/> …), rate and offset.</summary>
    public static (int Mode, int Rate, int Offset) Approximation(int[]? a)
    {
        if (a is null || a.Length < 4) return (ModeExact, 1, 0);
        if (a[0] > 1) return (ModeRows, a[0], a[3]);
        if (a[1] > 1) return (ModeColumns, a[1], a[3]);
        if (a[2] > 1) return (ModeSampling, a[2], a[3]);
        return (ModeExact, 1, 0);
    }

    /// <summary>
    /// A text key of the op's shape without its approximation, batch or threads: ops with equal keys compute the same
    /// layer. Evaluation holds out whole shape groups with it, never near-duplicates one by one.
    /// </summary>
    public static string ShapeKey(string op, OpFeatureRecord f)
    {
        var parts = new List<string> { op, f.Precision };
        for (int k = 0; k < f.Inputs.Count; k++) parts.Add(Join(Per(f.Inputs[k], k == 0)));
        parts.Add(Join(Per(f.Output, true)));
        parts.Add(Join(f.Window)); parts.Add(Join(f.Stride)); parts.Add(Join(f.Padding));
        parts.Add(f.Groups.ToString(CultureInfo.InvariantCulture));
        return string.Join("|", parts);
    }

    private static int[] Per(int[] shape, bool batched)
    {
        if (!batched || shape.Length <= 1) return shape;
        var rest = new int[shape.Length - 1];
        Array.Copy(shape, 1, rest, 0, rest.Length);
        return rest;
    }

    private static string Join(int[]? a) => a is null ? "-" : string.Join("x", Array.ConvertAll(a, d => d.ToString(CultureInfo.InvariantCulture)));

    // [N, C, H, W]; a 2-d operand [M, K] is [M, K, 1, 1]; missing dimensions are 1.
    private static int[] Dims4(int[] shape)
    {
        var d = new[] { 1, 1, 1, 1 };
        for (int k = 0; k < Math.Min(4, shape.Length); k++) d[k] = shape[k];
        return d;
    }

    private static long Elements(int[] shape)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    private static float At(int[]? a, int k) => a is not null && a.Length > k ? a[k] : 0f;

    private static float Log2(long x) => x > 0 ? (float)Math.Log(x, 2) : 0f;

    private static float DeviceNumber(ProfileDevice? d, string key) =>
        d?.Property(key) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? (float)x : 0f;

    // "32K", "512K", "32768K", "1M", "1024" (bytes) → KiB; unknown → 0.
    private static float DeviceKib(ProfileDevice? d, string key)
    {
        string? s = d?.Property(key);
        if (string.IsNullOrEmpty(s)) return 0f;
        double scale = 1.0 / 1024;
        char last = char.ToUpperInvariant(s![s.Length - 1]);
        if (last == 'K') { scale = 1; s = s.Substring(0, s.Length - 1); }
        else if (last == 'M') { scale = 1024; s = s.Substring(0, s.Length - 1); }
        else if (last == 'G') { scale = 1024 * 1024; s = s.Substring(0, s.Length - 1); }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? (float)(x * scale) : 0f;
    }
}
