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
    public PairedBaseline(string baseline, string order, ProfileStatistics time, ProfileStatistics speedup, string? spell = null)
    {
        Baseline = baseline;
        Order = order;
        Time = time;
        Speedup = speedup;
        Spell = spell;
    }

    /// <summary>The baseline variant's name (<c>fp32_11</c>).</summary>
    public string Baseline { get; }
    /// <summary>How the runs were interleaved (<see cref="AbbaOrder"/>).</summary>
    public string Order { get; }
    /// <summary>Statistics of the baseline's whole-run time (ms) in the same measured phase as the configuration's.</summary>
    public ProfileStatistics Time { get; }
    /// <summary>Statistics of the per-pair speedups (baseline time / configuration time of the two runs of one pair).</summary>
    public ProfileStatistics Speedup { get; }
    /// <summary>A note when the machine's speed changed during the measurement (a spell) and it was measured again; else null.</summary>
    public string? Spell { get; }
}
