using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Simulation;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Hostile;

/// <summary>
/// Each class of hostile input found by an adversarial audit, replayed: every one ends in a diagnostic or a format error
/// naming file and line, quickly, and nothing from a data file reaches generated code or a log unchecked.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static KnobDiagnostic Error(string text, string id, string file = "knobs.yaml")
    {
        KnobTableReadResult result = KnobTableReader.Read(file, text);
        Assert.Null(result.Table);
        return Assert.Single(result.Diagnostics, d => d.IsError && d.Id == id);
    }

    // ---- knob tables: YAML -------------------------------------------------------------------------------------

    [Fact]
    public void AliasesDoublingAsMappingKeysAreRefusedAtTheFirstAliasKeyInstantly()
    {
        var yaml = new StringBuilder("types:\n  - &x0 [a, b]\n");
        yaml.Append("  - ? &x1 [*x0, *x0] : v1\n");
        for (int i = 2; i <= 40; i++) yaml.Append("  - ? &x").Append(i).Append(" [*x").Append(i - 1).Append(", *x").Append(i - 1).Append("] : v").Append(i).Append('\n');
        var watch = Stopwatch.StartNew();
        KnobDiagnostic d = Error(yaml.ToString(), KnobDiagnosticIds.YamlSyntax);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(3, d.Location.Line);
        Assert.Contains("mapping key must be a plain name", d.Message);
    }

    [Fact]
    public void AnAliasAsAMappingKeyIsRefused()
    {
        KnobDiagnostic d = Error("knobs:\n  - &k type\n  - {*k : fp32, id: 11, speedup: 1}\n", KnobDiagnosticIds.YamlSyntax);
        Assert.Equal(3, d.Location.Line);
        Assert.Contains("alias", d.Message);
    }

    [Theory]
    [InlineData("knobs:\n  - {[type] : fp32, id: 11, speedup: 1}\n", "list")]
    [InlineData("knobs:\n  - {{a: b} : fp32, id: 11, speedup: 1}\n", "mapping")]
    public void ANonScalarMappingKeyIsRefused(string yaml, string kind)
    {
        KnobDiagnostic d = Error(yaml, KnobDiagnosticIds.YamlSyntax);
        Assert.Equal(2, d.Location.Line);
        Assert.Contains("is a " + kind, d.Message);
    }

    [Fact]
    public void AliasesAsValuesStillWork()
    {
        const string yaml = "types:\n  - name: dil\n    from: Convolution\n    to: MyOps.Dilated\n    parameters: &p [rate]\n    arguments: \"{rate}\"\nknobs:\n  - {type: dil, id: 501, parameters: [2], speedup: 1.5}\n";
        KnobTableReadResult result = KnobTableReader.Read("knobs.yaml", yaml);
        Assert.NotNull(result.Table);
    }

    private static string TypeWithArguments(string arguments) =>
        "types:\n  - name: dil\n    from: Convolution\n    to: MyOps.Dilated\n    parameters: [rate]\n    arguments: " + arguments + "\n" +
        "knobs:\n  - {type: dil, id: 501, parameters: [2], speedup: 1.5}\n";

    [Theory]
    [InlineData("\"(float)System.Diagnostics.Process.Start(\\\"touch\\\", \\\"PWNED\\\").Id * 0f + 0.5f\"", "(float)System")]
    [InlineData("\"{rate}, 0.5f * 2\"", "0.5f * 2")]
    [InlineData("\"{rate} // rest\"", "{rate} // rest")]
    [InlineData("\"{rate}, x\"", "'x'")]
    [InlineData("\"{rate}, new int[1]\"", "new int[1]")]
    [InlineData("\"{rate}, 99999999999\"", "range of int")]
    [InlineData("\"{rate}, 1e999\"", "range of double")]
    [InlineData("\"{rate}, 1e39f\"", "range of float")]
    public void AnArgumentTemplateTakesOnlyPlaceholdersNumbersAndBooleans(string arguments, string expected)
    {
        KnobDiagnostic d = Error(TypeWithArguments(arguments), KnobDiagnosticIds.InvalidKnobTypeDeclaration);
        Assert.Contains(expected, d.Message);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void TheTemplateDiagnosticPointsAtTheOffendingArgument()
    {
        KnobDiagnostic d = Error(TypeWithArguments("\"{rate}, 1, evil()\""), KnobDiagnosticIds.InvalidKnobTypeDeclaration);
        // '    arguments: "' is 16 characters; the third argument starts 11 characters into the value.
        Assert.Equal(16 + 11 + 1, d.Location.Column);
    }

    [Theory]
    [InlineData("\"{rate}\\n#error injected\"")]
    [InlineData("\"{rate}\\n#define X\"")]
    [InlineData("\"{rate}\\n#line 1 \\\"x\\\"\"")]
    [InlineData("\"{rate},\\u0000 1\"")]
    public void ALineBreakOrControlCharacterInATemplateIsRefused(string arguments)
    {
        KnobDiagnostic d = Error(TypeWithArguments(arguments), KnobDiagnosticIds.InvalidKnobTypeDeclaration);
        Assert.Contains("line break or control character", d.Message);
    }

    [Fact]
    public void AcceptedTemplatesApplyToExactlyTheirLiterals()
    {
        KnobTableReadResult result = KnobTableReader.Read("knobs.yaml", TypeWithArguments("\"{rate}, 1, -2, 0.5, 0.5f, 1e-3, 2.5e+2d, true, false\""));
        Knob knob = Assert.Single(result.Table!.Knobs, k => k.Id == 501);
        Assert.All(knob.CallArguments, a => Assert.True(ArgumentTemplate.IsSafeArgument(a), a));
        Assert.Equal(new[] { "2", "1", "-2", "0.5", "0.5f", "1e-3", "2.5e+2d", "true", "false" }, knob.CallArguments.ToArray());
    }

    [Theory]
    [InlineData("[99999999999]", "an integer", "perf")]
    [InlineData("[\"1,99999999999,0\"]", "an integer", "perf")]
    public void BuiltInKnobParametersOutsideIntAreTableDiagnostics(string parameters, string expected, string type)
    {
        string yaml = "knobs:\n  - {type: " + type + ", id: 121, parameters: " + parameters + ", speedup: 1.5}\n";
        KnobTableReadResult result = KnobTableReader.Read("knobs.yaml", yaml);
        Assert.Null(result.Table);
        Assert.Contains(result.Diagnostics, d => d.IsError && (d.Id == KnobDiagnosticIds.InvalidParameter || d.Id == KnobDiagnosticIds.WrongParameterCount) && d.Message.Contains(expected, StringComparison.Ordinal) || d.Id == KnobDiagnosticIds.WrongParameterCount);
    }

    [Fact]
    public void APerforationRateOutsideIntIsAParameterDiagnosticNotACompileError()
    {
        KnobDiagnostic d = Error("knobs:\n  - {type: perf, id: 121, parameters: \"1,99999999999,0\", speedup: 1.5}\n", KnobDiagnosticIds.InvalidParameter);
        Assert.Contains("99999999999", d.Message);
        Assert.Equal(2, d.Location.Line);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("1" + "00000000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0x10")]
    [InlineData("1;")]
    public void AUserTypeParameterThatIsNoCheckedLiteralIsADiagnostic(string value)
    {
        string yaml = TypeWithArguments("\"{rate}\"").Replace("parameters: [2]", "parameters: [\"" + value + "\"]");
        KnobDiagnostic d = Error(yaml, KnobDiagnosticIds.InvalidParameter);
        Assert.Equal(8, d.Location.Line);
    }

    [Fact]
    public void ControlCharactersFromATableAreEscapedInDiagnostics()
    {
        KnobTableReadResult result = KnobTableReader.Read("knobs.yaml", "knobs:\n  - {type: \"evil\\e[2J\\nKNB0000 fake\", id: 501, speedup: 1}\n");
        KnobDiagnostic d = Assert.Single(result.Diagnostics, x => x.IsError);
        Assert.DoesNotContain('\n', d.Message);
        Assert.DoesNotContain('\u001B', d.Message);
        Assert.Contains("\\u001B", d.Message);
        Assert.Contains("\\n", d.Message);
    }

    [Fact]
    public void SafeTextEscapesEveryUnsafeCharacterAndKeepsSurrogatePairs()
    {
        Assert.Equal("a\\nb\\r\\t\\u001B[2J\\u009B\\u2028\\u202E\\u2066\\uD800 \ud83d\ude00 \\ ok",
            SafeText.Escape("a\nb\r\t\u001B[2J\u009B\u2028\u202E\u2066\ud800 \ud83d\ude00 \\ ok"));
        Assert.Equal("plain", SafeText.Escape("plain"));
        Assert.Equal("", SafeText.Escape(null));
    }

    [Fact]
    public void MoreKnobsThanTheLimitIsOneDiagnosticAtTheFirstKnobOver()
    {
        var text = new StringBuilder("knobs:\n");
        for (int i = 0; i <= KnobTableReader.MaxKnobs; i++) text.Append("  - {type: fp32, id: ").Append(1000 + i).Append(", speedup: 1}\n");
        KnobDiagnostic d = Error(text.ToString(), KnobDiagnosticIds.TableTooLarge);
        Assert.Equal(KnobTableReader.MaxKnobs + 2, d.Location.Line);
    }

    [Fact]
    public void AUtf16TableReadsTheSameFromAFileAsFromText()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.HpvmData, "global_knobs.txt"));
        string path = _dir.File("global_knobs.txt");
        File.WriteAllText(path, text, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        KnobTableReadResult fromFile = KnobTableReader.ReadFile(path);
        KnobTableReadResult fromText = KnobTableReader.Read(path, text);
        Assert.Empty(fromFile.Diagnostics.Where(d => d.IsError));
        Assert.Equal(fromText.Table!.Knobs.Select(k => k.Id), fromFile.Table!.Knobs.Select(k => k.Id));
    }

    [Fact]
    public void ADottedUserFromOpIsTheDefaultAppliesTo()
    {
        string yaml = "types:\n  - name: mine\n    from: MyOps.MyConv\n    to: MyOps.MyConvApprox\n    parameters: [rate]\n    arguments: \"{rate}\"\nknobs:\n  - {type: mine, id: 501, parameters: [2], speedup: 1.5}\n";
        Knob knob = Assert.Single(KnobTableReader.Read("knobs.yaml", yaml).Table!.Knobs);
        Assert.Equal(new[] { "MyOps.MyConv" }, knob.AppliesTo.ToArray());
    }

    // ---- profiles, tables ---------------------------------------------------------------------------------------

    private static string ProfileText() => ProfileWriter.ToText(SampleTables.Profile("fp32", 11));

    [Fact]
    public void ALoneSurrogateInAProfileIsAFormatErrorWithItsLine()
    {
        string text = ProfileText();
        string[] lines = text.Split('\n');
        lines[1] = lines[1].Replace("\"conv\"", "\"\\ud800\"");
        var e = Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(string.Join("\n", lines)), "p.jsonl"));
        Assert.Equal(2, e.Line);
        Assert.Contains("surrogate", e.Problem);
    }

    [Fact]
    public void ALoneSurrogateInATableIsAFormatError()
    {
        string json = TableJsonWriter.ToText(SampleTables.Build()).Replace("\"LeNetMnist\"", "\"\\udc00\"");
        var e = Assert.Throws<TableFormatException>(() => TableJsonReader.Parse(json, "t.json"));
        Assert.Contains("surrogate", e.Problem);
    }

    [Theory]
    [InlineData("-3.5")]
    [InlineData("1e308")]
    [InlineData("1e400")]
    public void ATimeThatIsNegativeOrAbsurdIsAFormatErrorInEveryReader(string value)
    {
        string profile = ProfileText();
        int at = profile.IndexOf("\"mean\":", StringComparison.Ordinal) + "\"mean\":".Length;
        int end = profile.IndexOf(',', at);
        string bad = profile.Substring(0, at) + value + profile.Substring(end);
        Assert.Throws<ProfileFormatException>(() => ProfileReader.Read(new StringReader(bad), "p.jsonl"));

        string tensors = HpvmTensorTableWriter.ToText(SampleTables.Build());
        string[] lines = tensors.Split('\n');
        string[] fields = lines[1].Split(' ');
        fields[5] = value;
        lines[1] = string.Join(" ", fields);
        var e = Assert.Throws<TableFormatException>(() => HpvmTensorTableReader.Parse(string.Join("\n", lines), "t.tensors.txt", "LeNetMnist"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void ANodeClaimingIntMaxOpsIsAFormatErrorNotAnOverflow()
    {
        string tensors = HpvmTensorTableWriter.ToText(SampleTables.Build());
        string[] lines = tensors.Split('\n');
        int second = Array.FindIndex(lines, 1, l => l.StartsWith("** ", StringComparison.Ordinal));
        string[] head = lines[second].Split(' ');
        head[2] = "2147483647";
        lines[second] = string.Join(" ", head);
        var e = Assert.Throws<TableFormatException>(() => HpvmTensorTableReader.Parse(string.Join("\n", lines), "t.tensors.txt", "LeNetMnist"));
        Assert.Contains("announces 2147483647 ops", e.Problem);
    }

    [Fact]
    public void ControlCharactersInAFormatErrorAreEscaped()
    {
        var e = new TableFormatException("t\u001B.json", 3, "bad \n line");
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\u001B', e.Message);
    }

    [Fact]
    public void CsvTextCellsCannotStartASpreadsheetFormulaButNumbersStayNumbers()
    {
        Assert.Equal("'=HYPERLINK(\"\"x\"\")".Length + 2, TableText.Csv("=HYPERLINK(\"x\")").Length);
        Assert.StartsWith("\"'=", TableText.Csv("=HYPERLINK(\"x\")"), StringComparison.Ordinal);
        Assert.Equal("'+cmd", TableText.Csv("+cmd"));
        Assert.Equal("'@SUM(A1)", TableText.Csv("@SUM(A1)"));
        Assert.Equal("'-x", TableText.Csv("-x"));
        Assert.Equal("-0.25", TableText.Csv("-0.25"));
        Assert.Equal("+1e3", TableText.Csv("+1e3"));
    }

    // ---- configurations -----------------------------------------------------------------------------------------

    private const string Baseline = "1 gpu conv fp32 11 add fp32 1\n2 gpu softmax fp32 1\n";

    private static ConfigurationDiagnostic ConfigError(string text, string id)
    {
        ConfigurationReadResult result = ConfigurationReader.Parse(text, "confs.txt");
        Assert.Null(result.File);
        return Assert.Single(result.Diagnostics, d => d.IsError && d.Id == id);
    }

    [Theory]
    [InlineData("../../../../tmp/x/ESCAPED", "starts with '.'")]
    [InlineData("x/../../../../tmp/x/ESCAPED", "'/'")]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("..", "starts with '.'")]
    public void AConfigurationNameThatIsNoSafeFileNameIsADiagnosticWithLineAndColumn(string name, string expected)
    {
        ConfigurationDiagnostic d = ConfigError("10.5\n+++++\n" + name + " 1 1 90 0.0\n" + Baseline + "-----\n", DiagnosticIds.BadName);
        Assert.Equal(3, d.Line);
        Assert.Equal(1, d.Column);
        Assert.Contains(expected, d.Message);
    }

    [Fact]
    public void TwoConfigurationsWithOneNameAreADiagnosticNamingTheFirst()
    {
        string block = "+++++\nconf1 1 1 90 0.0\n" + Baseline + "-----\n";
        ConfigurationDiagnostic d = ConfigError("10.5\n" + block + block, DiagnosticIds.BadName);
        Assert.Equal(8, d.Line);
        Assert.Contains("line 3", d.Message);
    }

    [Theory]
    [InlineData('\u001B')]
    [InlineData('\r')]
    [InlineData('\u202E')]
    [InlineData('\0')]
    public void AControlCharacterInAConfigurationFileIsADiagnostic(char c)
    {
        ConfigurationDiagnostic d = ConfigError("10.5\n+++++\nconf" + c + "1 1 1 90 0.0\n" + Baseline + "-----\n", DiagnosticIds.ControlCharacter);
        Assert.Equal(3, d.Line);
        Assert.Equal(5, d.Column);
    }

    [Fact]
    public void AZeroTimeTableGivesADiagnosticNotANaNSpeedup()
    {
        LookupTable table = SampleTables.Build();
        var zeroNodes = table.Nodes.Select(n => new TableNode(n.Id, n.Name, n.Ops.Select(o =>
            new TableOp(o.Kind, o.Cells.Select(c => c is null ? null : new TableCell(c.Op, c.Approx, 0, null, c.Energy)).ToList(), o.F2h, o.H2f)).ToList())).ToList();
        var zero = new LookupTable(table.Benchmark, table.Environment, table.Settings, table.Knobs, zeroNodes, table.Sources);
        string confs = "10.5\n+++++\nconf1 1 1 90 0.0\n1 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n2 gpu conv fp32 11 add fp32 1 tanh fp32 1 pool_max fp32 1\n" +
            "3 gpu mul fp32 11 add fp32 1 tanh fp32 1\n4 gpu mul fp32 11 add fp32 1 tanh fp32 1\n5 gpu softmax fp32 1\n-----\n";
        ConfigurationReadResult read = ConfigurationReader.Parse(confs, "confs.txt", new Simulator(zero).ReaderOptions());
        Assert.NotNull(read.File);
        SimulationResult result = new Simulator(zero).Simulate(read.File!, new SimulationOptions { GpuOnCpu = true });
        Assert.Empty(result.Predictions);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Id == DiagnosticIds.BadTableFile && d.Message.Contains("no speedup", StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", SimulationWriter.ToCsv(result));
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    [Fact]
    public void ConcurrentAtomicWritersToOnePathNeverFailAndLeaveOneWholeFile()
    {
        string path = _dir.File("profile.jsonl");
        string[] contents = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 4096 + i)).ToArray();
        int failures = 0;
        Parallel.For(0, 8 * 150, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                AtomicFile.WriteAllText(path, contents[i % 8]);
            }
            catch (IOException)
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir.Path));
    }
}
