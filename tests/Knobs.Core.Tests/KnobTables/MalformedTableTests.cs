using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

/// <summary>The corpus under Data/knobtables/bad: each file names its expected diagnostic id and line in MANIFEST.txt.</summary>
public class MalformedTableTests
{
    public static IEnumerable<object[]> Corpus() =>
        File.ReadAllLines(Path.Combine(TableFiles.Bad, "MANIFEST.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' '))
            .Select(f => new object[] { f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) });

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MalformedTableYieldsTheExpectedDiagnosticAndNoTable(string file, string id, int line)
    {
        string path = Path.Combine(TableFiles.Bad, file);
        KnobTableReadResult result = KnobTableReader.ReadFile(path);

        Assert.False(result.Success);
        Assert.Null(result.Table);
        KnobDiagnostic first = result.Diagnostics.First(d => d.IsError);
        Assert.Equal((id, line), (first.Id, first.Location.Line));
        Assert.Equal(path, first.Location.File);
        Assert.True(first.Location.Column >= 1);
        Assert.NotNull(KnobDiagnosticCatalog.Find(first.Id));
        Assert.StartsWith($"{path}({line},{first.Location.Column}): error {id}: ", first.ToString());
    }

    [Fact]
    public void CorpusHasAtLeast25FilesAndEveryFileIsListed()
    {
        string[] listed = Corpus().Select(c => (string)c[0]).ToArray();
        string[] present = Directory.GetFiles(TableFiles.Bad).Select(Path.GetFileName).Where(n => n != "MANIFEST.txt").ToArray()!;
        Assert.True(listed.Length >= 25, $"only {listed.Length} malformed tables");
        Assert.Equal(present.OrderBy(n => n, System.StringComparer.Ordinal), listed.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void MixedSeparatorDiagnosticPointsAtTheSpace()
    {
        KnobDiagnostic d = KnobTableReader.ReadFile(Path.Combine(TableFiles.Bad, "tabs_and_spaces_mixed.txt")).Diagnostics.Single();
        Assert.Equal(9, d.Location.Column);
        Assert.Contains("TABs", d.Message);
    }

    [Fact]
    public void DuplicateIdNamesWhereTheIdWasFirstUsed()
    {
        string path = Path.Combine(TableFiles.Bad, "duplicate_id.txt");
        KnobDiagnostic d = KnobTableReader.ReadFile(path).Diagnostics.Single();
        Assert.Equal(KnobDiagnosticIds.DuplicateKnobId, d.Id);
        Assert.Contains($"{path}(2,1)", d.Message);
        Assert.Equal(6, d.Location.Column);
    }

    [Fact]
    public void OffsetDiagnosticSaysWhichOffsetsAreAllowed()
    {
        KnobDiagnostic d = KnobTableReader.ReadFile(Path.Combine(TableFiles.Bad, "offset_equals_rate.txt")).Diagnostics.Single();
        Assert.Equal("knob perf,122: offset 2 must be at least 0 and below the perforation rate (col=2); use an offset from 0 to 1", d.Message);
        Assert.Equal(14, d.Location.Column);
    }

    [Fact]
    public void EveryErrorInAFileIsReportedNotJustTheFirst()
    {
        string text = "perf,121\t1,x,0\t2.0\ttensorConvolution\ttensorConvApprox\tdev\tconv\n"
            + "perf,122\t1,2,1\tfast\ttensorConvolution\ttensorConvApprox\tdev\tconv\n"
            + "zzz,123\t1,2,1\t2.0\ttensorConvolution\ttensorConvApprox\tdev\tconv\n";
        KnobTableReadResult result = KnobTableReader.Read("many.txt", text);
        Assert.Equal(new[] { ("KNB0007", 1), ("KNB0008", 2), ("KNB0004", 3) }, result.Diagnostics.Select(d => (d.Id, d.Location.Line)));
        Assert.Null(result.Table);
    }

    [Fact]
    public void UnknownDevIsAWarningAndTheTableStillLoads()
    {
        KnobTableReadResult result = KnobTableReader.Read("dev.txt", "perf,121\t1,2,0\t2.0\ttensorConvolution\ttensorConvApprox\tgpu\tconv\n");
        Assert.True(result.Success);
        Assert.Equal((KnobDiagnosticIds.UnknownDevice, KnobDiagnosticSeverity.Warning), (result.Diagnostics.Single().Id, result.Diagnostics.Single().Severity));
    }

    [Fact]
    public void Fp16KnobWhoseParametersDifferFromIdMinus30IsWarnedAndUsesIdMinus30()
    {
        string text = "perf,121\t1,2,0\t2.0\ttensorConvolution\ttensorConvApprox\tdev\tconv\n"
            + "perf_fp16,151\t2,1,0\t3.0\ttensorConvolution\ttensorConvApprox\tinstall\tconv\n";
        KnobTableReadResult result = KnobTableReader.Read("reuse.txt", text);
        Assert.Equal((KnobDiagnosticIds.ReusedParametersDiffer, 2), (result.Diagnostics.Single().Id, result.Diagnostics.Single().Location.Line));
        Assert.Equal("1, 2, 1, 0", TableFiles.Load(result).Get(151).CallArgumentsText);
    }
}
