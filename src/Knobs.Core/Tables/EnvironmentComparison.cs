using System.Collections.Generic;
using System.Globalization;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>Says how two measurement environments (and settings) differ, field by field.</summary>
internal static class EnvironmentComparison
{
    public static string Key(ProfileHeader header) => header.Environment.ComparisonKey + "||" + header.Settings.ComparisonKey;

    public static IReadOnlyList<string> Differences(ProfileHeader a, ProfileHeader b)
    {
        var diffs = new List<string>();
        ProfileEnvironment x = a.Environment, y = b.Environment;
        Add(diffs, "cpuModel", x.CpuModel, y.CpuModel);
        Add(diffs, "cores", x.Cores.ToString(CultureInfo.InvariantCulture), y.Cores.ToString(CultureInfo.InvariantCulture));
        Add(diffs, "os", x.Os, y.Os);
        Add(diffs, "dotnet", x.Dotnet, y.Dotnet);
        Add(diffs, "jit", x.Jit, y.Jit);
        Add(diffs, "gc", x.Gc, y.Gc);
        Add(diffs, "threads", x.Threads.ToString(CultureInfo.InvariantCulture), y.Threads.ToString(CultureInfo.InvariantCulture));
        Add(diffs, "backend", x.Backend, y.Backend);
        Add(diffs, "knobsVersion", x.KnobsVersion, y.KnobsVersion);
        Add(diffs, "meter", x.Meter, y.Meter);
        Add(diffs, "governor", x.Governor ?? "null", y.Governor ?? "null");
        Add(diffs, "host", x.Host ?? "unknown", y.Host ?? "unknown");
        ProfileSettings s = a.Settings, t = b.Settings;
        Add(diffs, "settings.profiling", s.Profiling, t.Profiling);
        Add(diffs, "settings.batch", s.Batch.ToString(CultureInfo.InvariantCulture), t.Batch.ToString(CultureInfo.InvariantCulture));
        Add(diffs, "settings.threads", s.Threads.ToString(CultureInfo.InvariantCulture), t.Threads.ToString(CultureInfo.InvariantCulture));
        Add(diffs, "settings.backend", s.Backend, t.Backend);
        return diffs;
    }

    private static void Add(List<string> diffs, string name, string a, string b)
    {
        if (a != b) diffs.Add(name + " '" + a + "' vs '" + b + "'");
    }
}
