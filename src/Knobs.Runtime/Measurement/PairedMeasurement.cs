using System.Collections.Generic;

namespace Knobs.Runtime.Measurement;

/// <summary>
/// A variant measured interleaved with a baseline in one process (<see cref="VariantMeasurer.MeasurePaired"/>): the
/// variant's measurement as <see cref="VariantMeasurer.Measure"/> gives it, and per pair the baseline's run time and
/// the speedup (baseline time / variant time of that pair's two runs).
/// </summary>
public sealed class PairedMeasurement
{
    internal PairedMeasurement(VariantMeasurement variant, IReadOnlyList<double> baselineTimes, IReadOnlyList<double> speedups)
    {
        Variant = variant;
        BaselineTimes = baselineTimes;
        Speedups = speedups;
    }

    /// <summary>Why this measurement ran in a spell of the machine (<see cref="SpellCheck"/>); null when it did not.</summary>
    public string? Spell { get; internal init; }

    /// <summary>Why each earlier measurement of the same run was discarded and taken again (each in a spell), in order.</summary>
    public IReadOnlyList<string> Discarded { get; internal init; } = [];

    /// <summary>The measured variant: its run times, per-op samples and energy, one entry per pair.</summary>
    public VariantMeasurement Variant { get; }

    /// <summary>Milliseconds of each measured baseline run, one per pair.</summary>
    public IReadOnlyList<double> BaselineTimes { get; }

    /// <summary>Baseline time / variant time of each pair.</summary>
    public IReadOnlyList<double> Speedups { get; }
}
