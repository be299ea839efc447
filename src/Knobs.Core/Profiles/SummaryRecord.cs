namespace Knobs.Profiles;

/// <summary>The last line of a profile: whole-run statistics; its presence marks the file complete.</summary>
public sealed class SummaryRecord
{
    /// <summary>Creates a summary.</summary>
    public SummaryRecord(ProfileStatistics time, double? energy, int iterations, bool failed, string? error, PairedBaseline? paired = null)
    {
        Paired = paired;
        Time = time;
        Energy = energy;
        Iterations = iterations;
        Failed = failed;
        Error = error;
    }

    /// <summary>Statistics of one whole <c>Run</c>, milliseconds.</summary>
    public ProfileStatistics Time { get; }
    /// <summary>Energy of one whole run in joules, or null when not measured.</summary>
    public double? Energy { get; }
    /// <summary>Measured iterations.</summary>
    public int Iterations { get; }
    /// <summary>True when the run failed (then <see cref="Error"/> says why).</summary>
    public bool Failed { get; }
    /// <summary>The baseline measured interleaved with this run (<c>app run --paired</c>), or null (not paired; older profiles).</summary>
    public PairedBaseline? Paired { get; }
    /// <summary>The failure message, or null.</summary>
    public string? Error { get; }
}
