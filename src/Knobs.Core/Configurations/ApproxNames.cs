using System;
using System.Collections.Generic;
using Knobs.KnobTables;

namespace Knobs.Configurations;

/// <summary>The op and approx vocabulary of HPVM configuration files, and how a knob is named in tables.</summary>
public static class ApproxNames
{
    /// <summary>Op names HPVM's configuration files use.</summary>
    public static IReadOnlyCollection<string> Ops { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "conv", "group_conv", "mul", "add", "tanh", "relu", "clipped_relu", "pool_max", "pool_mean", "pool_min", "batchnorm", "softmax",
    };

    /// <summary>Approx names HPVM's configuration files use.</summary>
    public static IReadOnlyCollection<string> Approx { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        KnobIdentity.Fp32Word, KnobIdentity.Fp16Word, "perf", "perf_fp16", "samp", "samp_fp16", "red_samp",
    };

    /// <summary>True when the approximation runs in half precision (<c>fp16</c> or a name ending <c>_fp16</c>); see <see cref="KnobIdentity.IsHalfApprox"/>.</summary>
    public static bool IsHalf(string approx) => KnobIdentity.IsHalfApprox(approx);

    /// <summary>True for the approximations that only convolutions can take (perforation and sampling).</summary>
    public static bool IsConvOnly(string approx) =>
        approx.StartsWith("perf", StringComparison.Ordinal) || approx.StartsWith("samp", StringComparison.Ordinal);

    /// <summary>The column key of a knob: <c>fp32</c> and <c>fp16</c> alone, others <c>&lt;approx&gt;_&lt;id&gt;</c>; see <see cref="KnobIdentity.ColumnKey"/>.</summary>
    public static string Key(string approx, int id) => new KnobIdentity(approx, id).ColumnKey;
}
