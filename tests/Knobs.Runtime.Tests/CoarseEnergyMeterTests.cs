using System;
using System.Diagnostics;
using System.Linq;
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

    /// <summary>5 mJ per run, counted in whole updates of ten runs: the counter a window sees advances with the work done.</summary>
    private sealed class PerRunCounter(TimeSpan period) : IEnergyMeter
    {
        public int Runs;
        public string Name => "per-run";
        public bool IsMeasuring => true;
        public string Description => "test counter";
        public TimeSpan CounterPeriod => period;
        public double ReadJoules() => Runs / 10 * 10 * 0.005;
        public void Dispose() { }
    }

    [Fact]
    public void EnergyPerRunIsTheWindowsEnergySharedByItsRunsAndOpsSayNotMeasured()
    {
        var meter = new PerRunCounter(TimeSpan.FromMilliseconds(2));
        var m = new VariantMeasurer(new MeasureSettings(20, 0.02, 2, TimeSpan.FromSeconds(10), 1), meter);
        VariantMeasurement r = m.Measure(MeasurementTests.Spinner(_ =>
        {
            meter.Runs++;
            return 0.05;
        }), Tensor.Zeros(1, 1));
        Assert.NotNull(r.RunEnergies);
        Assert.InRange(r.RunEnergies!.Count, VariantMeasurer.MinEnergyWindows, VariantMeasurer.MaxEnergyWindows);
        // Every window runs from one counter update to another, so its energy is exactly its runs' (however long they took).
        Assert.All(r.RunEnergies, j => Assert.Equal(0.005, j, 9));
        Assert.Null(r.Ops[0].EnergyPerCall);
        Assert.Equal(20, r.RunTimes.Count);
    }

    [Fact]
    public void AClockDrivenCounterGivesAboutThePowerTimesTheRunTime()
    {
        var meter = new SteppedCounter(watts: 10, TimeSpan.FromMilliseconds(5));
        var m = new VariantMeasurer(new MeasureSettings(20, 0.02, 2, TimeSpan.FromSeconds(10), 1), meter);
        VariantMeasurement r = m.Measure(MeasurementTests.Spinner(_ => 0.5), Tensor.Zeros(1, 1));
        Assert.NotNull(r.RunEnergies);
        // 10 W over runs of a little more than 0.5 ms: about 5 mJ per run in a typical window. A busy machine stretches
        // some runs, so the median is checked, with room above.
        double median = r.RunEnergies!.OrderBy(j => j).ElementAt(r.RunEnergies.Count / 2);
        Assert.InRange(median, 10 * 0.5e-3 * 0.8, 10 * 0.5e-3 * 10);
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
