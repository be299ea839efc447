using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Predictors;

/// <summary>
/// Which device a predictor belongs to: the device's kind, name and properties except the thread count and backend (a
/// run setting, which is a feature). A predictor fitted for one identity refuses ops of another.
/// </summary>
public static class DeviceIdentity
{
    private static readonly string[] RunSettings = { "threads", "backend" };

    /// <summary>The comparison key of <paramref name="device"/>.</summary>
    public static string Key(ProfileDevice device) => device.Kind + "|" + device.Name + "|" + string.Join(";", Hardware(device));

    /// <summary>The device in words, for messages: <c>cpu 'AMD EPYC' (cores=2, l2=512K, …)</c>.</summary>
    public static string Describe(ProfileDevice device) => $"{device.Kind} '{device.Name}' ({string.Join(", ", Hardware(device))})";

    // The properties that identify the hardware, as key=value in the device's (sorted) order.
    private static IEnumerable<string> Hardware(ProfileDevice device) =>
        device.Properties.Where(p => Array.IndexOf(RunSettings, p.Key) < 0).Select(p => p.Key + "=" + p.Value);
}
