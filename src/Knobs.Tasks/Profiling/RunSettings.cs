using System.Collections.Generic;
using System.Globalization;

namespace Knobs.Tasks.Profiling;

/// <summary>The measurement settings of a ProfileTable run, as runner arguments and as a cache key.</summary>
internal sealed record RunSettings(string Profiling, int? Iterations, double? TargetError, int? Batch, int? Threads)
{
    /// <summary>A modelled accelerator's description (full path), or null to measure on the CPU.</summary>
    public string? Accelerator { get; init; }

    /// <summary>A hash of the description's bytes: an edited description is a new device, so its profiles are not reused.</summary>
    public string? AcceleratorHash { get; init; }

    /// <summary>Arguments for <c>app run</c> (only what the user set; the runner's defaults otherwise).</summary>
    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>();
        if (Accelerator is { } accelerator) args.AddRange(new[] { "--accelerator", accelerator });
        // A modelled accelerator runs each variant once: no iteration count or precision to reach.
        if (Iterations is { } n && Accelerator is null) args.AddRange(new[] { "--iterations", n.ToString(CultureInfo.InvariantCulture) });
        if (TargetError is { } e && Accelerator is null) args.AddRange(new[] { "--target-error", e.ToString("R", CultureInfo.InvariantCulture) });
        if (Batch is { } b) args.AddRange(new[] { "--batch", b.ToString(CultureInfo.InvariantCulture) });
        if (Threads is { } t) args.AddRange(new[] { "--threads", t.ToString(CultureInfo.InvariantCulture) });
        return args;
    }

    /// <summary>A line that changes whenever a setting that changes the measurement changes.</summary>
    public string Key() => string.Join(";",
        "profiling=" + Profiling,
        "iterations=" + (Iterations?.ToString(CultureInfo.InvariantCulture) ?? ""),
        "targetError=" + (TargetError?.ToString("R", CultureInfo.InvariantCulture) ?? ""),
        "batch=" + (Batch?.ToString(CultureInfo.InvariantCulture) ?? ""),
        "threads=" + (Threads?.ToString(CultureInfo.InvariantCulture) ?? ""))
        + (Accelerator is null ? "" : ";accelerator=" + Accelerator + ";acceleratorHash=" + AcceleratorHash);
}
