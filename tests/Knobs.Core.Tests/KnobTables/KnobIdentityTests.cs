using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class KnobIdentityTests
{
    [Fact]
    public void Fp32IsTheBaselineKnob11()
    {
        KnobIdentity fp32 = KnobIdentity.Fp32;
        Assert.Equal(("fp32", 11), (fp32.Approx, fp32.Id));
        Assert.Equal("fp32_11", fp32.VariantName);
        Assert.Equal("fp32", fp32.ColumnKey);
        Assert.Equal("fp32", fp32.Precision);
        Assert.True(fp32.IsBaseline);
        Assert.False(fp32.IsHalf);
        Assert.True(fp32.IsPrecisionOnly);
        Assert.Equal("fp32", KnobIdentity.Fp32Word);
    }

    [Fact]
    public void Fp16IsKnob12InHalfPrecision()
    {
        KnobIdentity fp16 = KnobIdentity.Fp16;
        Assert.Equal(("fp16", 12), (fp16.Approx, fp16.Id));
        Assert.Equal("fp16_12", fp16.VariantName);
        Assert.Equal("fp16", fp16.ColumnKey);
        Assert.Equal("fp16", fp16.Precision);
        Assert.False(fp16.IsBaseline);
        Assert.True(fp16.IsHalf);
        Assert.True(fp16.IsPrecisionOnly);
        Assert.Equal("fp16", KnobIdentity.Fp16Word);
        Assert.Equal("_fp16", KnobIdentity.HalfSuffix);
    }

    [Theory]
    [InlineData("perf", 121, "perf_121", "fp32")]
    [InlineData("samp", 231, "samp_231", "fp32")]
    [InlineData("perf_fp16", 151, "perf_fp16_151", "fp16")]
    [InlineData("samp_fp16", 261, "samp_fp16_261", "fp16")]
    [InlineData("red_samp", 41, "red_samp_41", "fp32")]
    [InlineData("my_type_501", 7, "my_type_501_7", "fp32")]
    [InlineData("my_type", 501, "my_type_501", "fp32")]
    public void ApproxKnobsAreKeyedByVariantName(string approx, int id, string name, string precision)
    {
        var knob = new KnobIdentity(approx, id);
        Assert.Equal(name, knob.VariantName);
        Assert.Equal(name, knob.ColumnKey);
        Assert.Equal(name, knob.ToString());
        Assert.Equal(precision, knob.Precision);
        Assert.Equal(precision == "fp16", knob.IsHalf);
        Assert.False(knob.IsBaseline);
        Assert.False(knob.IsPrecisionOnly);
    }

    [Fact]
    public void Fp32AndFp16KeepTheirWordAsKeyWhateverTheirId()
    {
        Assert.Equal("fp32", new KnobIdentity("fp32", 99).ColumnKey);
        Assert.Equal("fp32_99", new KnobIdentity("fp32", 99).VariantName);
        Assert.True(new KnobIdentity("fp32", 99).IsBaseline);
        Assert.Equal("fp16", new KnobIdentity("fp16", 1).ColumnKey);
    }

    [Theory]
    [InlineData("fp32_11", "fp32", 11)]
    [InlineData("fp16_12", "fp16", 12)]
    [InlineData("perf_121", "perf", 121)]
    [InlineData("perf_fp16_151", "perf_fp16", 151)]
    [InlineData("samp_fp16_261", "samp_fp16", 261)]
    [InlineData("red_samp_41", "red_samp", 41)]
    [InlineData("my_type_501", "my_type", 501)]
    [InlineData("a_0", "a", 0)]
    public void VariantNamesParseAndRoundTrip(string name, string approx, int id)
    {
        Assert.True(KnobIdentity.TryParseVariantName(name, out KnobIdentity knob));
        Assert.Equal(new KnobIdentity(approx, id), knob);
        Assert.Equal(name, knob.VariantName);
        Assert.True(KnobIdentity.TryParseColumnKey(name, out KnobIdentity byKey));
        Assert.Equal(knob, byKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fp32")]
    [InlineData("perf")]
    [InlineData("_121")]
    [InlineData("perf_")]
    [InlineData("perf_-1")]
    [InlineData("perf_+1")]
    [InlineData("perf_ 1")]
    [InlineData("perf_1x")]
    [InlineData("perf_99999999999")]
    public void MalformedVariantNamesDoNotParse(string? name)
    {
        Assert.False(KnobIdentity.TryParseVariantName(name, out KnobIdentity knob));
        Assert.Equal(default, knob);
    }

    [Fact]
    public void ColumnKeysFp32AndFp16ParseToTheReleaseIds()
    {
        Assert.True(KnobIdentity.TryParseColumnKey("fp32", out KnobIdentity fp32));
        Assert.Equal(KnobIdentity.Fp32, fp32);
        Assert.True(KnobIdentity.TryParseColumnKey("fp16", out KnobIdentity fp16));
        Assert.Equal(KnobIdentity.Fp16, fp16);
        Assert.False(KnobIdentity.TryParseColumnKey("FP32", out _));
        Assert.False(KnobIdentity.TryParseColumnKey(null, out _));
    }

    [Theory]
    [InlineData("fp32", 11)]
    [InlineData("fp16", 12)]
    [InlineData("perf", 121)]
    [InlineData("perf_fp16", 151)]
    [InlineData("samp_fp16", 261)]
    [InlineData("my_type", 501)]
    public void ColumnKeysRoundTrip(string approx, int id)
    {
        var knob = new KnobIdentity(approx, id);
        Assert.True(KnobIdentity.TryParseColumnKey(knob.ColumnKey, out KnobIdentity parsed));
        Assert.Equal(knob, parsed);
    }

    [Fact]
    public void ConfigurationEntriesOfFp32AndFp16GetTheReleaseIds()
    {
        Assert.Equal(KnobIdentity.Fp32, KnobIdentity.FromConfiguration("fp32", 1));
        Assert.Equal(KnobIdentity.Fp16, KnobIdentity.FromConfiguration("fp16", 1));
        Assert.Equal(new KnobIdentity("perf_fp16", 151), KnobIdentity.FromConfiguration("perf_fp16", 151));
    }

    [Theory]
    [InlineData("fp32_11", false, true)]
    [InlineData("fp32", false, true)]
    [InlineData("FP32_11", false, false)]
    [InlineData("FP32_11", true, true)]
    [InlineData("fp16_12", true, false)]
    [InlineData("perf_121", false, false)]
    public void BaselineVariantNamesStartWithFp32(string variant, bool ignoreCase, bool expected) =>
        Assert.Equal(expected, KnobIdentity.IsBaselineVariantName(variant, ignoreCase));

    [Theory]
    [InlineData("fp16", true)]
    [InlineData("perf_fp16", true)]
    [InlineData("my_type_fp16", true)]
    [InlineData("fp32", false)]
    [InlineData("perf", false)]
    [InlineData("fp16x", false)]
    public void HalfApproxKinds(string approx, bool half) => Assert.Equal(half, KnobIdentity.IsHalfApprox(approx));

    [Fact]
    public void IdentitiesAreValues()
    {
        Assert.Equal(new KnobIdentity("perf", 121), new KnobIdentity("per" + "f", 121));
        Assert.NotEqual(new KnobIdentity("perf", 121), new KnobIdentity("perf", 122));
        Assert.Equal(new KnobIdentity("perf", 121).GetHashCode(), new KnobIdentity("per" + "f", 121).GetHashCode());
    }
}
