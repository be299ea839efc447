using System.Globalization;
using System.IO;
using System.Threading;
using Knobs.Profiles;

namespace Knobs.Core.Tests.Profiles;

public sealed class ProfileRoundTripTests
{
    private static Profile Sample() => SampleProfiles.Create("AlexNetCifar10", "perf_121", new ProfileKnob("perf", 121),
        new[]
        {
            new SampleProfiles.Op(1, "conv", "ConvApprox", "perf", 121, 0.5, 0.0123),
            new SampleProfiles.Op(1, "add", "Add", "fp32", 11, 0.0125, 0.0001),
            new SampleProfiles.Op(2, "softmax", "Softmax", "fp32", 11, 1.0 / 3, 0.002, F2h: 0.001, H2f: 0.25),
        }, qos: SampleProfiles.Qos(0.013, 0.98));

    [Fact]
    public void WrittenProfileReadsBackToTheSameText()
    {
        string text = ProfileWriter.ToText(Sample());
        Profile back = ProfileReader.Read(new StringReader(text), "sample.profile.jsonl");
        Assert.Equal(text, ProfileWriter.ToText(back));
        Assert.Equal(3, back.Ops.Count);
        Assert.Equal(1.0 / 3, back.Ops[2].Time.Mean);
        Assert.Equal(0.25, back.Ops[2].H2f.Time);
        Assert.Equal(121, back.Header.Knob!.Id);
        Assert.Equal(0.98, back.Qos!.Top1);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void NumbersAreCultureInvariantAndShortestRoundTrip(string culture)
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            string text = ProfileWriter.ToText(Sample());
            Assert.Contains("\"mean\":0.3333333333333333,", text);
            Assert.Contains("\"energy\":0.0123,", text);
            Assert.DoesNotContain("0,5", text);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void FieldOrderIsFixedAndLinesEndWithNewline()
    {
        string text = ProfileWriter.ToText(Sample());
        string[] lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.StartsWith("{\"type\":\"header\",\"format\":\"knobs-profile\",\"version\":2,\"benchmark\":\"AlexNetCifar10\",\"variant\":\"perf_121\",\"knob\":{\"name\":\"perf\",\"id\":121},\"configuration\":null,\"settings\":{", lines[0]);
        Assert.StartsWith("{\"type\":\"op\",\"node\":1,\"nodeName\":\"node1\",\"index\":0,\"kind\":\"conv\",\"op\":\"ConvApprox\",\"approx\":\"perf\",\"knobId\":121,\"time\":{\"n\":40,\"mean\":0.5,", lines[1]);
        Assert.StartsWith("{\"type\":\"qos\",", lines[4]);
        Assert.StartsWith("{\"type\":\"summary\",", lines[5]);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void WriteIsAtomicAndLeavesNoTemporaryFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "knobs-profile-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "a.profile.jsonl");
            ProfileWriter.Write(path, Sample());
            ProfileWriter.Write(path, Sample());
            Assert.Single(Directory.GetFiles(dir));
            Assert.Equal(3, ProfileReader.Read(path).Ops.Count);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void NaNTimeIsRefusedWithTheFieldNamed()
    {
        Profile bad = SampleProfiles.Create("B", "fp32_11", new ProfileKnob("fp32", 11),
            new[] { new SampleProfiles.Op(1, "conv", "Convolution", "fp32", 11, double.NaN) });
        var e = Assert.Throws<System.ArgumentException>(() => ProfileWriter.ToText(bad));
        Assert.Contains("op 0.time.mean is NaN", e.Message);
    }

    [Fact]
    public void ConfigurationHeaderRoundTrips()
    {
        var config = new ProfileConfiguration("confs.txt", "conf3", 3, new[]
        {
            new ProfileConfigurationNode(1, "samp_fp16", 263), new ProfileConfigurationNode(2, "fp16", 12),
        });
        Profile p = SampleProfiles.Create("B", "conf3", null,
            new[] { new SampleProfiles.Op(1, "conv", "ConvApproxHalf", "samp_fp16", 263, 0.2) }, configuration: config);
        Profile back = ProfileReader.Read(new StringReader(ProfileWriter.ToText(p)), "c.jsonl");
        Assert.Null(back.Header.Knob);
        Assert.Equal("conf3", back.Header.Configuration!.Name);
        Assert.Equal(263, back.Header.Configuration.Nodes[0].Id);
    }
}
