using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class MergeTests
{
    private static KnobTable Read(string path, string text) => TableFiles.Load(KnobTableReader.Read(path, text));

    [Fact]
    public void MergeIsTheOrderedUnionOfTables()
    {
        KnobTable extra = Read("extra.yaml", "types:\n  - {name: dilate, from: Convolution, to: Dilated, parameters: [r], arguments: \"{r}\"}\nknobs:\n  - {type: dilate, id: 500, parameters: [2], speedup: 1.5}\n");
        KnobTableReadResult merged = KnobTable.Merge(KnobTable.Default, extra);
        KnobTable table = TableFiles.Load(merged);
        Assert.Equal(70, table.Count);
        Assert.Equal(500, table.Knobs.Last().Id);
        Assert.Equal("dilate", Assert.Single(table.UserTypes).Name);
    }

    [Fact]
    public void MergeReportsDuplicateIdsAndLoadsNothing()
    {
        KnobTable other = Read("mine.txt", "perf,121\t1,2,1\t2.0\ttensorConvolution\ttensorConvApprox\tdev\tconv\n");
        KnobTableReadResult merged = KnobTable.Merge(KnobTable.Default, other);
        Assert.Null(merged.Table);
        KnobDiagnostic d = Assert.Single(merged.Diagnostics);
        Assert.Equal((KnobDiagnosticIds.DuplicateKnobId, "mine.txt", 1), (d.Id, d.Location.File, d.Location.Line));
        Assert.Contains("global_knobs.txt(3,1)", d.Message);
    }

    [Fact]
    public void MergeRejectsTwoDifferentTypesOfOneName()
    {
        KnobTable a = Read("a.yaml", "types:\n  - {name: t, from: Convolution, to: A}\nknobs:\n  - {type: t, id: 1, speedup: 2}\n");
        KnobTable b = Read("b.yaml", "types:\n  - {name: t, from: Convolution, to: B}\nknobs:\n  - {type: t, id: 2, speedup: 2}\n");
        KnobTableReadResult merged = KnobTable.Merge(a, b);
        Assert.Equal(KnobDiagnosticIds.DuplicateKnobType, Assert.Single(merged.Diagnostics).Id);
        Assert.Null(merged.Table);
    }
}
