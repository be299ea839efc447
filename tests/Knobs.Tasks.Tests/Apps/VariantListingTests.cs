using System;
using Knobs.Tasks.Apps;

namespace Knobs.Tasks.Tests.Apps;

public class VariantListingTests
{
    [Fact]
    public void ReadsTheRunnersListJson()
    {
        const string json = """
            {
              "knobsVersion": "0.1.0",
              "benchmarks": [
                { "name": "LeNetMnist", "classifier": true, "nodes": [ { "id": 1, "name": "node1", "ops": ["conv", "add"] } ],
                  "knobs": [ { "id": 11, "name": "fp32", "approx": "fp32", "parameters": [], "speedup": 1 } ],
                  "variants": [ "fp32_11", "fp16_12", "perf_121" ] },
                { "name": "Tiny", "classifier": false, "nodes": [], "knobs": [], "variants": [ "fp32_11" ] }
              ]
            }
            """;
        var listing = VariantListing.Parse(json);
        Assert.Equal(2, listing.Count);
        Assert.Equal("LeNetMnist", listing[0].Name);
        Assert.Equal(new[] { "fp32_11", "fp16_12", "perf_121" }, listing[0].Variants);
        Assert.Equal(new[] { "fp32_11" }, listing[1].Variants);
    }

    [Fact]
    public void AcceptsABareArrayWithVariantObjectsAfterABanner()
    {
        var listing = VariantListing.Parse("Knobs runner 0.1.0\n[{\"name\":\"B\",\"variants\":[{\"name\":\"fp32_11\"},{\"name\":\"samp_231\"}]}]");
        Assert.Equal("B", listing[0].Name);
        Assert.Equal(new[] { "fp32_11", "samp_231" }, listing[0].Variants);
    }

    [Fact]
    public void RejectsABenchmarkWithoutVariants()
    {
        var e = Assert.Throws<FormatException>(() => VariantListing.Parse("{\"benchmarks\":[{\"name\":\"B\"}]}"));
        Assert.Contains("'B'", e.Message);
    }

    [Fact]
    public void RejectsOutputWithoutJson()
    {
        Assert.Throws<FormatException>(() => VariantListing.Parse("Unhandled exception. System.Exception: boom"));
    }
}
