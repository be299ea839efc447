using System.IO;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

/// <summary>Paths of the knob tables the tests read.</summary>
internal static class TableFiles
{
    public static string HpvmRelease => Path.Combine(RepoPaths.HpvmData, "global_knobs.txt");

    public static string Data => RepoPaths.Combine("tests", "Knobs.Core.Tests", "Data", "knobtables");

    public static string Bad => Path.Combine(Data, "bad");

    public static string ClassicSample => Path.Combine(Data, "classic_sample.txt");

    /// <summary>Reads a table that must load, failing the test with the diagnostics when it does not.</summary>
    public static KnobTable Load(KnobTableReadResult result)
    {
        Assert.True(result.Success, "table did not load:\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        return result.Table!;
    }

    public static Knob Get(this KnobTable table, int id)
    {
        Assert.True(table.TryGet(id, out Knob? knob), $"knob {id} is missing");
        return knob!;
    }

    public static string[] Strings(this ValueArray<string> values) => values.ToArray();
}
