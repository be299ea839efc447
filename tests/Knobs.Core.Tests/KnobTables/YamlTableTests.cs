using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

public class YamlTableTests
{
    private const string UserType = """
        # A new approximation: dilated convolution, implemented by the user's own [TensorOp] method.
        types:
          - name: dilate
            from: Convolution
            to: MyOps.DilatedConvolution
            parameters: [rate, offset]
            arguments: "{rate}, {offset}, 0.5"
            applies_to: conv
        knobs:
          - type: fp32
            id: 11
            speedup: 1.0
          - type: dilate       # two knobs of the new type
            id: 501
            parameters: [2, 0]
            speedup: 1.7
          - {type: dilate, id: 502, parameters: "3,1", speedup: 1.4, device: dev}
          - type: perf
            id: 121
            parameters: [1, 2, 0]
            speedup: 2.0
            from: tensorConvolution
            to: tensorConvApprox
        """;

    [Fact]
    public void YamlDeclaresANewKnobTypeWithItsOpsParametersAndArgumentTemplate()
    {
        KnobTableReadResult result = KnobTableReader.Read("knobs.yaml", UserType);
        KnobTable table = TableFiles.Load(result);
        Assert.Equal(KnobTableFormat.Yaml, result.Format);
        Assert.Empty(result.Diagnostics);

        KnobType dilate = Assert.Single(table.UserTypes);
        Assert.Equal("dilate", dilate.Name);
        Assert.Equal(("Convolution", "MyOps.DilatedConvolution"), (dilate.FromOp, dilate.ToOp));
        Assert.Equal(new[] { "rate", "offset" }, dilate.ParameterNames.Strings());
        Assert.Equal("{rate}, {offset}, 0.5", dilate.ArgumentTemplate);
        Assert.Equal(new[] { "conv" }, dilate.AppliesTo.Strings());
        Assert.False(dilate.IsBuiltIn);
        Assert.True(dilate.Supported);
        Assert.Equal(new SourceLocation("knobs.yaml", 3, 11), dilate.Location);
        Assert.True(table.TryGetType("dilate", out _));

        Knob k501 = table.Get(501);
        Assert.Equal("dilate", k501.Type);
        Assert.Equal(new[] { "2", "0" }, k501.Parameters.Strings());
        Assert.Equal(new[] { "2", "0", "0.5" }, k501.CallArguments.Strings());
        Assert.Equal(1.7, k501.Speedup);
        Assert.Equal(("Convolution", "MyOps.DilatedConvolution"), (k501.FromOp, k501.ToOp));
        Assert.Equal("Convolution", k501.KnobsFromOp);
        Assert.Null(k501.KnobsToOp);
        Assert.Null(k501.Device);
        Assert.Equal(13, k501.Location.Line);
        Assert.Equal("3, 1, 0.5", table.Get(502).CallArgumentsText);
        Assert.Equal("dev", table.Get(502).Device);
    }

    [Fact]
    public void YamlKnobsOfBuiltInTypesMatchTheHpvmRows()
    {
        KnobTable table = TableFiles.Load(KnobTableReader.Read("knobs.yaml", UserType));
        Knob yaml = table.Get(121);
        Knob hpvm = KnobTable.Default.Get(121);
        Assert.Equal(hpvm with { Device = null, AppliesTo = yaml.AppliesTo }, yaml);
        Assert.Equal(("", ""), (table.Get(11).FromOp, table.Get(11).ToOp));
        Assert.Equal(new[] { "conv_fc_red" }, table.Get(11).AppliesTo.Strings());
    }

    [Fact]
    public void TheYamlExampleInTheDocsLoads()
    {
        string doc = File.ReadAllText(RepoPaths.Combine("docs", "knob-tables.md"));
        Match block = Regex.Match(doc, "```yaml\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "docs/knob-tables.md has no ```yaml example");
        KnobTable table = TableFiles.Load(KnobTableReader.Read("docs-example.yaml", block.Groups[1].Value));
        KnobType type = Assert.Single(table.UserTypes);
        Assert.NotEmpty(table.ByType(type.Name));
        Assert.All(table.ByType(type.Name), k => Assert.Equal(KnobStatus.Supported, k.Status));
    }

    [Fact]
    public void UserTypeMayBeDeclaredUnsupportedWithAReason()
    {
        const string text = """
            types:
              - {name: npu, from: Gemm, to: NpuGemm, supported: false, reason: "needs the NPU backend"}
            knobs:
              - {type: npu, id: 900, speedup: 4}
            """;
        KnobTableReadResult result = TableFilesLoadWithInfo(text);
        Knob k = result.Table!.Get(900);
        Assert.Equal(KnobStatus.Unsupported, k.Status);
        Assert.Equal("needs the NPU backend", k.UnsupportedReason);
        Assert.Equal(KnobDiagnosticIds.UnsupportedKnobType, Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void YamlLiteralArgumentsAreAppendedAsWritten()
    {
        KnobTable table = TableFiles.Load(KnobTableReader.Read("k.yaml", "knobs:\n  - {type: samp, id: 31, arguments: [1, 1, 2, 0], speedup: 1.88, from: tensorHalfConvolution, to: tensorConvApproxHalf}\n"));
        Knob k = table.Get(31);
        Assert.True(k.LiteralArguments);
        Assert.Equal("1, 1, 2, 0", k.CallArgumentsText);
        Assert.Equal("fp16", k.Precision);
    }

    [Fact]
    public void YamlIsDetectedByContentWithoutTheExtension()
    {
        Assert.Equal(KnobTableFormat.Yaml, KnobTableReader.Read("knobs.txt", UserType.Substring(UserType.IndexOf("types:", System.StringComparison.Ordinal))).Format);
    }

    [Fact]
    public void YamlDiagnosticsPointAtTheOffendingNode()
    {
        KnobDiagnostic d = Assert.Single(KnobTableReader.Read("k.yaml", "knobs:\n  - {type: perf, id: 121, parameters: [1, 2, 9], speedup: 2}\n").Diagnostics);
        Assert.Equal((KnobDiagnosticIds.OffsetOutOfRange, 2, 46), (d.Id, d.Location.Line, d.Location.Column));
    }

    private static KnobTableReadResult TableFilesLoadWithInfo(string text)
    {
        KnobTableReadResult result = KnobTableReader.Read("k.yaml", text);
        TableFiles.Load(result);
        return result;
    }
}
