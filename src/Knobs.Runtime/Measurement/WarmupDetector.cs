using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Runtime.Measurement;

/// <summary>
/// Decides when warm-up is over: the JIT has been quiet (no method compiled, which includes tier-0 → tier-1
/// re-compilation and OSR) for the quiet time, and the median of the last <see cref="Window"/> iteration times is
/// within <see cref="Tolerance"/> of the median of the <see cref="Window"/> before them. The quiet time is the time of
/// <see cref="CallCountThreshold"/> iterations (a method called once per run is promoted after that many calls),
/// but at least <see cref="MinQuietTime"/> (beyond the runtime's 100 ms call-counting delay) and at most
/// <see cref="MaxQuietTime"/>.
/// </summary>
internal sealed class WarmupDetector
{
    public const int Window = 3;
    public const double Tolerance = 0.05;
    public const int CallCountThreshold = 30;
    public static readonly TimeSpan MinQuietTime = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxQuietTime = TimeSpan.FromSeconds(1);

    private readonly List<double> _times = new();
    private long _lastJitCount = -1;
    private TimeSpan _lastJitChange;

    /// <summary>Iterations observed.</summary>
    public int Count => _times.Count;

    /// <summary>Adds one warm-up iteration; <paramref name="jitCount"/> is the process's compiled-method count after it.</summary>
    public void Add(double milliseconds, long jitCount, TimeSpan elapsed)
    {
        _times.Add(milliseconds);
        if (jitCount != _lastJitCount)
        {
            _lastJitCount = jitCount;
            _lastJitChange = elapsed;
        }
        Elapsed = elapsed;
    }

    private TimeSpan Elapsed { get; set; }

    /// <summary>True when the per-iteration time is steady and the JIT has settled.</summary>
    public bool IsSteady
    {
        get
        {
            if (_times.Count < 2 * Window) return false;
            double recent = Median(_times.Skip(_times.Count - Window));
            if (Elapsed - _lastJitChange < QuietTime(recent)) return false;
            double before = Median(_times.Skip(_times.Count - 2 * Window).Take(Window));
            return before > 0 && Math.Abs(recent - before) / before <= Tolerance;
        }
    }

    /// <summary>How long the JIT must stay quiet when an iteration takes <paramref name="iterationMs"/>.</summary>
    public static TimeSpan QuietTime(double iterationMs)
    {
        double ms = Math.Min(MaxQuietTime.TotalMilliseconds, Math.Max(MinQuietTime.TotalMilliseconds, CallCountThreshold * iterationMs));
        return TimeSpan.FromMilliseconds(ms);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
