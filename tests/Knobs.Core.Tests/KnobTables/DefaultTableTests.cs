using System.IO;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

public class DefaultTableTests
{
    [Fact]
    public void DefaultTableEqualsTheHpvmFileLoadedFromDisk()
    {
        KnobTable fromDisk = TableFiles.Load(KnobTableReader.ReadFile(TableFiles.HpvmRelease));
        Assert.Equal(fromDisk, KnobTable.Default);
        Assert.Equal(fromDisk.GetHashCode(), KnobTable.Default.GetHashCode());
        Assert.Equal(69, KnobTable.Default.Count);
    }

    [Fact]
    public void EmbeddedResourceIsAnExactCopyOfTheHpvmData()
    {
        string embedded = RepoPaths.Combine("src", "Knobs.Core", "KnobTables", "Resources", "global_knobs.txt");
        Assert.Equal(File.ReadAllBytes(TableFiles.HpvmRelease), File.ReadAllBytes(embedded));
        Assert.Contains("Knobs.KnobTables.Resources.global_knobs.txt", typeof(KnobTable).Assembly.GetManifestResourceNames());
    }

    [Fact]
    public void DefaultTableLocationsNameTheBuiltInTable()
    {
        Assert.All(KnobTable.Default.Knobs, k => Assert.Equal("<Knobs built-in>/global_knobs.txt", k.Location.File));
        Assert.Equal(Enumerable.Range(1, 69), KnobTable.Default.Knobs.Select(k => k.Location.Line));
    }

    [Fact]
    public void TablesWithADifferentKnobAreNotEqual()
    {
        string text = File.ReadAllText(TableFiles.HpvmRelease).Replace("perf,121\t1,2,0\t2.0", "perf,121\t1,2,0\t2.5");
        KnobTable changed = TableFiles.Load(KnobTableReader.Read("changed.txt", text));
        Assert.NotEqual(KnobTable.Default, changed);
        Assert.Equal(2.5, changed.Get(121).Speedup);
    }
}
