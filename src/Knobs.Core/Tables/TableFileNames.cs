namespace Knobs.Tables;

/// <summary>
/// The names of a lookup table's files (docs/formats.md, "Lookup table files"): <c>&lt;bench&gt;.*</c> for the CPU,
/// HPVM's default device, and <c>&lt;bench&gt;.&lt;device&gt;.*</c> for every other device (<c>gpu</c>,
/// <c>accel-&lt;name&gt;</c>), so tables of several devices sit side by side.
/// </summary>
public static class TableFileNames
{
    /// <summary>A device kind as it appears in file names: <c>accel:arr32</c> → <c>accel-arr32</c>.</summary>
    public static string DeviceKey(string deviceKind) => deviceKind.Replace(':', '-');

    /// <summary>The stem of a table's files: <c>&lt;bench&gt;</c> for the CPU, <c>&lt;bench&gt;.&lt;device key&gt;</c> for another device.</summary>
    public static string Stem(string benchmark, string deviceKind) =>
        deviceKind == Knobs.Profiles.ProfileDevice.Cpu ? benchmark : benchmark + "." + DeviceKey(deviceKind);
}
