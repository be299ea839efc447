using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class HpvmReleaseTableTests
{
    private static readonly KnobTableReadResult Result = KnobTableReader.ReadFile(TableFiles.HpvmRelease);
    private static readonly KnobTable Table = TableFiles.Load(Result);

    [Fact]
    public void RealHpvmTableLoadsEveryRowInFileOrder()
    {
        Assert.Equal(KnobTableFormat.HpvmRelease, Result.Format);
        Assert.Equal(69, Table.Count);
        int[] expected = new[] { 11, 12 }
            .Concat(Enumerable.Range(121, 18)).Concat(Enumerable.Range(151, 18))
            .Concat(Enumerable.Range(231, 9)).Concat(Enumerable.Range(261, 9))
            .Concat(Enumerable.Range(41, 6)).Concat(Enumerable.Range(1, 7)).ToArray();
        Assert.Equal(expected, Table.Knobs.Select(k => k.Id).ToArray());
        Assert.Equal(Enumerable.Range(1, 69), Table.Knobs.Select(k => k.Location.Line));
    }

    [Fact]
    public void RealHpvmTableReportsOnlyTheTwoUnsupportedTypes()
    {
        Assert.All(Result.Diagnostics, d => Assert.Equal(KnobDiagnosticSeverity.Info, d.Severity));
        Assert.Equal(new[] { ("KNB0014", 57), ("KNB0014", 63) }, Result.Diagnostics.Select(d => (d.Id, d.Location.Line)));
        Assert.Contains("red_samp", Result.Diagnostics[0].Message);
        Assert.Contains("swing_level", Result.Diagnostics[1].Message);
    }

    [Fact]
    public void Fp32Knob11HasNoParametersAndAppliesToConvFcRed()
    {
        Knob k = Table.Get(11);
        Assert.Equal("fp32", k.Type);
        Assert.Empty(k.Parameters);
        Assert.Empty(k.CallArguments);
        Assert.Equal(1.0, k.Speedup);
        Assert.Equal(("tensorConvolution", "tensorConvApprox"), (k.FromOp, k.ToOp));
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("fp32", k.Precision);
        Assert.Equal("dev", k.Device);
        Assert.Equal(new[] { "conv_fc_red" }, k.AppliesTo.Strings());
        Assert.Equal(KnobStatus.Supported, k.Status);
        Assert.Null(k.ParametersFromId);
        Assert.False(k.LiteralArguments);
        Assert.Equal("fp32_11", k.VariantName);
        Assert.Equal(new SourceLocation(TableFiles.HpvmRelease, 1, 1), k.Location);
    }

    [Fact]
    public void Fp16Knob12ResolvesHalf2ToConvApproxHalf()
    {
        Knob k = Table.Get(12);
        Assert.Equal("fp16", k.Type);
        Assert.Empty(k.Parameters);
        Assert.Equal(1.5, k.Speedup);
        Assert.Equal(("tensorConvolution", "tensorConvApproxHalf2"), (k.FromOp, k.ToOp));
        Assert.Equal(("Convolution", "ConvApproxHalf"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("fp16", k.Precision);
        Assert.Equal("install", k.Device);
        Assert.Equal(new[] { "conv_fc_red" }, k.AppliesTo.Strings());
        Assert.Equal(2, k.Location.Line);
    }

    [Fact]
    public void PerfKnob121MapsRowColOffsetToConvApproxArguments()
    {
        Knob k = Table.Get(121);
        Assert.Equal("perf", k.Type);
        Assert.Equal(new[] { "1", "2", "0" }, k.Parameters.Strings());
        Assert.Equal(new[] { "1", "2", "1", "0" }, k.CallArguments.Strings());
        Assert.Equal("1, 2, 1, 0", k.CallArgumentsText);
        Assert.Equal(2.0, k.Speedup);
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("fp32", k.Precision);
        Assert.Equal("dev", k.Device);
        Assert.Equal(new[] { "conv" }, k.AppliesTo.Strings());
        Assert.Null(k.ParametersFromId);
        Assert.Equal(new SourceLocation(TableFiles.HpvmRelease, 3, 1), k.Location);
    }

    [Fact]
    public void PerfFp16Knob151ReusesTheParametersOfKnob121()
    {
        Knob k = Table.Get(151);
        Assert.Equal("perf_fp16", k.Type);
        Assert.Equal(new[] { "1", "2", "0" }, k.Parameters.Strings());
        Assert.Equal(121, k.ParametersFromId);
        Assert.Equal(Table.Get(121).CallArguments, k.CallArguments);
        Assert.Equal(3.0, k.Speedup);
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("fp16", k.Precision);
        Assert.Equal("install", k.Device);
        Assert.Equal(21, k.Location.Line);
        Assert.All(Table.ByType("perf_fp16"), f => Assert.Equal(f.Id - 30, f.ParametersFromId));
        Assert.All(Table.ByType("samp_fp16"), f => Assert.Equal(f.Id - 30, f.ParametersFromId));
    }

    [Fact]
    public void SampKnob231MapsSkipOffsetToConvApproxArguments()
    {
        Knob k = Table.Get(231);
        Assert.Equal("samp", k.Type);
        Assert.Equal(new[] { "2", "0", "1" }, k.Parameters.Strings());
        Assert.Equal("1, 1, 2, 0", k.CallArgumentsText);
        Assert.Equal(2.0, k.Speedup);
        Assert.Equal(("tensorConvolution", "tensorConvApprox"), (k.FromOp, k.ToOp));
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Null(k.ParametersFromId);
        Assert.Equal(KnobStatus.Supported, k.Status);
        Assert.Equal("fp32", k.Precision);
        Assert.Equal("dev", k.Device);
        Assert.Equal(new[] { "conv" }, k.AppliesTo.Strings());
        Assert.Equal(39, k.Location.Line);
    }

    [Fact]
    public void SampFp16Knob261ReusesKnob231()
    {
        Knob k = Table.Get(261);
        Assert.Equal("samp_fp16", k.Type);
        Assert.Equal(new[] { "2", "0", "1" }, k.Parameters.Strings());
        Assert.Equal(231, k.ParametersFromId);
        Assert.Equal(("tensorConvolution", "tensorConvApprox"), (k.FromOp, k.ToOp));
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal(new[] { "conv" }, k.AppliesTo.Strings());
        Assert.Equal(KnobStatus.Supported, k.Status);
        Assert.Equal("1, 1, 2, 0", k.CallArgumentsText);
        Assert.Equal(3.0, k.Speedup);
        Assert.Equal("fp16", k.Precision);
        Assert.Equal("install", k.Device);
        Assert.Equal(48, k.Location.Line);
    }

    [Fact]
    public void RedSampKnob41IsListedButUnsupported()
    {
        Knob k = Table.Get(41);
        Assert.Equal("red_samp", k.Type);
        Assert.Equal(new[] { "1" }, k.Parameters.Strings());
        Assert.Equal(1.5, k.Speedup);
        Assert.Equal(("tensorReduction", "tensorReduction"), (k.FromOp, k.ToOp));
        Assert.Null(k.KnobsFromOp);
        Assert.Null(k.KnobsToOp);
        Assert.Equal("dev", k.Device);
        Assert.Equal(new[] { "red" }, k.AppliesTo.Strings());
        Assert.Equal(KnobStatus.Unsupported, k.Status);
        Assert.Contains("reduction", k.UnsupportedReason);
        Assert.Equal(57, k.Location.Line);
        Assert.Equal(2.25, Table.Get(42).Speedup);
        Assert.Equal(2.0, Table.Get(44).Speedup);
    }

    [Fact]
    public void SwingLevel1IsListedButUnsupported()
    {
        Knob k = Table.Get(1);
        Assert.Equal("swing_level", k.Type);
        Assert.Equal(new[] { "1" }, k.Parameters.Strings());
        Assert.Equal(12.0, k.Speedup);
        Assert.Equal(("Convolution", "ConvApprox"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("install", k.Device);
        Assert.Equal(new[] { "conv_fc" }, k.AppliesTo.Strings());
        Assert.Equal(KnobStatus.Unsupported, k.Status);
        Assert.Contains("PROMISE", k.UnsupportedReason);
        Assert.Equal(63, k.Location.Line);
        Assert.Equal(7, Table.ByType("swing_level").Length);
    }

    [Fact]
    public void TypesAreTheBuiltInsAndLookupByTypeKeepsTableOrder()
    {
        Assert.Equal(BuiltInKnobTypes.All.Select(t => t.Name), Table.Types.Select(t => t.Name));
        Assert.Equal(Enumerable.Range(121, 18), Table.ByType("perf").Select(k => k.Id));
        Assert.Equal(6, Table.ByType("red_samp").Length);
        Assert.Empty(Table.ByType("nosuchtype"));
        Assert.False(Table.TryGet(999, out _));
    }
}
