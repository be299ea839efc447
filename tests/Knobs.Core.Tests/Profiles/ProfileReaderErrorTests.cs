using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Core.Tests.Profiles;

public sealed class ProfileReaderErrorTests
{
    private static string SampleText() => ProfileWriter.ToText(SampleProfiles.Create("B", "fp32_11", new ProfileKnob("fp32", 11),
        new[]
        {
            new SampleProfiles.Op(1, "conv", "Convolution", "fp32", 11, 0.5),
            new SampleProfiles.Op(1, "add", "Add", "fp32", 11, 0.01),
        }));

    private static ProfileFormatException Fails(string text) =>
        Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(text), "x.profile.jsonl"));

    [Fact]
    public void FileWithoutSummaryIsRejectedAsTruncated()
    {
        string[] lines = SampleText().TrimEnd('\n').Split('\n');
        var e = Fails(string.Join("\n", lines.Take(lines.Length - 1)) + "\n");
        Assert.Contains("truncated", e.Message);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("x.profile.jsonl(3):", e.Message);
    }

    [Fact]
    public void FileCutInTheMiddleOfALineIsRejectedWithItsLine()
    {
        string text = SampleText();
        var e = Fails(text.Substring(0, text.Length - 30));
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void ForeignJsonFileIsRejectedOnLineOne()
    {
        var e = Fails("{\"name\":\"something else\"}\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("not a Knobs profile", e.Message);
    }

    [Fact]
    public void ForeignTextFileIsRejectedOnLineOne()
    {
        var e = Fails("2592.187221\n+++++\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("not a Knobs profile", e.Message);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        Assert.Contains("empty", Fails("").Message);
    }

    [Fact]
    public void NewerFormatVersionIsRejected()
    {
        var e = Fails(SampleText().Replace("\"version\":2,", "\"version\":3,"));
        Assert.Contains("version 3 is not supported", e.Message);
    }

    [Fact]
    public void MissingFieldIsNamedWithItsPath()
    {
        var e = Fails(SampleText().Replace("\"median\":0.495,", ""));
        Assert.Equal(2, e.Line);
        Assert.Contains("'time.median' is missing", e.Message);
    }

    [Fact]
    public void WrongFieldTypeIsNamed()
    {
        var e = Fails(SampleText().Replace("\"node\":1,\"nodeName\":\"node1\",\"index\":1", "\"node\":\"one\",\"nodeName\":\"node1\",\"index\":1"));
        Assert.Equal(3, e.Line);
        Assert.Contains("'node' must be an integer", e.Message);
    }

    [Fact]
    public void ContentAfterSummaryIsRejected()
    {
        string text = SampleText();
        string[] lines = text.TrimEnd('\n').Split('\n');
        var e = Fails(text + lines[1] + "\n");
        Assert.Equal(lines.Length + 1, e.Line);
    }
}
