using Knobs.Tables;

namespace Knobs.Core.Tests.Tables;

public sealed class TableReaderTests
{
    [Fact]
    public void JsonRoundTripsToTheSameText()
    {
        LookupTable table = SampleTables.Build(energy: true);
        string json = TableJsonWriter.ToText(table);
        LookupTable back = TableJsonReader.Parse(json, "t.json");
        Assert.Equal(json, TableJsonWriter.ToText(back));
        Assert.Equal(table.Environment!.CpuModel, back.Environment!.CpuModel);
        Assert.Equal("ConvApprox", back.Nodes[0].Ops[0].Cells[2]!.Op);
    }

    [Fact]
    public void HpvmTextRoundTripsToTheSameText()
    {
        string text = HpvmTensorTableWriter.ToText(SampleTables.Build(energy: true));
        LookupTable back = HpvmTensorTableReader.Parse(text, "LeNetMnist.tensors.txt", "LeNetMnist");
        Assert.Equal(text, HpvmTensorTableWriter.ToText(back));
        Assert.Equal(5, back.Nodes.Count);
        Assert.Equal(("perf_fp16", 151), (back.Knobs[3].Approx, back.Knobs[3].Id));
        Assert.Null(back.Nodes[0].Ops[0].Cells[0]!.Approx);
        Assert.Null(back.Environment);
    }

    [Fact]
    public void HpvmTextWithAMissingOpLineIsRejectedWithTheLine()
    {
        string text = HpvmTensorTableWriter.ToText(SampleTables.Build());
        string cut = string.Join("\n", text.Split('\n')[..3]) + "\n";
        var e = Assert.Throws<TableFormatException>(() => HpvmTensorTableReader.Parse(cut, "x.tensors.txt", "x"));
        Assert.Contains("announces 4 ops", e.Message);
        Assert.Contains("KNB0235", e.Message);
    }

    [Fact]
    public void HpvmTextWithABadNumberIsRejectedWithTheLine()
    {
        string text = HpvmTensorTableWriter.ToText(SampleTables.Build()).Replace("conv NA NA 2 NA", "conv NA NA 2,5 NA");
        var e = Assert.Throws<TableFormatException>(() => HpvmTensorTableReader.Parse(text, "x.tensors.txt", "x"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void ForeignJsonIsRejected()
    {
        var e = Assert.Throws<TableFormatException>(() => TableJsonReader.Parse("{\"format\":\"knobs-profile\"}", "x.json"));
        Assert.Contains("not a Knobs table", e.Message);
    }
}
