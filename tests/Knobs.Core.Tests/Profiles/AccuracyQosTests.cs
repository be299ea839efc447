using System.IO;
using System.Linq;
using Knobs.Core.Tests.Tables;
using Knobs.Profiles;
using Knobs.Reporting;
using Knobs.Tables;

namespace Knobs.Core.Tests.Profiles;

/// <summary>Accuracy and accuracy loss on labelled inputs: in the profile's QoS, the tables and the report.</summary>
public sealed class AccuracyQosTests
{
    private static Profile WithQos(QosRecord qos) => SampleProfiles.Create("LeNetMnist", "perf_121", new ProfileKnob("perf", 121),
        new[] { new SampleProfiles.Op(1, "conv", "ConvApprox", "perf", 121, 0.5) }, qos: qos);

    private static QosRecord Accuracy(double? accuracy, double? loss) => new("fp32_11", 0.013, 0.026, 37.7, 0.98, accuracy, loss);

    [Fact]
    public void AccuracyFieldsFollowTop1AndReadBack()
    {
        string text = ProfileWriter.ToText(WithQos(Accuracy(91.25, 0.5)));
        Assert.Contains("{\"type\":\"qos\",\"reference\":\"fp32_11\",\"relL2\":0.013,\"maxAbs\":0.026,\"psnr\":37.7,\"top1\":0.98,\"accuracy\":91.25,\"accuracyLoss\":0.5}\n", text);
        Profile back = ProfileReader.Read(new StringReader(text), "a.profile.jsonl");
        Assert.Equal((91.25, 0.5), (back.Qos!.Accuracy, back.Qos.AccuracyLoss));
        Assert.Equal(text, ProfileWriter.ToText(back));
    }

    [Fact]
    public void WithoutAccuracyTheFieldsAreAbsentAndReadAsNotMeasured()
    {
        string text = ProfileWriter.ToText(WithQos(Accuracy(null, null)));
        Assert.Contains("\"top1\":0.98}\n", text);
        Assert.DoesNotContain("accuracy", text);
        Profile back = ProfileReader.Read(new StringReader(text), "a.profile.jsonl");
        Assert.Null(back.Qos!.Accuracy);
        Assert.Null(back.Qos.AccuracyLoss);
    }

    [Fact]
    public void ExplicitNullsReadAsNotMeasured()
    {
        string text = ProfileWriter.ToText(WithQos(Accuracy(null, null))).Replace("\"top1\":0.98}", "\"top1\":0.98,\"accuracy\":null,\"accuracyLoss\":null}");
        Profile back = ProfileReader.Read(new StringReader(text), "a.profile.jsonl");
        Assert.Null(back.Qos!.Accuracy);
    }

    [Theory]
    [InlineData("\"accuracy\":100.5", "field 'accuracy' is 100.5, but a percentage must be from 0 to 100")]
    [InlineData("\"accuracy\":-1", "field 'accuracy' is -1, but a percentage must be from 0 to 100")]
    [InlineData("\"accuracyLoss\":-120", "field 'accuracyLoss' is -120, but a difference of two percentages must be from -100 to 100")]
    public void AccuracyOutOfRangeIsRejectedWithTheField(string field, string message)
    {
        string text = ProfileWriter.ToText(WithQos(Accuracy(null, null))).Replace("\"top1\":0.98}", "\"top1\":0.98," + field + "}");
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(text), "a.profile.jsonl"));
        Assert.Contains(message, e.Message);
        Assert.Contains("a.profile.jsonl", e.Message);
    }

    [Fact]
    public void NegativeLossIsAVariantBetterThanTheReference()
    {
        string text = ProfileWriter.ToText(WithQos(Accuracy(92, -0.25)));
        Assert.Equal(-0.25, ProfileReader.Read(new StringReader(text), "a.profile.jsonl").Qos!.AccuracyLoss);
    }

    private static LookupTable TableWithAccuracy()
    {
        var profiles = new[] { ("fp32", 11, 91.5), ("fp16", 12, 91.25), ("perf", 121, 88.0) }.Select(k =>
        {
            Profile p = SampleTables.Profile(k.Item1, k.Item2);
            QosRecord q = p.Qos!;
            var qos = new QosRecord(q.Reference, q.RelL2, q.MaxAbs, q.Psnr, q.Top1, k.Item3, 91.5 - k.Item3);
            return ($"{k.Item1}_{k.Item2}.profile.jsonl", new Profile(p.Header, p.Ops, qos, p.Summary));
        });
        TableBuildResult result = TableBuilder.Build(profiles);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Tables);
    }

    [Fact]
    public void TablesCarryAccuracyPerKnob()
    {
        LookupTable table = TableWithAccuracy();
        Assert.Equal(new double?[] { 91.5, 91.25, 88.0 }, table.Knobs.Select(k => k.Qos!.Accuracy));

        LookupTable back = TableJsonReader.Parse(TableJsonWriter.ToText(table), "t.table.json");
        Assert.Equal(new double?[] { 0, 0.25, 3.5 }, back.Knobs.Select(k => k.Qos!.AccuracyLoss));

        string[] csv = TableCsvWriter.ToText(table).Split('\n');
        Assert.Contains(",qos,accuracy,accuracy_loss,precision,", csv[0]);
        int column = csv[0].Split(',').ToList().IndexOf("accuracy");
        Assert.Equal(new[] { "91.5", "91.25", "88" }, csv.Skip(1).Take(3).Select(r => r.Split(',')[column]));
        Assert.Equal(new[] { "0", "0.25", "3.5" }, csv.Skip(1).Take(3).Select(r => r.Split(',')[column + 1]));

        string md = TableMarkdownWriter.ToText(table);
        Assert.Contains("| perf_121 | 0.014 | 0.028 | 37.0774 | 0.99 | 88 | 3.5 |", md);
        Assert.DoesNotContain("Accuracy: not measured", md);
    }

    [Fact]
    public void ReportShowsAccuracyOrSaysNotMeasured()
    {
        ReportView measured = ReportViewBuilder.Build(new ReportInput().Add(TableWithAccuracy()));
        KnobQosRow perf = measured.Benchmarks[0].KnobQos.Single(r => r.Knob == "perf_121");
        Assert.Equal(("88.00", "3.50"), (perf.Accuracy, perf.AccuracyLoss));
        Assert.DoesNotContain(measured.Benchmarks[0].Notes, n => n.StartsWith("Accuracy: not measured"));
        Assert.Contains("<td class=\"num\">88.00</td><td class=\"num\">3.50</td>", ReportRenderer.Render(new ReportInput().Add(TableWithAccuracy())));

        ReportView without = ReportViewBuilder.Build(new ReportInput().Add(SampleTables.Build()));
        Assert.All(without.Benchmarks[0].KnobQos, r => Assert.Equal(("not measured", "not measured"), (r.Accuracy, r.AccuracyLoss)));
        Assert.Contains(without.Benchmarks[0].Notes, n => n.StartsWith("Accuracy: not measured"));
    }
}
