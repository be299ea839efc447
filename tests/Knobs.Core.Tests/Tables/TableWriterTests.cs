using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Knobs.Core.Tests.Profiles;
using Knobs.Profiles;
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
    public void MarkdownRowsStayNarrowForHpvmsFiftySixKnobs()
    {
        // fp32 and fp16 are added by Build: 27 perforation and 27 sampling knobs make HPVM's 56.
        var knobs = Enumerable.Range(121, 27).Select(id => ("perf", id)).Concat(Enumerable.Range(231, 27).Select(id => ("samp", id))).ToList();
        LookupTable table = SampleTables.Build(knobs);
        Assert.Equal(56, table.Knobs.Count);
        string text = TableMarkdownWriter.ToText(table);
        int widest = text.Split('\n').Where(l => l.StartsWith('|')).Max(Columns);
        Assert.InRange(widest, 5, 10);
        // Nothing measured is lost: every cell has its row in the long-format measurements.
        int cells = table.Nodes.Sum(n => n.Ops.Count) * table.Knobs.Count;
        Assert.Equal(cells, text.Split('\n').Count(l => l.EndsWith("| measured |")));
        Assert.Contains("| 1 | conv | perf_fp16_151 |", TableMarkdownWriter.ToText(SampleTables.Build()));
    }

    [Fact]
    public void MarkdownNamesDeviceAndProvenance()
    {
        string measured = TableMarkdownWriter.ToText(SampleTables.Build());
        Assert.Contains("Device: cpu — Intel(R) Xeon(R) CPU @ 2.20GHz (cores 2, governor performance, threads 2).", measured);
        Assert.Contains("Provenance: every number is measured on the device.", measured);
        Assert.Contains("| provenance |", measured);

        var device = new ProfileDevice("gpu", "Sim|GPU", new[] { new KeyValuePair<string, string>("sms", "108"), new KeyValuePair<string, string>("memory", "80 GB") });
        var features = new OpFeatureRecord("fp32", new[] { new[] { 1, 1, 28, 28 }, new[] { 32, 1, 5, 5 } }, new[] { 1, 32, 24, 24 }, new[] { 5, 5 },
            new[] { 1, 1 }, new[] { 0, 0 }, 1, null, 921600, 921600, 4000, 73728, 1, 2);
        var halved = new OpFeatureRecord("fp32", features.Inputs, features.Output, features.Window, features.Stride, features.Padding, 1,
            new[] { 1, 2, 0, 0 }, 921600, 460800, 4000, 73728, 1, 2);
        var knobs = new[] { new TableKnob("fp32", 11, null, null, null), new TableKnob("perf", 121, null, null, null), new TableKnob("samp", 231, null, null, null) };
        var op = new TableOp("conv", new TableCell?[]
        {
            new("Convolution", "fp32", 2.0, SampleProfiles.Stats(2.0), null, features),
            new("ConvApprox", "perf", 1.0, null, null, halved, Provenance.Modelled),
            null,
        }, null, null, new ConversionCost(0.3, null), null);
        var table = new LookupTable("Alpha", SampleProfiles.Environment(), SampleProfiles.Settings(), knobs,
            new[] { new TableNode(1, "first_node", new[] { op }) }, new[] { "a.profile.jsonl" }, device);
        string text = TableMarkdownWriter.ToText(table);
        Assert.Contains("Device: gpu — Sim\\|GPU (memory 80 GB, sms 108).", text);
        Assert.Contains("Provenance: 1 measured, 1 modelled cells", text);
        Assert.Contains("1 cells not measured", text);
        Assert.Contains("| 1 | conv | 1x1x28x28, 32x1x5x5 → 1x32x24x24 | 921.6 k | 2 ± 0.02 | perf_121 | 1 (modelled) | 2× |", text);
        Assert.Contains("| 1 | conv | perf_121 | 1 | 2× | 0.5 | modelled |", text);
        Assert.Contains("| 1 | conv | samp_231 | — | — | — | not measured |", text);
        Assert.Contains("| 1 | 1 | conv | — | — | 0.3 | — |", text);
        Assert.Contains("### Node 1 (first_node)", text);
    }

    /// <summary>The number of cells in a Markdown table row (pipes not escaped with a backslash, less one).</summary>
    private static int Columns(string row)
    {
        int pipes = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\') i++;
            else if (row[i] == '|') pipes++;
        }
        return pipes - 1;
    }

    [Fact]
    public void HpvmLayoutHasOneHeaderPerNodeAndNAForUnmeasuredEnergy()
    {
        string text = HpvmTensorTableWriter.ToText(SampleTables.Build());
        string[] lines = text.Split('\n');
        Assert.Equal("** node1 4 h2f_time h2f_energy fp32_time fp32_energy fp16_time fp16_energy perf_121_time perf_121_energy perf_fp16_151_time perf_fp16_151_energy samp_231_time samp_231_energy f2h_time f2h_energy", lines[0]);
        Assert.StartsWith("conv NA NA 2 NA 1.2 NA 1.1", lines[1]);
        Assert.EndsWith(" 0.05 NA", lines[1]);
    }

    [Fact]
    public void HpvmLayoutNumbersHaveSixSignificantDigitsAndNoFloatNoise()
    {
        // The sample's node-3 times are computed (0.8 × 3 = 2.4000000000000004), like the means of real profiles.
        LookupTable table = SampleTables.Build(energy: true);
        Assert.Equal("2.4000000000000004", table.Nodes[2].Ops[0].Cells[0]!.Mean.ToString("R", CultureInfo.InvariantCulture));
        string text = HpvmTensorTableWriter.ToText(table);
        Assert.StartsWith("mul NA NA 2.4 0.072 1.44 0.0432 ", text.Split('\n')[11]);
        string[] numbers = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("** ")).SelectMany(l => l.Split(' ').Skip(1)).Where(f => f != "NA").ToArray();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.Equal(n, double.Parse(n, CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture)));
        Assert.Equal(text, HpvmTensorTableWriter.ToText(table));
    }

    [Fact]
    public void AMeanWithFloatNoiseIsWrittenAsAPersonWouldAndReadsBackAsWritten()
    {
        // 1.5465900000000001 is a double a hair above 1.54659: the float noise a mean of tick conversions carries.
        string noisy = HpvmTensorTableWriter.ToText(SampleTables.Build()).Replace("conv NA NA 2 NA", "conv NA NA 1.5465900000000001 NA");
        LookupTable table = HpvmTensorTableReader.Parse(noisy, "t.tensors.txt", "LeNetMnist");
        Assert.Equal("1.5465900000000001", table.Nodes[0].Ops[0].Cells[0]!.Mean.ToString("R", CultureInfo.InvariantCulture));

        string written = HpvmTensorTableWriter.ToText(table);
        Assert.StartsWith("conv NA NA 1.54659 NA ", written.Split('\n')[1]);
        LookupTable back = HpvmTensorTableReader.Parse(written, "t.tensors.txt", "LeNetMnist");
        Assert.Equal(1.54659, back.Nodes[0].Ops[0].Cells[0]!.Mean);
        Assert.Equal("1.54659", back.Nodes[0].Ops[0].Cells[0]!.Mean.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(written, HpvmTensorTableWriter.ToText(back));
    }

    [Theory]
    [InlineData(0.000012345678, "1.23457E-05")]
    [InlineData(123456789.0, "1.23457E+08")]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(0.0, "0")]
    public void HpvmLayoutWritesVerySmallAndLargeValuesInAFormFloatParsingReads(double value, string expected)
    {
        string noisy = HpvmTensorTableWriter.ToText(SampleTables.Build()).Replace("conv NA NA 2 NA", "conv NA NA " + value.ToString("R", CultureInfo.InvariantCulture) + " NA");
        string written = HpvmTensorTableWriter.ToText(HpvmTensorTableReader.Parse(noisy, "t.tensors.txt", "LeNetMnist"));
        Assert.StartsWith("conv NA NA " + expected + " NA ", written.Split('\n')[1]);
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
