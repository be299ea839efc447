using System;
using System.Globalization;

namespace Knobs.Cuda.Nvml;

/// <summary>NVML's current clocks-event (throttle) reasons bit mask.</summary>
[Flags]
public enum ThrottleReasons : ulong
{
    /// <summary>Nothing is holding the clocks down.</summary>
    None = 0,
    /// <summary>The GPU is idle.</summary>
    GpuIdle = 0x1,
    /// <summary>Application clocks are set.</summary>
    ApplicationsClocksSetting = 0x2,
    /// <summary>The software power cap is active.</summary>
    SwPowerCap = 0x4,
    /// <summary>Hardware slowdown (temperature or power brake).</summary>
    HwSlowdown = 0x8,
    /// <summary>Sync boost with other GPUs.</summary>
    SyncBoost = 0x10,
    /// <summary>Software thermal slowdown.</summary>
    SwThermalSlowdown = 0x20,
    /// <summary>Hardware thermal slowdown.</summary>
    HwThermalSlowdown = 0x40,
    /// <summary>Hardware power brake.</summary>
    HwPowerBrakeSlowdown = 0x80,
    /// <summary>Display clock setting.</summary>
    DisplayClockSetting = 0x100,
}

/// <summary>
/// What a GPU profile records about the GPU it ran on (docs/gpu.md): name, driver, SM and memory clocks now and at
/// most (MHz), power limit and draw (W), temperature (°C) and throttle reasons. Null: the GPU does not report it.
/// </summary>
public sealed record GpuInfo(
    string Name, string DriverVersion,
    uint? SmClockMHz, uint? SmClockMaxMHz, uint? MemoryClockMHz, uint? MemoryClockMaxMHz,
    double? PowerLimitWatts, double? PowerDrawWatts, uint? TemperatureC, ThrottleReasons? Throttle)
{
    /// <summary>One line for reports, invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}, driver {DriverVersion}, SM {Show(SmClockMHz)}/{Show(SmClockMaxMHz)} MHz, memory {Show(MemoryClockMHz)}/{Show(MemoryClockMaxMHz)} MHz, "
        + $"power limit {Show(PowerLimitWatts)} W (drawing {Show(PowerDrawWatts)} W), {Show(TemperatureC)} °C, throttle reasons: {(Throttle is { } t ? t.ToString() : "not reported")}");

    private static string Show<T>(T? value) where T : struct, IFormattable => value is { } v ? v.ToString(null, CultureInfo.InvariantCulture) : "n/a";
}
