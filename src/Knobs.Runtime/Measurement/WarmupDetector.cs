using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Runtime.Measurement;

/// <summary>
/// Decides when warm-up is over: the JIT has been quiet (no method compiled, which includes tier-0 → tier-1
/// re-compilation and OSR) for <see cref="QuietTime"/> — longer than the runtime's 100 ms call-counting delay — and
/// the median of the last <see cref="Window"/> iteration times is within <see cref="Tolerance"/> of the median of the
/// <see cref="Window"/> before them.
/// </summary>
internal sealed class WarmupDetector
{
    public const int Window = 3;
    public const double Tolerance = 0.05;
    public static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(250);

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
            if (Elapsed - _lastJitChange < QuietTime) return false;
            double recent = Median(_times.Skip(_times.Count - Window));
            double before = Median(_times.Skip(_times.Count - 2 * Window).Take(Window));
            return before > 0 && Math.Abs(recent - before) / before <= Tolerance;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
