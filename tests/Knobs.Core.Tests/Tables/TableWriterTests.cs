using System.Globalization;
using System.Threading;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Tables;

public sealed class TableWriterTests
{
    [Fact]
    public void HpvmTensorTableMatchesSnapshot() => Snapshot.Match(HpvmTensorTableWriter.ToText(SampleTables.Build()), "LeNetMnist.tensors", "txt");

    [Fact]
    public void TidyCsvMatchesSnapshot() => Snapshot.Match(TableCsvWriter.ToText(SampleTables.Build()), "LeNetMnist.table", "csv");

    [Fact]
    public void MarkdownMatchesSnapshot() => Snapshot.Match(TableMarkdownWriter.ToText(SampleTables.Build()), "LeNetMnist.table", "md");

    [Fact]
    public void JsonMatchesSnapshot() => Snapshot.Match(TableJsonWriter.ToText(SampleTables.Build(energy: true)), "LeNetMnist.table", "json");

    [Fact]
    public void HpvmLayoutHasOneHeaderPerNodeAndNAForUnmeasuredEnergy()
    {
        string text = HpvmTensorTableWriter.ToText(SampleTables.Build());
        string[] lines = text.Split('\n');
        Assert.Equal("** node1 4 h2f_time h2f_energy fp32_time fp32_energy fp16_time fp16_energy perf_121_time perf_121_energy perf_fp16_151_time perf_fp16_151_energy samp_231_time samp_231_energy f2h_time f2h_energy", lines[0]);
        Assert.StartsWith("conv NA NA 2 NA 1.2 NA 1.1", lines[1]);
        Assert.EndsWith(" 0.05 NA", lines[1]);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void EveryWriterIsCultureInvariant(string culture)
    {
        LookupTable table = SampleTables.Build(energy: true);
        string[] invariant = All(table);
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
            Assert.Equal(invariant, All(table));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    private static string[] All(LookupTable t) => new[]
    {
        HpvmTensorTableWriter.ToText(t), TableCsvWriter.ToText(t), TableJsonWriter.ToText(t), TableMarkdownWriter.ToText(t),
    };
}
