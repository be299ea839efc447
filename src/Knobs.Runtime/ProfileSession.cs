namespace Knobs.Runtime;

/// <summary>Collects per-op samples for one variant run. The runner owns it; hooks write into it.</summary>
public sealed class ProfileSession
{
    private readonly long[] _ticks;
    private readonly int[] _calls;

    public ProfileSession(int opCount)
    {
        _ticks = new long[opCount];
        _calls = new int[opCount];
    }

    /// <summary>The session the hooks write into (one active variant per process at a time).</summary>
    public static ProfileSession? Current { get; set; }

    public int OpCount => _ticks.Length;

    public void Record(int opIndex, long ticks)
    {
        _ticks[opIndex] += ticks;
        _calls[opIndex]++;
    }

    /// <summary>Ticks accumulated for an op since the last <see cref="Reset"/>.</summary>
    public long Ticks(int opIndex) => _ticks[opIndex];

    public int Calls(int opIndex) => _calls[opIndex];

    public void Reset()
    {
        System.Array.Clear(_ticks, 0, _ticks.Length);
        System.Array.Clear(_calls, 0, _calls.Length);
    }
}
