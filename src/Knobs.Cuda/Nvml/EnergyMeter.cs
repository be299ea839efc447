using System;
using System.Diagnostics;

namespace Knobs.Cuda.Nvml;

/// <summary>
/// Energy from NVML's cumulative counter (mJ). The counter advances about every <see cref="CounterPeriod"/>, so one op's
/// energy is measured by repeating it until at least <see cref="MinimumPeriods"/> periods have passed and dividing by the
/// repetitions; a span shorter than that, or a counter that did not move, is reported as not measured.
/// </summary>
public sealed class EnergyMeter
{
    /// <summary>How often NVML's energy counter advances (observed on H100s).</summary>
    public static readonly TimeSpan CounterPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Counter periods a measurement must span: the counter's granularity is then at most 1/10 of the reading.</summary>
    public const int MinimumPeriods = 10;

    private readonly NvmlDevice _device;

    /// <summary>A meter on <paramref name="device"/>.</summary>
    public EnergyMeter(NvmlDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> (which queues work and returns) and <paramref name="wait"/> (which waits for it)
    /// repeatedly for at least <see cref="MinimumPeriods"/> counter periods; the energy per call of <paramref name="batch"/>
    /// divided by <paramref name="opsPerBatch"/>.
    /// </summary>
    public EnergyReading Measure(Action batch, Action wait, int opsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(opsPerBatch);
        TimeSpan span = CounterPeriod * MinimumPeriods;
        batch();
        wait();
        ulong start = _device.TotalEnergyMillijoules;
        long t0 = Stopwatch.GetTimestamp();
        long ops = 0;
        while (Stopwatch.GetElapsedTime(t0) < span)
        {
            batch();
            wait();
            ops += opsPerBatch;
        }
        ulong end = _device.TotalEnergyMillijoules;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(t0);
        if (end <= start || elapsed < span) return EnergyReading.NotMeasured(elapsed, ops, "the energy counter did not advance");
        double joules = (end - start) / 1000.0;
        return new EnergyReading(true, joules / ops, joules / elapsed.TotalSeconds, elapsed, ops, null);
    }
}

/// <summary>An energy measurement: joules per op and mean power over the span, or why it was not measured.</summary>
public sealed record EnergyReading(bool Measured, double JoulesPerOp, double MeanWatts, TimeSpan Span, long Ops, string? Reason)
{
    /// <summary>A reading that could not be taken.</summary>
    public static EnergyReading NotMeasured(TimeSpan span, long ops, string reason) => new(false, double.NaN, double.NaN, span, ops, reason);
}
