using System;
using System.Diagnostics;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

/// <summary>
/// A meter whose counter advances only every few milliseconds (NVML's is 100 ms) is read over windows between counter
/// updates, never around a single run or op: the energy per run is the window's energy shared by its runs.
/// </summary>
public sealed class CoarseEnergyMeterTests
{
    /// <summary>A constant power whose counter advances every <see cref="CounterPeriod"/> (or never).</summary>
    private sealed class SteppedCounter(double watts, TimeSpan period, bool stalled = false) : IEnergyMeter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        public string Name => "stepped";
        public bool IsMeasuring => true;
        public string Description => "test counter";
        public TimeSpan CounterPeriod => period;
        public int Reads { get; private set; }

        public double ReadJoules()
        {
            Reads++;
            if (stalled) return 1;
            long updates = _clock.Elapsed.Ticks / period.Ticks;
            return updates * period.TotalSeconds * watts;
        }

        public void Dispose() { }
    }

    [Fact]
    public void EnergyPerRunIsTheWindowsEnergySharedByItsRunsAndOpsSayNotMeasured()
    {
        var meter = new SteppedCounter(watts: 10, TimeSpan.FromMilliseconds(5));
        var m = new VariantMeasurer(new MeasureSettings(20, 0.02, 2, TimeSpan.FromSeconds(10), 1), meter);
        VariantMeasurement r = m.Measure(MeasurementTests.Spinner(_ => 0.5), Tensor.Zeros(1, 1));
        Assert.NotNull(r.RunEnergies);
        Assert.InRange(r.RunEnergies!.Count, VariantMeasurer.MinEnergyWindows, VariantMeasurer.MaxEnergyWindows);
        // 10 W over a run of a little more than 0.5 ms: about 5 mJ per run. The loop's own overhead, and a busy machine
        // stretching runs, only add; a window's first and last runs shift its share by at most one run in twenty.
        Assert.All(r.RunEnergies, j => Assert.InRange(j, 10 * 0.5e-3 * 0.8, 10 * 0.5e-3 * 10));
        Assert.Null(r.Ops[0].EnergyPerCall);
        Assert.Equal(20, r.RunTimes.Count);
    }

    [Fact]
    public void ACounterThatNeverAdvancesGivesEnergyNotMeasuredWithoutHanging()
    {
        var meter = new SteppedCounter(watts: 10, TimeSpan.FromMilliseconds(2), stalled: true);
        var m = new VariantMeasurer(new MeasureSettings(5, 0.02, 1, TimeSpan.FromSeconds(10), 1), meter);
        VariantMeasurement r = m.Measure(MeasurementTests.Spinner(_ => 0.1), Tensor.Zeros(1, 1));
        Assert.Null(r.RunEnergies);
        Assert.True(meter.Reads > 2);
    }
}
