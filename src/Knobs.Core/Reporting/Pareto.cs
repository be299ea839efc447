using System.Collections.Generic;
using System.Linq;

namespace Knobs.Reporting;

/// <summary>The Pareto front of (QoS loss, speedup) points: no other point has less or equal loss and more or equal speedup.</summary>
public static class Pareto
{
    /// <summary>Indexes of the points on the front, ordered by increasing loss.</summary>
    public static IReadOnlyList<int> Front(IReadOnlyList<(double Loss, double Speedup)> points)
    {
        var order = Enumerable.Range(0, points.Count)
            .OrderBy(i => points[i].Loss).ThenByDescending(i => points[i].Speedup).ThenBy(i => i).ToList();
        var front = new List<int>();
        double best = double.NegativeInfinity;
        foreach (int i in order)
        {
            if (points[i].Speedup > best)
            {
                front.Add(i);
                best = points[i].Speedup;
            }
        }
        return front;
    }
}
