using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Profiles;

/// <summary>
/// The device a profile's ops ran on (the header's <c>device</c> object): its kind (<c>cpu</c>, <c>gpu</c>,
/// <c>accel:&lt;name&gt;</c>), a name, and properties as text (for the CPU: model, cores, cache sizes, SIMD width,
/// governor). A lookup table keeps each device's measurements apart.
/// </summary>
public sealed class ProfileDevice
{
    /// <summary>The CPU device kind, and the device HPVM configuration lines call <c>cpu</c>.</summary>
    public const string Cpu = "cpu";

    /// <summary>The GPU device kind, and the device HPVM configuration lines call <c>gpu</c>.</summary>
    public const string Gpu = "gpu";

    /// <summary>Creates a device record; properties are kept sorted by key.</summary>
    public ProfileDevice(string kind, string name, IEnumerable<KeyValuePair<string, string>>? properties = null)
    {
        if (!IsKind(kind)) throw new ArgumentException($"'{kind}' is not a device kind (cpu, gpu or accel:<name>)", nameof(kind));
        Kind = kind;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Properties = (properties ?? Enumerable.Empty<KeyValuePair<string, string>>())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>cpu</c>, <c>gpu</c> or <c>accel:&lt;name&gt;</c>.</summary>
    public string Kind { get; }

    /// <summary>What the device is (a CPU or GPU model, an accelerator description's name).</summary>
    public string Name { get; }

    /// <summary>Properties, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; }

    /// <summary>The value of property <paramref name="key"/>, or null.</summary>
    public string? Property(string key) => Properties.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>
    /// The device of a version-1 profile, which named none: every version-1 profile was measured on the CPU, described
    /// by its environment.
    /// </summary>
    public static ProfileDevice FromEnvironment(ProfileEnvironment e) => new(Cpu, e.CpuModel, new[]
    {
        new KeyValuePair<string, string>("cores", e.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new KeyValuePair<string, string>("governor", e.Governor ?? "unknown"),
        new KeyValuePair<string, string>("threads", e.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    });

    /// <summary>Whether <paramref name="kind"/> is <c>cpu</c>, <c>gpu</c> or <c>accel:&lt;identifier&gt;</c>.</summary>
    public static bool IsKind(string? kind)
    {
        if (kind is Cpu or Gpu) return true;
        if (kind is null || !kind.StartsWith("accel:", StringComparison.Ordinal) || kind.Length == "accel:".Length) return false;
        for (int i = "accel:".Length; i < kind.Length; i++)
        {
            char c = kind[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
        }
        return true;
    }
}

/// <summary>How a number was obtained.</summary>
public static class Provenance
{
    /// <summary>Measured on the device (with statistics).</summary>
    public const string Measured = "measured";

    /// <summary>Computed by an analytic device model.</summary>
    public const string Modelled = "modelled";

    /// <summary>Computed by a fitted predictor.</summary>
    public const string Predicted = "predicted";

    /// <summary>Whether <paramref name="value"/> is one of the three provenances.</summary>
    public static bool IsKnown(string? value) => value is Measured or Modelled or Predicted;
}

/// <summary>
/// What an op call computes, as recorded in a profile (docs/formats.md, "Op features"): shapes, geometry, precision,
/// the knob's approximation parameters, nominal and effective FLOPs, bytes moved, and the run's batch and threads.
/// </summary>
public sealed class OpFeatureRecord
{
    /// <summary>Creates a feature record.</summary>
    public OpFeatureRecord(string precision, IReadOnlyList<int[]> inputs, int[] output, int[]? window, int[]? stride, int[]? padding,
        int groups, int[]? approximation, long nominalFlops, long effectiveFlops, long bytesRead, long bytesWritten, int batch, int threads)
    {
        Precision = precision;
        Inputs = inputs;
        Output = output;
        Window = window;
        Stride = stride;
        Padding = padding;
        Groups = groups;
        Approximation = approximation;
        NominalFlops = nominalFlops;
        EffectiveFlops = effectiveFlops;
        BytesRead = bytesRead;
        BytesWritten = bytesWritten;
        Batch = batch;
        Threads = threads;
    }

    /// <summary><c>fp32</c> or <c>fp16</c>.</summary>
    public string Precision { get; }
    /// <summary>Tensor operand shapes, in argument order.</summary>
    public IReadOnlyList<int[]> Inputs { get; }
    /// <summary>Output shape.</summary>
    public int[] Output { get; }
    /// <summary>Kernel window [KH, KW], or null.</summary>
    public int[]? Window { get; }
    /// <summary>Stride [H, W], or null.</summary>
    public int[]? Stride { get; }
    /// <summary>Padding [H, W], or null.</summary>
    public int[]? Padding { get; }
    /// <summary>Convolution groups; 0 for ops without groups.</summary>
    public int Groups { get; }
    /// <summary>Convolution approximation [row, col, skip, offset], or null when exact.</summary>
    public int[]? Approximation { get; }
    /// <summary>FLOPs of the exact op.</summary>
    public long NominalFlops { get; }
    /// <summary>FLOPs the call performs under its approximation.</summary>
    public long EffectiveFlops { get; }
    /// <summary>Bytes of tensor operands read.</summary>
    public long BytesRead { get; }
    /// <summary>Bytes of output written.</summary>
    public long BytesWritten { get; }
    /// <summary>The run's batch.</summary>
    public int Batch { get; }
    /// <summary>The run's threads.</summary>
    public int Threads { get; }
}
