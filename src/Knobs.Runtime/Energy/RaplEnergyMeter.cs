using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Knobs.Runtime.Energy;

/// <summary>
/// Linux RAPL through powercap (<c>/sys/class/powercap/intel-rapl:*</c>; AMD exposes the same tree). Sums every
/// package zone (<c>intel-rapl:N</c> named <c>package-*</c>) and every <c>dram</c> sub-zone, which packages do not
/// include; core/uncore sub-zones are parts of their package and <c>psys</c> overlaps packages, so they are
/// left out. Counters are re-read from open handles and corrected for wrap-around.
/// </summary>
public sealed class RaplEnergyMeter : IEnergyMeter
{
    /// <summary>The powercap folder on Linux.</summary>
    public const string DefaultRoot = "/sys/class/powercap";

    private readonly RaplDomain[] _domains;

    private RaplEnergyMeter(RaplDomain[] domains, string root)
    {
        _domains = domains;
        Description = $"RAPL at {root}: " + string.Join(" + ", domains.Select(d => $"{d.Zone} ({d.Name})"));
    }

    /// <inheritdoc />
    public string Name => "rapl";

    /// <inheritdoc />
    public bool IsMeasuring => true;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The zones summed, as <c>zone (name)</c>.</summary>
    public IReadOnlyList<string> Domains => _domains.Select(d => $"{d.Zone} ({d.Name})").ToArray();

    /// <summary>
    /// Opens the meter on a powercap tree (the real one, or a recorded copy in tests). Throws
    /// <see cref="RaplUnavailableException"/> naming the file and reason when it cannot measure: no tree, no package
    /// zone, or a counter that is not readable (all zones or none: a partial sum would under-report).
    /// </summary>
    public static RaplEnergyMeter Open(string root = DefaultRoot)
    {
        if (!Directory.Exists(root)) throw new RaplUnavailableException($"{root} does not exist (no powercap/RAPL on this machine)");
        var zones = new List<string>();
        foreach (string package in Directory.GetDirectories(root, "intel-rapl:*").Where(d => Depth(d) == 1).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (!ZoneName(package).StartsWith("package", StringComparison.Ordinal)) continue;
            zones.Add(package);
            // Sub-zones appear both nested in the package folder and as top-level links; take the nested ones.
            zones.AddRange(Directory.GetDirectories(package, "intel-rapl:*")
                .Where(d => ZoneName(d) == "dram")
                .OrderBy(d => d, StringComparer.Ordinal));
        }
        if (zones.Count == 0) throw new RaplUnavailableException($"{root} has no RAPL package zone (intel-rapl:N named package-N)");
        var opened = new List<RaplDomain>();
        try
        {
            foreach (string zone in zones) opened.Add(RaplDomain.Open(zone));
            return new RaplEnergyMeter(opened.ToArray(), root);
        }
        catch
        {
            foreach (RaplDomain d in opened) d.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public double ReadJoules()
    {
        long total = 0;
        foreach (RaplDomain d in _domains) total += d.ReadMicroJoules();
        return total * 1e-6;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (RaplDomain d in _domains) d.Dispose();
    }

    private static int Depth(string zoneDir) => Path.GetFileName(zoneDir).Count(c => c == ':');

    private static string ZoneName(string zoneDir)
    {
        string file = Path.Combine(zoneDir, "name");
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : "";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RaplUnavailableException($"{file} is not readable ({e.Message})");
        }
    }
}
