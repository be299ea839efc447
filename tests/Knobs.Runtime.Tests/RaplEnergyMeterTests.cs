using System.IO;
using Knobs.Runtime.Energy;

namespace Knobs.Runtime.Tests;

/// <summary>The RAPL meter on powercap trees recorded into a temp folder (layout as on a 2-socket Linux server).</summary>
public class RaplEnergyMeterTests
{
    private const long Range = 262_143_328_850;

    private static void Zone(string dir, string name, long energyUj, long rangeUj = Range)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
        File.WriteAllText(Path.Combine(dir, "energy_uj"), energyUj + "\n");
        File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), rangeUj + "\n");
    }

    private static void SetEnergy(string dir, long energyUj) => File.WriteAllText(Path.Combine(dir, "energy_uj"), energyUj + "\n");

    private static TempDir TwoSocketTree(out string pkg0, out string dram0, out string core0, out string pkg1, out string psys)
    {
        var root = new TempDir();
        pkg0 = root.Combine("intel-rapl:0");
        Zone(pkg0, "package-0", 1_000_000);
        core0 = Path.Combine(pkg0, "intel-rapl:0:0");
        Zone(core0, "core", 500_000);
        dram0 = Path.Combine(pkg0, "intel-rapl:0:1");
        Zone(dram0, "dram", 2_000_000);
        pkg1 = root.Combine("intel-rapl:1");
        Zone(pkg1, "package-1", 3_000_000);
        psys = root.Combine("intel-rapl:2");
        Zone(psys, "psys", 9_000_000);
        return root;
    }

    [Fact]
    public void SumsPackagesAndDramButNotCoreOrPsys()
    {
        using TempDir root = TwoSocketTree(out string pkg0, out string dram0, out string core0, out string pkg1, out string psys);
        using RaplEnergyMeter meter = RaplEnergyMeter.Open(root.Path);
        Assert.Equal(new[] { "intel-rapl:0 (package-0)", "intel-rapl:0:1 (dram)", "intel-rapl:1 (package-1)" }, meter.Domains);
        Assert.Equal(0, meter.ReadJoules());
        SetEnergy(pkg0, 1_500_000);   // +0.5 J
        SetEnergy(dram0, 2_250_000);  // +0.25 J
        SetEnergy(pkg1, 4_000_000);   // +1 J
        SetEnergy(core0, 900_000);    // part of package-0: not added again
        SetEnergy(psys, 99_000_000);  // overlaps the packages: not added
        Assert.Equal(1.75, meter.ReadJoules(), 9);
        Assert.True(meter.IsMeasuring);
        Assert.Equal("rapl", meter.Name);
    }

    [Fact]
    public void WrapAroundAddsTheCounterRange()
    {
        using var root = new TempDir();
        string pkg = root.Combine("intel-rapl:0");
        Zone(pkg, "package-0", 990_000, rangeUj: 1_000_000);
        using RaplEnergyMeter meter = RaplEnergyMeter.Open(root.Path);
        SetEnergy(pkg, 10_000);       // wrapped: 990000 → 1000000 → 10000 is 20000 µJ
        Assert.Equal(0.02, meter.ReadJoules(), 9);
        SetEnergy(pkg, 510_000);
        Assert.Equal(0.52, meter.ReadJoules(), 9);
        SetEnergy(pkg, 500_000);      // wrapped again, almost a full range
        Assert.Equal(0.52 + 0.99, meter.ReadJoules(), 9);
    }

    [Fact]
    public void UnreadableEnergyFileMakesTheMeterUnavailableNamingTheFile()
    {
        using TempDir root = TwoSocketTree(out _, out string dram0, out _, out _, out _);
        string energy = Path.Combine(dram0, "energy_uj");
        File.Delete(energy);
        Directory.CreateDirectory(energy); // unreadable as a file even for root (chmod is not enough under root)
        var e = Assert.Throws<RaplUnavailableException>(() => RaplEnergyMeter.Open(root.Path));
        Assert.Contains(energy, e.Message);
        IEnergyMeter auto = EnergyMeters.Create("auto", root.Path);
        Assert.False(auto.IsMeasuring);
        Assert.Equal("none", auto.Name);
        Assert.Contains(energy, auto.Description);
    }

    [Fact]
    public void GarbageInEnergyFileIsReportedNotReadAsZero()
    {
        using var root = new TempDir();
        string pkg = root.Combine("intel-rapl:0");
        Zone(pkg, "package-0", 5);
        File.WriteAllText(Path.Combine(pkg, "energy_uj"), "n/a\n");
        var e = Assert.Throws<RaplUnavailableException>(() => RaplEnergyMeter.Open(root.Path));
        Assert.Contains("energy_uj", e.Message);
    }

    [Fact]
    public void MissingPowercapMeansNotMeasuredWithTheReason()
    {
        using var root = new TempDir();
        string missing = root.Combine("powercap");
        IEnergyMeter meter = EnergyMeters.Create("auto", missing);
        Assert.False(meter.IsMeasuring);
        Assert.StartsWith("energy not measured:", meter.Description);
        Assert.Contains(missing, meter.Description);
        Assert.Throws<RaplUnavailableException>(() => EnergyMeters.Create("rapl", missing));
    }

    [Fact]
    public void TreeWithoutPackageZoneIsNotAMeter()
    {
        using var root = new TempDir();
        Zone(root.Combine("intel-rapl:0"), "psys", 5);
        var e = Assert.Throws<RaplUnavailableException>(() => RaplEnergyMeter.Open(root.Path));
        Assert.Contains("no RAPL package zone", e.Message);
    }
}
