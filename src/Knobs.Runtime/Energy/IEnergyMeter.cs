using System;

namespace Knobs.Runtime.Energy;

/// <summary>
/// A source of cumulative energy readings. The runner reads it around every measured run (and, with a meter
/// that measures, around every op); deltas between two readings are the energy spent in between.
/// </summary>
public interface IEnergyMeter : IDisposable
{
    /// <summary>Short name recorded in profiles: <c>none</c>, <c>rapl</c>.</summary>
    string Name { get; }

    /// <summary>
    /// False for a meter that measures nothing (<see cref="NoEnergyMeter"/>): then every output says
    /// "not measured" and energies are null, never 0 J.
    /// </summary>
    bool IsMeasuring { get; }

    /// <summary>One line for humans: what is measured (domains) or why nothing is.</summary>
    string Description { get; }

    /// <summary>
    /// Joules accumulated since the meter was created, over all its domains, corrected for counter wrap-around.
    /// Call at least once per wrap period (minutes at full load). Allocates nothing.
    /// </summary>
    double ReadJoules();

    /// <summary>
    /// How often the counter advances. Zero (RAPL, about every millisecond): fine enough to read around every run and op.
    /// A meter with a coarse counter (NVML, about every 100 ms) is not read per run or per op: the runner measures a
    /// variant's energy over windows between counter updates instead, and reports the ops' energy as not measured.
    /// </summary>
    TimeSpan CounterPeriod => TimeSpan.Zero;
}
