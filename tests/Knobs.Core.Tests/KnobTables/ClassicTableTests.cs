using System.Linq;
using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class ClassicTableTests
{
    private static readonly KnobTableReadResult Result = KnobTableReader.ReadFile(TableFiles.ClassicSample);
    private static readonly KnobTable Table = TableFiles.Load(Result);

    [Fact]
    public void ClassicSampleLoadsEveryRow()
    {
        Assert.Equal(KnobTableFormat.Classic, Result.Format);
        Assert.Empty(Result.Diagnostics);
        Assert.Equal(new[] { 11, 12 }.Concat(Enumerable.Range(21, 9)).Concat(Enumerable.Range(31, 6)), Table.Knobs.Select(k => k.Id));
    }

    [Fact]
    public void ClassicSampKnob31AppendsItsParametersLiterally()
    {
        Knob k = Table.Get(31);
        Assert.Equal("samp", k.Type);
        Assert.Equal(new[] { "1", "1", "2", "0" }, k.Parameters.Strings());
        Assert.True(k.LiteralArguments);
        Assert.Equal("1, 1, 2, 0", k.CallArgumentsText);
        Assert.Equal(1.88, k.Speedup);
        Assert.Equal(("tensorHalfConvolution", "tensorConvApproxHalf"), (k.FromOp, k.ToOp));
        Assert.Equal(("HalfConvolution", "ConvApproxHalf"), (k.KnobsFromOp, k.KnobsToOp));
        Assert.Equal("fp16", k.Precision);
        Assert.Null(k.Device);
        Assert.Equal(new[] { "conv" }, k.AppliesTo.Strings());
        Assert.Equal(KnobStatus.Supported, k.Status);
        Assert.Equal(new SourceLocation(TableFiles.ClassicSample, 12, 1), k.Location);
    }

    [Fact]
    public void ClassicPerfKnob21KeepsItsFourArguments()
    {
        Knob k = Table.Get(21);
        Assert.Equal("perf", k.Type);
        Assert.Equal("1, 2, 1, 0", k.CallArgumentsText);
        Assert.Equal(2.25, k.Speedup);
        Assert.Equal("fp16", k.Precision);
        Assert.Null(k.ParametersFromId);
        Assert.Equal(3, k.Location.Line);
    }

    [Fact]
    public void ClassicFp32IsACopyAndFp16RewritesToHalfOps()
    {
        Knob fp32 = Table.Get(11);
        Assert.Equal(("Convolution", "Convolution"), (fp32.KnobsFromOp, fp32.KnobsToOp));
        Assert.Empty(fp32.CallArguments);
        Assert.Equal("fp32", fp32.Precision);
        Knob fp16 = Table.Get(12);
        Assert.Equal(("Convolution", "HalfConvolution"), (fp16.KnobsFromOp, fp16.KnobsToOp));
        Assert.Equal("fp16", fp16.Precision);
        Assert.Equal(1.5, fp16.Speedup);
        Assert.Equal(new[] { "conv_fc_red" }, fp16.AppliesTo.Strings());
    }

    [Fact]
    public void ClassicRowsMayBeSeparatedByRunsOfSpaces()
    {
        KnobTable t = TableFiles.Load(KnobTableReader.Read("aligned.txt", "samp,31   1,1,2,0   1.88  tensorHalfConvolution   tensorConvApproxHalf\n"));
        Assert.Equal("1, 1, 2, 0", t.Get(31).CallArgumentsText);
        Assert.Equal(1.88, t.Get(31).Speedup);
        Assert.Equal("tensorConvApproxHalf", t.Get(31).ToOp);
    }

    [Fact]
    public void ClassicTableSavedWithTabsReadsTheSame()
    {
        string spaces = System.IO.File.ReadAllText(TableFiles.ClassicSample);
        KnobTableReadResult tabs = KnobTableReader.Read("tabs.txt", spaces.Replace(' ', '\t'));
        Assert.Equal(KnobTableFormat.Classic, tabs.Format);
        Assert.Equal(Table, TableFiles.Load(tabs));
    }

    [Fact]
    public void ClassicTabTableWithASpaceSeparatedRowIsMixed()
    {
        string text = "fp32,11\t-1\t1.0\ttensorConvolution\ttensorConvolution\nsamp,31 1,1,2,0\t1.88\ttensorHalfConvolution\ttensorConvApproxHalf\n";
        KnobDiagnostic d = Assert.Single(KnobTableReader.Read("mixed.txt", text).Diagnostics);
        Assert.Equal((KnobDiagnosticIds.MixedSeparators, 2, 8), (d.Id, d.Location.Line, d.Location.Column));
    }
}
