using System;
using System.Collections.Generic;

namespace Knobs.Profiles;

/// <summary>
/// The baseline variant measured in the same process as a configuration, interleaved with it (<c>app run --paired</c>):
/// the <c>paired</c> object of a summary record. Speedups from it compare runs seconds apart, not minutes.
/// </summary>
public sealed class PairedBaseline
{
    /// <summary>The order the runs alternated in (A = the configuration, B = the baseline): pairs AB, BA, AB, BA, ….</summary>
    public const string AbbaOrder = "ABBA";

    /// <summary>Creates a paired-baseline record; see docs/formats.md.</summary>
    public PairedBaseline(string baseline, string order, ProfileStatistics time, ProfileStatistics speedup, string? spell = null,
        IReadOnlyList<string>? discarded = null)
    {
        Baseline = baseline;
        Order = order;
        Time = time;
        Speedup = speedup;
        Spell = spell;
        Discarded = discarded ?? Array.Empty<string>();
    }

    /// <summary>The baseline variant's name (<c>fp32_11</c>).</summary>
    public string Baseline { get; }
    /// <summary>How the runs were interleaved (<see cref="AbbaOrder"/>).</summary>
    public string Order { get; }
    /// <summary>Statistics of the baseline's whole-run time (ms) in the same measured phase as the configuration's.</summary>
    public ProfileStatistics Time { get; }
    /// <summary>Statistics of the per-pair speedups (baseline time / configuration time of the two runs of one pair).</summary>
    public ProfileStatistics Speedup { get; }
    /// <summary>
    /// Why the kept measurement ran in a spell of the machine (its speed changed during it, or the hypervisor took its
    /// CPU time) after every attempt did; null when it did not. A profile with a spell is measured again by the next
    /// ProfileTable, never reused.
    /// </summary>
    public string? Spell { get; }

    /// <summary>Why each measurement discarded before the kept one ran in a spell, in order; empty when none was.</summary>
    public IReadOnlyList<string> Discarded { get; }
}
