using System.Linq;
using System.Text;
using Knobs.Configurations;

namespace Knobs.Core.Tests.Configurations;

public sealed class MalformedConfigurationTests
{
    private const string Good =
        "10.5\n+++++\nconf1 1 1 90 0.0\n1 gpu conv fp32 11 add fp32 1\n2 gpu softmax fp32 1\n-----\n" +
        "+++++\nconf2 1.5 1.2 89 1.0\n1 gpu conv perf_fp16 151 add fp16 1\n2 gpu softmax fp32 1\n-----\n";

    private static ConfigurationDiagnostic Single(string text, string id, ConfigurationReaderOptions? options = null)
    {
        ConfigurationReadResult result = ConfigurationReader.Parse(text, "bad.txt", options);
        Assert.True(result.HasErrors);
        Assert.Null(result.File);
        ConfigurationDiagnostic d = Assert.Single(result.Diagnostics, x => x.IsError && x.Id == id);
        Assert.StartsWith(d.Line > 0 ? "bad.txt(" : "bad.txt: error", d.ToString());
        return d;
    }

    [Fact]
    public void TheGoodSampleParses() => Assert.False(ConfigurationReader.Parse(Good, "good.txt").HasErrors);

    [Fact]
    public void MissingEndMarkerIsReportedAtTheNextBlock()
    {
        var d = Single(Good.Replace("2 gpu softmax fp32 1\n-----\n+++++", "2 gpu softmax fp32 1\n+++++"), DiagnosticIds.MissingBlockEnd);
        Assert.Equal(6, d.Line);
    }

    [Fact]
    public void TruncatedFileIsReported()
    {
        var d = Single(Good.Substring(0, Good.Length - "-----\n".Length), DiagnosticIds.MissingBlockEnd);
        Assert.Contains("truncated", d.Message);
        Assert.Equal(10, d.Line);
    }

    [Fact]
    public void BlankLineIsReportedWithItsLine() => Assert.Equal(4, Single(Good.Replace("conf1 1 1 90 0.0\n", "conf1 1 1 90 0.0\n\n"), DiagnosticIds.BlankLine).Line);

    [Fact]
    public void TabIsReportedWithItsColumn()
    {
        var d = Single(Good.Replace("1 gpu conv fp32 11 add", "1 gpu conv\tfp32 11 add"), DiagnosticIds.Tab);
        Assert.Equal((4, 11), (d.Line, d.Column));
    }

    [Fact]
    public void UnknownOpIsReportedWithItsColumn()
    {
        var d = Single(Good.Replace("1 gpu conv fp32 11", "1 gpu convolution fp32 11"), DiagnosticIds.UnknownOp);
        Assert.Equal((4, 7), (d.Line, d.Column));
    }

    [Fact]
    public void UnknownApproxIsReportedWithItsColumn()
    {
        var d = Single(Good.Replace("perf_fp16 151", "perforated 151"), DiagnosticIds.UnknownApprox);
        Assert.Equal((9, 12), (d.Line, d.Column));
    }

    [Fact]
    public void UserDefinedApproxIsAcceptedWhenDeclared()
    {
        string text = Good.Replace("perf_fp16 151", "mykind 501");
        var options = new ConfigurationReaderOptions { ExtraApproxNames = new[] { "mykind" } };
        Assert.False(ConfigurationReader.Parse(text, "x.txt", options).HasErrors);
    }

    [Fact]
    public void NodeIdsOutOfOrderAreReported()
    {
        var d = Single(Good.Replace("2 gpu softmax fp32 1\n-----\n+++++", "3 gpu softmax fp32 1\n-----\n+++++"), DiagnosticIds.NodeOrder);
        Assert.Equal((5, 1), (d.Line, d.Column));
    }

    [Fact]
    public void OpsNotMatchingTheFirstConfigurationAreReported()
    {
        var d = Single(Good.Replace("151 add fp16 1\n", "151\n"), DiagnosticIds.ShapeMismatch);
        Assert.Equal(9, d.Line);
        Assert.Contains("'conv add'", d.Message);
    }

    [Fact]
    public void NodeCountNotMatchingTheBenchmarkIsReported()
    {
        var options = new ConfigurationReaderOptions { Nodes = new[] { new[] { "conv", "add" }, new[] { "softmax" }, new[] { "softmax" } } };
        ConfigurationReadResult result = ConfigurationReader.Parse(Good, "x.txt", options);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == DiagnosticIds.ShapeMismatch));
        Assert.Contains("has 2 nodes but the benchmark has 3", result.Diagnostics[0].Message);
    }

    [Fact]
    public void NodeOpsNotMatchingTheBenchmarksNodeAreReportedWithLineAndBothOpLists()
    {
        var options = new ConfigurationReaderOptions { Nodes = new[] { new[] { "conv", "add" }, new[] { "relu" } } };
        ConfigurationReadResult result = ConfigurationReader.Parse(Good, "x.txt", options);
        Assert.True(result.HasErrors);
        ConfigurationDiagnostic[] mismatches = result.Diagnostics.Where(d => d.Id == DiagnosticIds.ShapeMismatch).ToArray();
        Assert.Equal(new[] { 5, 10 }, mismatches.Select(d => d.Line));
        Assert.All(mismatches, d => Assert.Equal(7, d.Column));
        Assert.Equal("node 2 has ops 'softmax' but the benchmark's node 2 is 'relu'", mismatches[0].Message);
    }

    [Fact]
    public void Fp16OnACpuLineIsReported()
    {
        var d = Single(Good.Replace("1 gpu conv perf_fp16 151 add fp16 1", "1 cpu conv perf_fp16 151 add fp32 1"), DiagnosticIds.Fp16OnCpu);
        Assert.Equal((9, 12), (d.Line, d.Column));
    }

    [Fact]
    public void FirstLineMustBeANumber() => Assert.Equal(1, Single("baseline\n" + Good.Substring(5), DiagnosticIds.FirstLineNotNumber).Line);

    [Fact]
    public void DoubleSpaceIsReported() => Assert.Equal(17, Single(Good.Replace("conv fp32 11 add", "conv fp32  11 add"), DiagnosticIds.BadNodeLine).Column);

    [Fact]
    public void WrongFieldCountIsReported() => Single(Good.Replace("1 gpu conv fp32 11 add fp32 1", "1 gpu conv fp32 11 add fp32"), DiagnosticIds.BadNodeLine);

    [Fact]
    public void HeaderWithTooFewFieldsIsReported() => Single(Good.Replace("conf1 1 1 90 0.0", "conf1 1 1"), DiagnosticIds.BadHeader);

    [Fact]
    public void EmptyFileIsReported() => Single("", DiagnosticIds.NoConfigurations);

    [Fact]
    public void HugeLineStopsReadingWithoutExhaustingMemory()
    {
        string text = "1.0\n+++++\n" + new string('x', 200_000) + "\n";
        var d = Single(text, DiagnosticIds.TooLarge);
        Assert.Equal(3, d.Line);
    }

    [Fact]
    public void HugeFileIsCutAtTheLimit()
    {
        var sb = new StringBuilder(Good);
        for (int i = 0; i < 2000; i++) sb.Append(Good.Substring(5).Replace("conf", "c" + i + "_"));
        var options = new ConfigurationReaderOptions { MaxChars = 10_000 };
        Single(sb.ToString(), DiagnosticIds.TooLarge, options);
    }

    [Fact]
    public void ManyErrorsStopAfterTheLimit()
    {
        var sb = new StringBuilder("1.0\n");
        for (int i = 0; i < 100_000; i++) sb.Append("garbage\n");
        ConfigurationReadResult result = ConfigurationReader.Parse(sb.ToString(), "x.txt");
        Assert.Equal(101, result.Diagnostics.Count);
        Assert.Equal(DiagnosticIds.TooManyErrors, result.Diagnostics[^1].Id);
    }

    [Fact]
    public void EveryPrefixOfAGoodFileEndsInDiagnosticsOrAFileNeverAnException()
    {
        for (int i = 0; i < Good.Length; i++)
        {
            ConfigurationReadResult result = ConfigurationReader.Parse(Good.Substring(0, i), "x.txt");
            Assert.True(result.HasErrors || result.File is not null);
        }
    }

    [Fact]
    public void MissingFileIsADiagnostic()
    {
        ConfigurationReadResult result = ConfigurationReader.ReadFile("/nonexistent/confs.txt");
        Assert.Equal(DiagnosticIds.FileNotFound, Assert.Single(result.Diagnostics).Id);
    }
}
